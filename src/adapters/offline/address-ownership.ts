// Whether a sentence hands over an address as the visitor's own contact. The offline twin records
// a lead only then: a lead the owner writes to must be someone who asked to be written to.

// Someone else's address: a third-person owner in the sentence ("my colleague carol@...", "her
// email"), in English and in the other languages the twin reads (German, French, Spanish,
// Portuguese, Italian: "mein Kollege", "mon collègue", "mi colega", "meu colega", "mio collega").
// Spanish "su" and Italian "suo" also mean the formal "your", and German "ihr" "your" (plural),
// so only the unambiguous third-person forms are read: German "sein", French "son/sa/ses",
// Portuguese "dele/dela".
const THIRD_PERSON =
  /\b(?:(?:my|our)\s+(?:\w+\s+)?(?:colleague|friend|boss|manager|partner|wife|husband|brother|sister|mother|father|mom|mum|dad|son|daughter|co-?worker|co-?founder|team-?mate|assistant|client|customer|recruiter|employee|cto|ceo|cousin|uncle|aunt|neighbou?r|contact)s?|his|her|hers|their|theirs|he|she|they)\b/iu;
const THIRD_PERSON_ELSEWHERE =
  /(?:^|[^\p{L}])(?:(?:mein|meine|meinem|meinen|meiner|unser|unsere)\s+(?:Kolleg(?:e|in|en)|Freund(?:in)?|Chef(?:in)?|Frau|Mann|Bruder|Schwester|Mutter|Vater|Partner(?:in)?|Kunde|Kundin)|(?:sein|seine|seinem|seinen|seiner)\s+|(?:mon|ma|mes|notre)\s+(?:collègue|ami|amie|patron|patronne|chef|femme|mari|frère|sœur|mère|père|client|cliente)|(?:son|sa|ses)\s+(?:adresse|e-?mail|courriel|mail)|(?:mi|mis|nuestro|nuestra)\s+(?:colega|amig[oa]|jef[ea]|espos[oa]|herman[oa]|madre|padre|cliente|socio|socia)|(?:meu|minha|nosso|nossa)\s+(?:colega|amig[oa]|chefe|esposa|marido|irmão|irmã|mãe|pai|cliente|sóci[oa])|(?:dele|dela)(?:[^\p{L}]|$)|(?:mio|mia|nostro|nostra)\s+(?:collega|amic[oa]|capo|moglie|marito|fratello|sorella|madre|padre|cliente|soci[oa]))/iu;
// A refusal: "don't contact me at ...", "do not email", "never write", "no need to reach me".
const REFUSAL =
  /\b(?:don['’]?t|do\s+not|doesn['’]?t|does\s+not|never|no\s+need\s+to|not\s+to|stop)\s+(?:\w+\s+)?(?:contact|e-?mail|mail|write|reach|call|message|spam|ping|text)/iu;
// An address the visitor says is not theirs or no longer works: "I don't have an email like x@",
// "that's not my address", "my old address x@ is dead", "x@ bounces", "I used to be at x@".
const DISOWNED =
  /\b(?:(?:don['’]?t|do\s+not|never)\s+(?:have|own|use|check|read)|(?:isn['’]?t|is\s+not|not)\s+(?:my|mine|me)\b|(?:old|former|previous|dead|defunct|inactive|expired|obsolete|closed|deleted|fake|spam|scam|test)\s+(?:e-?mail|address|account|inbox|one)|no\s+longer|used\s+to|not\s+(?:working|active|in\s+use|valid)|doesn['’]?t\s+work|does\s+not\s+work|bounc(?:es|ed|ing)|is\s+dead|was\s+(?:closed|deleted)|spammers?|scammers?|phishing)/iu;
// What follows an address and speaks of it, not of the next one: "x@ is dead", "x@ isn't mine".
const DISOWNED_AFTER =
  /^[^@]*?\b(?:is\s+dead|(?:is|was)\s+(?:closed|deleted|old)|bounc(?:es|ed|ing)|doesn['’]?t\s+work|does\s+not\s+work|no\s+longer|(?:isn['’]?t|is\s+not)\s+(?:my|mine))/iu;
// "My email is NOT x@": a negation right before the address.
const NEGATED_BEFORE = /\bnot\s*$/iu;
// A list, newsletter or robot mailbox is nobody to get back to.
const LIST_WORDS = /\b(?:mailing\s+list|newsletter|listserv|(?:un)?subscribe)\b/iu;
const ROBOT_MAILBOX = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+.-][^@]*)?@/iu;
// A question that asks about an address before naming it ("what do you think of x@ as a test
// address?") offers it only in the first person ("can you email me at x@?").
const ASKING = /\b(?:what|which|whose|who|how|why|is|are|does|do|would|should|can|could)\b/iu;
const FIRST_PERSON = /\b(?:me|my|mine|i|i['’]m|myself|us|our)\b/iu;

/**
 * The text around `email` in `sentence` that speaks of it: from the previous address (or the
 * sentence's start) to the next one (or its end). Of the text before the next address, only what
 * plainly refers back ("is dead") counts: the rest introduces the next address ("...; my
 * colleague's is y@").
 */
function around(sentence: string, email: string): { before: string; after: string; last: boolean } {
  const lower = sentence.toLowerCase();
  const at = lower.indexOf(email);
  if (at < 0) return { before: sentence, after: '', last: true };
  const end = at + email.length;
  const previous = lower.lastIndexOf('@', at - 1);
  const beforeStart = previous < 0 ? 0 : previousEnd(lower, previous);
  const next = lower.indexOf('@', end);
  const afterEnd = next < 0 ? sentence.length : lower.lastIndexOf(' ', next) + 1 || next;
  return {
    before: sentence.slice(beforeStart, at),
    after: sentence.slice(end, Math.max(end, afterEnd)),
    last: next < 0,
  };
}

// The end of the address holding the '@' at `index`: the first space (or end) after it.
function previousEnd(lower: string, index: number): number {
  const space = lower.slice(index).search(/[\s,;]/u);
  return space < 0 ? lower.length : index + space;
}

/** Whether `sentence` offers `email` (lower case, as emailsIn gives it) as its writer's own contact. */
export function offersOwnAddress(sentence: string, email: string): boolean {
  if (ROBOT_MAILBOX.test(email) || LIST_WORDS.test(sentence) || REFUSAL.test(sentence)) return false;
  const { before, after, last } = around(sentence, email);
  if (sentence.trimEnd().endsWith('?') && !FIRST_PERSON.test(sentence) && ASKING.test(before)) return false;
  const own = last ? `${before} ${after}` : before;
  return (
    !THIRD_PERSON.test(own) &&
    !THIRD_PERSON_ELSEWHERE.test(own) &&
    !DISOWNED.test(own) &&
    !NEGATED_BEFORE.test(before) &&
    !DISOWNED_AFTER.test(after)
  );
}
