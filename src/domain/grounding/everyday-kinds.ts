/**
 * A small thesaurus of everyday kinds visitors ask a person about, each with common members
 * (docs/adr/0403): "Do you have any pets?" is answered by "a cat called Anchoa", "Do you have
 * kids?" by "our two boys". The local encoder's word cosines do not tell a member ("cat" for
 * "pet", 0.58) from a neighbour ("cat" for "dog", 0.66), so these few general relations are
 * written down. Only kind -> member: a dog is a pet, a cat is no answer to "a dog".
 */
const KINDS: Readonly<Record<string, string>> = {
  pet: 'dog cat puppy kitten rabbit hamster parrot budgie tortoise turtle horse pony goldfish ferret',
  animal: 'dog cat puppy kitten rabbit hamster parrot budgie tortoise turtle horse pony goldfish ferret chicken goat',
  kid: 'son daughter boy girl baby toddler teenager stepson stepdaughter',
  child: 'son daughter boy girl baby toddler teenager stepson stepdaughter',
  children: 'son daughter boy girl baby toddler teenager stepson stepdaughter',
  married: 'wife husband spouse',
  spouse: 'wife husband',
  sibling: 'brother sister twin',
  parent: 'mother father mum mom dad',
  instrument:
    'cello violin viola piano guitar drum flute saxophone trumpet clarinet ukulele harp accordion bass trombone',
  music:
    'cello violin viola piano guitar drum flute saxophone trumpet clarinet ukulele harp accordion orchestra choir band',
  sport:
    'football soccer tennis running cycling swimming climbing bouldering skiing rugby cricket baseball basketball golf hockey rowing sailing surfing',
};

const MEMBERS = new Map(Object.entries(KINDS).map(([kind, members]) => [kind, new Set(members.split(' '))]));

/** Whether one of `held` (plural-folded terms) is a common member of the kind `term` names. */
export function namesMemberOf(term: string, held: readonly string[]): boolean {
  const members = MEMBERS.get(term);
  return members !== undefined && held.some((word) => members.has(word));
}
