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
// "that's not my address", "my old address x@ is dead", "x@ bounces".
const DISOWNED =
  /\b(?:(?:don['’]?t|do\s+not|never)\s+(?:have|own|use|check|read)|(?:isn['’]?t|is\s+not|not)\s+(?:my|mine|me)\b|(?:old|former|previous|dead|defunct|inactive|expired|obsolete|closed|deleted)\s+(?:e-?mail|address|account|inbox|one)|no\s+longer|not\s+(?:working|active|in\s+use|valid)|doesn['’]?t\s+work|does\s+not\s+work|bounc(?:es|ed|ing)|is\s+dead|was\s+(?:closed|deleted))/iu;
// A list, newsletter or robot mailbox is nobody to get back to.
const LIST_WORDS = /\b(?:mailing\s+list|newsletter|listserv|(?:un)?subscribe)\b/iu;
const ROBOT_MAILBOX = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+.-][^@]*)?@/iu;

/** Whether `sentence` offers `email` as its writer's own way to be contacted. */
export function offersOwnAddress(sentence: string, email: string): boolean {
  return (
    !THIRD_PERSON.test(sentence) &&
    !THIRD_PERSON_ELSEWHERE.test(sentence) &&
    !REFUSAL.test(sentence) &&
    !DISOWNED.test(sentence) &&
    !LIST_WORDS.test(sentence) &&
    !ROBOT_MAILBOX.test(email)
  );
}
