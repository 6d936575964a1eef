import { eng } from 'stopword';
import { isQuestion } from '../../domain/grounding/questions.js';
import { emailsIn } from '../../domain/knowledge/leads.js';
import type { Persona } from '../../domain/persona/persona.js';
import type { ChatTurn, TwinTools } from '../../ports/chat-model.js';
import { announcesSomeoneElses, offersOwnAddress } from './address-ownership.js';

// Requests that ask for an answer without a question mark, in the languages the twin reads.
const REQUEST =
  /^(?:please\s+)?(?:tell|explain|describe|share|give|show|list|send|talk|let\s+me\s+know|cuéntame|dime|explica|dis-moi|explique|raconte|erzähl|sag|erkläre|conta|diga|explique|dimmi|spiegami|raccontami)\b/iu;

/** A visitor's address, recorded; `question` is what else the message asks (null when nothing). */
export interface ContactNoted {
  readonly text: string;
  readonly question: string | null;
}

const FUNCTION_WORDS = new Set<string>(eng);
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
// What a message says around an address to hand it over, and thanks: not a question.
const CONTACT_PHRASES = [
  /\bmailto:/giu,
  /\b(?:(?:you\s+)?(?:can|could|may)\s+|feel\s+free\s+to\s+|please\s+)?(?:e-?mail|mail|write|reach|contact|ping|message|get\s+back)(?:\s+(?:to|back))?\s+(?:me|us)(?:\s+(?:at|on|via|back))?\b/giu,
  /\b(?:(?:you\s+)?(?:can|could|may)\s+)?(?:write|send\s+\w+)\s+to\b/giu,
  /\b(?:my|our)\s+(?:e-?mail(?:\s+address)?|address|contact)(?:\s+is)?\b/giu,
  /\b(?:[Ii]['’]?m|[Ii]\s+am|[Tt]his\s+is|[Ii]t['’]?s|[Mm]y\s+name\s+is)(?:\s+\p{Lu}\p{L}*)?\b/gu,
  // The same in the other languages an address is left in: "Моя почта ..., свяжитесь со мной",
  // "我的邮箱是 ...，请联系我", "私のメールは ... です。連絡ください", "Mijn e-mail is ...".
  /(?<!\p{L})(?:(?:мо[яй]|наш[аи]?)\s+(?:почта|эл\.?\s*почта|электронная\s+почта|e-?mail|имейл|емейл|адрес)(?:\s+(?:это|—|-))?|(?:свяжитесь|свяжись|напишите|напиши|пишите|пиши)(?:\s+(?:мне|нам|со\s+мной|с\s+нами))?(?:\s+(?:на|по))?|(?:mijn|mein|meine|mon|ma|mi|meu|minha|il\s+mio|la\s+mia)\s+(?:e-?mail(?:adres|adresse|-adresse)?|adres|adresse|correo(?:\s+electr[oó]nico)?|endere[cç]o(?:\s+de\s+e-?mail)?|courriel|indirizzo(?:\s+e-?mail)?)(?:\s+(?:is|ist|est|es|é|e|è))?)(?!\p{L})|我的?(?:邮箱|郵箱|电子邮件|電子郵件|邮件|email|e-?mail)(?:地址)?是?|请?(?:联系|聯繫|联络|發郵件給|发邮件给|写信给|寫信給)(?:我们|我)|(?:私|僕|わたし)の(?:メール(?:アドレス)?|アドレス|連絡先)は?|(?:ご)?連絡(?:を)?(?:ください|下さい|お願いします|してください)|よろしく(?:お願いします)?|です/giu,
  /\b(?:here|thanks|thank\s+you|thx|cheers|please|pls|hi|hello|hey|at)\b|(?<!\p{L})(?:пожалуйста|спасибо|вот)(?!\p{L})|谢谢|謝謝|ありがとう(?:ございます)?/giu,
];
// What is left of a statement (no question mark) that still speaks of addresses ("my old
// address is dead; use instead", "not (that's my boss) but"): it asks nothing.
const ADDRESS_TALK = /\b(?:e-?mails?|address(?:es)?|inbox|instead|dead|bounces?|boss|colleague|mine)\b/iu;
const ADDRESS_RUN = /[^\s<>()[\],;"]{1,64}@[^\s<>()[\],;"]{1,255}/gu;
const LEADING_CONNECTIVE = /^(?:[\s,;:.!?&<>()[\]-]|and\b|also\b|plus\b|but\b|then\b|so\b)+/iu;

/** The sentences of `message`, with the addresses each holds. */
function sentencesOf(message: string): { text: string; emails: string[] }[] {
  return [...sentences.segment(message)].map(({ segment }) => ({
    text: segment.trim(),
    emails: [...emailsIn([segment])],
  }));
}

// A sentence with no address of its own, or nothing.
function nextWithout(part: { text: string; emails: string[] } | undefined): string {
  return part !== undefined && part.emails.length === 0 ? part.text : '';
}

/** What a sentence asks once its addresses, contact phrases and thanks are gone; null when nothing. */
function askedBeside(sentence: string, own: string | undefined): string | null {
  // One pass over the address-shaped runs (linear however many there are); the persona's own
  // address stays, it is part of what the visitor asks ("Is noor@... right?").
  const rest = sentence.replace(ADDRESS_RUN, (run) =>
    own !== undefined && run.toLowerCase().includes(own) ? run : ' ',
  );
  const left = CONTACT_PHRASES.reduce((text, phrase) => text.replace(phrase, ' '), rest);
  const words = left.match(/\p{L}+/gu) ?? [];
  // "or", "and you" left between two addresses ask nothing; "Who are you?" is all function words and asks.
  if (words.length === 0 || (!left.includes('?') && words.every((word) => FUNCTION_WORDS.has(word.toLowerCase()))))
    return null;
  // The question keeps the visitor's wording, only the address and the phrase handing it over go.
  const held = rest !== sentence;
  if (held && !left.includes('?') && !left.includes('？') && ADDRESS_TALK.test(left)) return null;
  const kept = CONTACT_PHRASES.slice(0, 6).reduce((text, phrase) => text.replace(phrase, ' '), rest);
  const cleaned = kept
    .replace(/\b(?:thanks|thank\s+you|thx|cheers)\b[\s!.]*$/iu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADING_CONNECTIVE, '')
    .replace(/[\s,;:&<>()-]+$/u, '');
  return /\p{L}{2,}/u.test(cleaned) ? cleaned : null;
}

/**
 * A visitor who writes their own email address wants to be contacted: the offline twin
 * records it through the turn's tools and confirms, in the owner's first person. Whatever else
 * the message says, once the address, the phrases that hand it over ("email me at", "my email
 * is", "mailto:") and thanks are gone, is `question`, so the caller answers it too ("email me
 * at dan@d.test and tell me where you are based" asks "tell me where you are based").
 *
 * Which address is the visitor's own: one in a sentence with no third-person owner ("my
 * colleague/friend/boss ...", "his", "her", "their", "he", "she", "they", and the same in
 * German, French, Spanish, Portuguese and Italian), no refusal ("don't/do not/never
 * contact/email/write ..."), nothing disowning it ("I don't have an email like", "not my
 * address", "my old address", "bounces") and no mailing list; robot mailboxes (no-reply,
 * mailer-daemon) never qualify (address-ownership.ts). Other addresses are never recorded,
 * only ever answered as text. The persona's own address quoted back is not the
 * visitor's either. Of several addresses the first offered is recorded and the confirmation
 * says which one (and that the others were not). Null when no address qualifies (or there are
 * no tools, or the store refused it), so the normal answer takes over.
 */
export async function noteContact(
  persona: Persona,
  messages: readonly ChatTurn[],
  tools: TwinTools | undefined,
): Promise<ContactNoted | null> {
  const message = messages.at(-1)?.content ?? '';
  if (!tools) return null;
  const own = typeof persona.facts.email === 'string' ? persona.facts.email.toLowerCase() : undefined;
  const parts = sentencesOf(message);
  const all = [...new Set(parts.flatMap((part) => part.emails))].filter((address) => address !== own);
  const offered = parts.flatMap((part, index) =>
    // The next sentence may say whose the last address was ("That is my boss's address.").
    part.emails.filter((email) => offersOwnAddress(part.text, email, nextWithout(parts[index + 1]))),
  );
  const email = all.find((address) => offered.includes(address));
  if (!email) return null;
  // What is left beside an address asks something only as a question or a request ("tell me
  // where you are based"); a remark about the address ("it's my personal one") asks nothing, so
  // it is no knowledge gap.
  const asked = parts
    .map((part) => askedBeside(part.text, own))
    .filter((question): question is string => question !== null && (isQuestion(question) || REQUEST.test(question)));
  const previous = messages.slice(0, -1).findLast((turn) => turn.role === 'user')?.content ?? '';
  // An address alone, after the visitor said they would give someone else's.
  if (asked.length === 0 && all.length === 1 && announcesSomeoneElses(previous)) return null;
  const outcome = await tools.recordUserDetails({ email });
  if (!outcome.ok) return null;
  const others = all.filter((address) => address !== email);
  const also = others.length === 0 ? '' : ` (only that one, not ${others.join(' or ')})`;
  return {
    text: `Thank you, I've noted ${email}${also}; I'll get back to you there.`,
    question: asked.length > 0 ? asked.join(' ') : null,
  };
}
