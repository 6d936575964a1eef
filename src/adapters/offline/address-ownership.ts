// Whether a sentence hands over an address as the visitor's own contact. The offline twin records
// a lead only then: a lead the owner writes to must be someone who asked to be written to.

// Someone else's address: a third-person owner in the sentence ("my colleague carol@...", "her
// email"), in English and in the other languages the twin reads (German, French, Spanish,
// Portuguese, Italian: "mein Kollege", "mon collègue", "mi colega", "meu colega", "mio collega").
// Spanish "su" and Italian "suo" also mean the formal "your", and German "ihr" "your" (plural),
// so only the unambiguous third-person forms are read: German "sein", French "son/sa/ses",
// Portuguese "dele/dela".
const OWNERS =
  '(?:colleague|friend|boss|manager|partner|wife|husband|brother|sister|mother|father|mom|mum|dad|son|daughter|co-?worker|co-?founder|team-?mate|assistant|client|customer|recruiter|employee|cto|ceo|cousin|uncle|aunt|neighbou?r|contact|girlfriend|boyfriend|fianc[eé]e?|supervisor|lead|director|secretary)s?';
const THIRD_PERSON = new RegExp(
  `\\b(?:(?:my|our)\\s+(?:\\w+\\s+)?${OWNERS}|his|her|hers|their|theirs|he|she|they|the\\s+(?:organi[sz]ers?|speakers?|recruiters?|hiring\\s+manager|author|owner|host|editor|sender|ceo|cto|founder|admin(?:istrator)?|chair|secretary|hr\\s+team|team\\s+lead))\\b`,
  'iu',
);
// Passing on someone else's message: "asked me to forward this", "on behalf of".
const FORWARDED =
  /\b(?:asked\s+me\s+to\s+(?:forward|pass|send|share|relay)|forward(?:ing|ed)?\s+(?:this|it|on)|on\s+behalf\s+of|pass(?:ing)?\s+(?:this|it)\s+(?:on|along))\b/iu;
const THIRD_PERSON_ELSEWHERE =
  /(?:^|[^\p{L}])(?:(?:mein|meine|meinem|meinen|meiner|meines|unser|unsere|unseres|unserer)\s+(?:Kolleg(?:e|in|en)|Freund(?:e?s|in)?|Chef(?:in|s)?|Frau|Mann(?:es)?|Bruder|Bruders|Schwester|Mutter|Vater|Vaters|Partner(?:in|s)?|Kunde|Kunden|Kundin|Vorgesetzten?|Mitarbeiter(?:in|s)?)|(?:sein|seine|seinem|seinen|seiner)\s+|(?:mon|ma|mes|notre)\s+(?:collègue|ami|amie|patron|patronne|chef|femme|mari|frère|sœur|mère|père|client|cliente)|(?:son|sa|ses)\s+(?:adresse|e-?mail|courriel|mail)|(?:mi|mis|nuestro|nuestra)\s+(?:colega|amig[oa]|jef[ea]|espos[oa]|herman[oa]|madre|padre|cliente|socio|socia|mujer|marido|novi[oa]|hij[oa]|compañer[oa])|(?:meu|minha|nosso|nossa)\s+(?:colega|amig[oa]|chefe|esposa|marido|mulher|namorad[oa]|filh[oa]|irmão|irmã|mãe|pai|cliente|sóci[oa]|patrão|gerente)|(?:mijn|onze|ons)\s+(?:collega|baas|vrouw|man|vriend(?:in)?|broer|zus|moeder|vader|partner|klant|chef|manager|leidinggevende)|(?:мо(?:й|я|его|ей|ему|ю|ими?)|наш(?:его|ей|а|и)?)\s+(?:коллег|начальни|жен|муж|друг|друз|подруг|брат|сестр|босс|руководител|клиент|партн[её]р|шеф)|(?:его|её|ее|их)\s+(?:почт|адрес|e-?mail|имейл)|(?:dele|dela)(?:[^\p{L}]|$)|(?:mio|mia|nostro|nostra)\s+(?:collega|amic[oa]|capo|moglie|marito|fratello|sorella|madre|padre|cliente|soci[oa]))/iu;
// Chinese, Japanese and Korean: "我同事的邮箱", "同僚のメール", "제 동료", "他的邮箱", "彼女のメール".
const THIRD_PERSON_CJK =
  /(?:我|我们|我們)?的?(?:同事|老板|老闆|朋友|妻子|老婆|丈夫|老公|经理|經理|上司|领导|領導|客户|客戶|同学|同學|哥哥|姐姐|弟弟|妹妹|父亲|母亲|爸爸|妈妈|合伙人|他|她|他们|她们)的|(?:同僚|上司|友人|友達|妻|夫|家内|主人|部下|顧客|社長|兄|姉|弟|妹|父|母|彼|彼女|彼ら)の|(?:제|내|저의|나의|우리)\s*(?:동료|상사|친구|아내|남편|사장|팀장|고객|형|누나|언니|오빠|동생)|(?:그|그녀)의/u;
// A refusal: "don't contact me at ...", "do not email", "never write", "no need to reach me".
const REFUSAL =
  /\b(?:don['’]?t|do\s+not|doesn['’]?t|does\s+not|never|no\s+need\s+to|not\s+to|stop)\s+(?:\w+\s+)?(?:contact|e-?mail|mail|write|reach|call|message|spam|ping|text)|(?:^|[^\p{L}])(?:n[ãa]o|no|nunca)\s+(?:me\s+)?(?:contact|escrev|escrib|mand|envi|lig|llam)|(?:^|[^\p{L}])ne\s+(?:me\s+)?(?:contact|écri|ecri|envoy)\S*\s+(?:pas|jamais)|(?:^|[^\p{L}])(?:kontaktier|schreib|mail)\S*\s+(?:\S+\s+)?(?:mir|mich|uns)\s+nicht|nicht\s+(?:kontaktieren|anschreiben|schreiben)|(?:^|[^\p{L}])non\s+(?:mi\s+)?(?:contatt|scriv|mand)|(?:^|[^\p{L}])не\s+(?:пишите|пиши|звоните|связывайтесь|беспокойте)|不要(?:联系|聯繫|给我发|發)|連絡しないで|연락하지\s*마/iu;
// An address the visitor says is not theirs or no longer works: "I don't have an email like x@",
// "that's not my address", "my old address x@ is dead", "x@ bounces", "I used to be at x@".
const DISOWNED =
  /\b(?:(?:don['’]?t|do\s+not|never)\s+(?:have|own|use|check|read)|(?:isn['’]?t|is\s+not|not)\s+(?:my|mine|me)\b|(?:old|former|previous|dead|defunct|inactive|expired|obsolete|closed|deleted|fake|spam|scam|test)\s+(?:e-?mail|address|account|inbox|one)|no\s+longer|used\s+to|not\s+(?:working|active|in\s+use|valid)|doesn['’]?t\s+work|does\s+not\s+work|bounc(?:es|ed|ing)|is\s+dead|was\s+(?:closed|deleted)|spammers?|scammers?|phishing)|(?:^|[^\p{L}])(?:antig[oa]|velh[oa]|antiguo|viejo|vieja|ancien(?:ne)?|alten?|ehemalige[nr]?|frühere[nr]?|vecchi[oa]|oude|старый|старая|старой|прежн\p{L}*)\s+(?:e-?mail|endereço|dirección|direccion|correo|adresse|courriel|mail|indirizzo|adres|почт\p{L}*|адрес)|já\s+não|ja\s+nao|ya\s+no|n['’]utilise\s+plus|ne\s+(?:marche|fonctionne)\s+plus|nicht\s+mehr|non\s+(?:uso|funziona)\s+più|niet\s+meer|больше\s+не|не\s+работает|不再使用|已经不用|もう使って(?:い)?ない|使っていない/iu;
// What follows an address and speaks of it, not of the next one: "x@ is dead", "x@ isn't mine".
const DISOWNED_AFTER =
  /^[^@]*?\b(?:is\s+dead|(?:is|was)\s+(?:closed|deleted|old)|bounc(?:es|ed|ing)|doesn['’]?t\s+work|does\s+not\s+work|no\s+longer|(?:isn['’]?t|is\s+not)\s+(?:my|mine))/iu;
// "Ce n'est pas mon adresse", "nicht meine Adresse", "不是我的", "私のメールではありません": not the
// writer's own, in the languages the twin reads (English is DISOWNED's and DISOWNED_AFTER's).
const NOT_MINE =
  /(?:^|[^\p{L}])(?:(?:n['’]est\s+)?pas\s+(?:mon|ma|mes|à\s+moi)|nicht\s+(?:mein|meine|meiner|meines|mir)|no\s+es\s+(?:mi|mío|mía|mio|mia)|não\s+é\s+(?:o\s+|a\s+)?(?:meu|minha)|non\s+è\s+(?:il\s+|la\s+)?(?:mio|mia)|niet\s+(?:mijn|van\s+mij)|не\s+(?:мой|моя|моё|мое))(?:[^\p{L}]|$)|不是我的|私の(?:メール|アドレス|メールアドレス)?(?:では|じゃ)(?:ありません|ない)|제\s*(?:이메일|것)이\s*아닙니다|내\s*것이\s*아니/iu;
// "x@ is a friend's", "x@ was my boss's": the words after an address give it to someone else.
const SOMEONE_ELSES_AFTER =
  /^\s*[(,:-]?\s*(?:is|was|=)\s+(?:a|an|my|his|her|their|our|the)\s+[\p{L}-]+['’]s?\b(?!\s*(?:e-?mail|address)\s+(?:is\s+)?(?:mine|me))/iu;
// "My email is NOT x@": a negation right before the address.
const NEGATED_BEFORE = /\bnot\s*$/iu;
// A list, newsletter or robot mailbox is nobody to get back to.
const LIST_WORDS =
  /\b(?:mailing\s+list|newsletter|listserv|(?:un)?subscribe|(?:the|a|this|that|their|our|your)\s+(?:[\w-]+\s+){0,2}list|list\s+(?:is|at|address))\b/iu;
const LIST_ADDRESS = /@lists?\.|^[^@]*-(?:l|list|users|announce|devel?)@/iu;
// An address given as an example: "Here is an example address, test@test.com", "e.g. user@...".
const EXAMPLE =
  /\b(?:example|sample|dummy|placeholder|e\.\s?g\.|for\s+instance|such\s+as|z\.\s?b\.|por\s+ejemplo|por\s+exemplo|par\s+exemple|zum\s+beispiel|ad\s+esempio)(?![\w.-]*@)/iu;
const ROBOT_MAILBOX = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+.-][^@]*)?@/iu;
// A question that asks about an address before naming it ("what do you think of x@ as a test
// address?") offers it only in the first person ("can you email me at x@?").
const ASKING = /\b(?:what|which|whose|who|how|why|is|are|does|do|would|should|can|could)\b/iu;
// After the address: "is that you?", "is it yours?", "do you use it?".
const ASKING_AFTER =
  /\b(?:is|was)\s+(?:that|this|it)\s+(?:you|yours|your|really|correct|right|still)\b|\bdo\s+you\s+(?:use|own|know|check|read)\s+(?:it|this|that|them)\b/iu;
// The visitor as the one to contact ("email me", "my address"), in the languages above; not
// any "I" ("Should I write to x@?" asks about someone else's address).
const FIRST_PERSON =
  /\b(?:me|my|mine|myself|us|our)\b|(?:^|[^\p{L}])(?:mijn|mein|meine|mich|mir|mon|ma|moi|mi|meu|minha|mio|mia|моя|мой|мне|мной)(?:[^\p{L}]|$)|我的|私の|(?:^|\s)(?:제|저의)\s/iu;
// "I am x@", "I'm x@": the visitor's own, whatever the sentence asks after it.
const I_AM_BEFORE = /\b(?:i\s+am|i['’]?m|this\s+is|it['’]s)\s*$/iu;
// Words right after an address that say whose it is: "x@ is my colleague", "x@ (that's my boss)".
const OWNER_AFTER = new RegExp(
  `^[\\s,;:.!(-]*(?:(?:which|that|this|it|who)\\s+(?:is|was|belongs\\s+to)|(?:that|this|it|who)['’]s|is|was|belongs\\s+to)\\s+(?:(?:my|our)\\s+(?:\\w+\\s+)?${OWNERS}|(?:his|her|their)\\b|(?:him|her|them)\\b)`,
  'iu',
);
// A following sentence that speaks of the address just given: "That is my boss's address."
const BACK_REFERENCE = /^\s*(?:that|this|it|which|the\s+(?:e-?mail|address)|the\s+(?:latter|former))\b/iu;

/**
 * The text around `email` in `sentence` that speaks of it: from the previous address (or the
 * sentence's start) to the next one (or its end). Of the text before the next address, only what
 * plainly refers back ("is dead") counts: the rest introduces the next address ("...; my
 * colleague's is y@").
 */
function around(sentence: string, email: string): { before: string; after: string; last: boolean; first: boolean } {
  const lower = sentence.toLowerCase();
  const at = lower.indexOf(email);
  if (at < 0) return { before: sentence, after: '', last: true, first: true };
  const end = at + email.length;
  const previous = lower.lastIndexOf('@', at - 1);
  const beforeStart = previous < 0 ? 0 : previousEnd(lower, previous);
  const next = lower.indexOf('@', end);
  const afterEnd = next < 0 ? sentence.length : lower.lastIndexOf(' ', next) + 1 || next;
  return {
    before: sentence.slice(beforeStart, at),
    after: sentence.slice(end, Math.max(end, afterEnd)),
    last: next < 0,
    first: previous < 0,
  };
}

// The end of the address holding the '@' at `index`: the first space (or end) after it.
function previousEnd(lower: string, index: number): number {
  const space = lower.slice(index).search(/[\s,;]/u);
  return space < 0 ? lower.length : index + space;
}

// Of the words between the previous address and this one, those after the last break ("," ";"
// ")" "but" "and"): the earlier ones speak of the previous address ("x@ (that's my boss) but y@").
function ownPart(before: string, first: boolean): string {
  if (first) return before;
  const parts = before.split(/[,;)]|\b(?:but|and|while|whereas)\b/iu);
  return parts.at(-1) ?? before;
}

/**
 * Whether `sentence` offers `email` (lower case, as emailsIn gives it) as its writer's own
 * contact. `following`: the next sentence, read when it speaks of the address given last
 * ("Here it is: x@. That is my boss's address.").
 */
export function offersOwnAddress(sentence: string, email: string, following = ''): boolean {
  if (ROBOT_MAILBOX.test(email) || LIST_ADDRESS.test(email) || LIST_WORDS.test(sentence) || REFUSAL.test(sentence))
    return false;
  const { before, after, last, first } = around(sentence, email);
  const offering = FIRST_PERSON.test(sentence) || I_AM_BEFORE.test(before);
  if (!offering && (ASKING_AFTER.test(after) || (sentence.trimEnd().endsWith('?') && ASKING.test(before))))
    return false;
  const mine = ownPart(before, first);
  const own = last ? `${mine} ${after}` : mine;
  const then = last && BACK_REFERENCE.test(following) ? following : '';
  return (
    ![THIRD_PERSON, THIRD_PERSON_ELSEWHERE, THIRD_PERSON_CJK, DISOWNED, NOT_MINE, FORWARDED].some(
      (pattern) => pattern.test(own) || pattern.test(then),
    ) &&
    // An example is no one's, wherever the sentence says so ("x@ or y@ are examples").
    !EXAMPLE.test(sentence.replace(/\S*@\S*/gu, ' ')) &&
    !NOT_MINE.test(after) &&
    !SOMEONE_ELSES_AFTER.test(after) &&
    !NEGATED_BEFORE.test(before) &&
    !DISOWNED_AFTER.test(after) &&
    !OWNER_AFTER.test(after)
  );
}

// "Can I give you my colleague's email?": the address in the next message is that person's.
const ANNOUNCED_THIRD_PARTY = new RegExp(
  `\\b(?:(?:my|our)\\s+(?:\\w+\\s+)?${OWNERS}['’]?s?\\s+(?:\\w+\\s+)?|(?:his|her|their)\\s+(?:\\w+\\s+)?)(?:e-?mail|address|contact)`,
  'iu',
);

/**
 * Whether the visitor's previous message announced someone else's address, so a message that is
 * only an address gives that one ("Can I give you my colleague's email?" then "b@...").
 */
export function announcesSomeoneElses(previous: string): boolean {
  return ANNOUNCED_THIRD_PARTY.test(previous);
}
