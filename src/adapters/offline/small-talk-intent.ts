import { FAREWELL } from './farewells.js';

/**
 * What a clause of small talk does: asks after the twin, thanks, takes leave, asks what the twin
 * is, or introduces the visitor (self-introduction.ts).
 */
export type SmallTalk = 'wellbeing' | 'courtesy' | 'farewell' | 'identity' | 'acquaintance';

// Closed lists, as clause-reading.ts folds a clause (lower case, accents off Latin and Greek letters, "'s"
// read as "is", chat spellings read, greetings and the persona's name as a vocative gone, the
// name elsewhere read as "you"). Matched against the whole clause with its spaces: "how are your
// projects going" or "thanks to whom" never match. English, Spanish, Portuguese, French, German,
// Italian, Chinese, Japanese, Russian, and other common languages.

// "How are you?": asks after the twin. The reply invents no mood, it invites a question.
const WELLBEING = [
  // English
  '(?:and )?how (?:are|r) (?:you|ya|things|u)(?: doing| going| today| doing today| keeping| holding up)?(?: today)?',
  'how (?:have|ve) you been',
  'how (?:is|s) (?:it going|everything|life|your day(?: going)?|things|your week(?: going)?)',
  'how do you do',
  'how (?:you|u) doing',
  'what are you up to(?: today)?',
  'what is (?:up|new|good|happening|going on)(?: with you)?',
  'are you (?:well|ok|okay|good|alright|all right|doing (?:well|ok|okay|good|alright))',
  '(?:you|u) (?:good|ok|okay|alright)',
  'all good',
  // Spanish, Portuguese, French, German, Italian
  'que tal(?: estas| esta| va| todo| te va| andas| el dia)?',
  'como (?:estas|esta(?: usted)?|te va|va todo|andas|vas|te encuentras|le va)(?: hoy)?',
  'todo bien',
  'que onda',
  'que pasa',
  'tudo (?:bem|bom|certo|joia|tranquilo|ok)(?: com (?:voce|tigo))?',
  'como (?:vai|vais|voce esta|estas|esta voce|esta)(?: voce| tu)?',
  'e ai',
  'beleza',
  'ca va(?: bien)?',
  'comment (?:ca va|vas tu|allez vous|tu vas|vous allez|va la vie)',
  '(?:tu vas|vous allez) bien',
  'quoi de neuf',
  'wie geht(?:s| is| es)?(?: (?:dir|ihnen|euch))?(?: heute)?(?: so)?',
  'wie lauft(?:s| is| es)?',
  'alles (?:gut|klar|ok)(?: bei dir)?',
  'was geht',
  '(?:geht es|gehts) (?:dir|ihnen) gut',
  'come (?:stai|sta|va|state|te la passi|va la vita|andiamo)',
  'tutto (?:bene|ok|a posto)',
  // Dutch, Scandinavian, Polish, Turkish, Indonesian, Vietnamese
  'hoe gaat (?:het|ie)(?: met (?:je|jou|u))?',
  'hoe is het(?: met (?:je|jou|u))?',
  'alles goed',
  'hur mar du',
  'hur ar det',
  'hvordan (?:gar det|har du det|gaar det)',
  'jak sie (?:masz|pan ma|pani ma|czujesz)',
  'co s(?:l|ł)ychac',
  'jak leci',
  'nas[iı]ls[iı]n(?:[iı]z)?',
  '(?:ne )?haber',
  'naber',
  'iyi misin(?:iz)?',
  'apa kabar(?:mu)?',
  'ban (?:co )?khoe khong',
  // Chinese, Japanese, Korean, Russian, Ukrainian, Greek, Hebrew, Arabic, Hindi
  '(?:你|您)(?:好吗|怎么样|还好吗|最近怎么样|最近好吗)',
  '最近(?:怎么样|好吗)',
  'お元気(?:ですか)?',
  '元気(?:ですか)?',
  '調子は(?:どう|どうですか)',
  '(?:잘 ?지내(?:요|니|세요|셨어요|시죠)?|어떻게 ?지내(?:요|세요|니)?|괜찮아(?:요)?)',
  'как (?:дела|ты|вы|поживаешь|поживаете|жизнь)',
  'як (?:справи|ти|ви)',
  'τι κανεις',
  'τι κανετε',
  'מה (?:שלומך|נשמע|קורה)',
  'كيف (?:حالك|الحال|حالكم)',
  'شلونك',
  'ازيك',
  '(?:आप|तुम) कैसे (?:हैं|हो)',
  'कैसे हो',
  'क्या हाल (?:है|हैं)',
];

// Thanks, appreciation and acknowledgement, one or several in a row ("ok great thanks").
const COURTESY = [
  // English
  '(?:thanks|thank you|ty|thank u|many thanks|thanks again)(?: (?:so|very|a lot|a ton|a bunch|a million|heaps|loads|again|anyway|much|indeed|kindly|for (?:that|this|everything|all(?: of)? (?:that|this)|the (?:info|information|answer|answers|help|chat|reply|tip|tips)|your (?:help|time|answer|answers|reply|replies))))*',
  'cheers',
  '(?:much|greatly) appreciated',
  '(?:i )?(?:really )?appreciate (?:it|that|this|your help|the help)',
  '(?:that|this|it)(?: (?:was|is|sounds|seems|looks))? (?:very |really |so |super |most |quite |incredibly |extremely )?(?:helpful|useful|great|interesting|informative|nice|cool|good|perfect|awesome|amazing|clear|fascinating|impressive|lovely|wonderful|fantastic|excellent)',
  '(?:very |really |super |so )?(?:helpful|useful|interesting|informative)',
  '(?:that|this|it) (?:helps|helped)(?: a lot)?',
  '(?:good|nice|great) to know',
  'got it',
  'i see',
  'makes sense',
  'fair enough',
  'understood',
  'noted',
  'great',
  'perfect',
  'awesome',
  'cool',
  'nice',
  'sure',
  'alright',
  'ok',
  'okay',
  'k',
  'you are (?:very |so |really )?(?:kind|helpful|the best|awesome|great)',
  '(?:nice|good|great) (?:talking|chatting|speaking) (?:to|with) you',
  // Spanish, Portuguese, French, German, Italian
  '(?:muchas |mil )?gracias(?: por (?:todo|la ayuda|tu ayuda))?',
  'muy amable',
  '(?:muito )?obrigad(?:o|a)(?: pela ajuda| por tudo)?',
  'valeu',
  'merci(?: beaucoup| bien| mille fois| pour tout)?',
  '(?:vielen |herzlichen )?dank(?:e)?(?: schon| sehr| vielmals)?',
  'grazie(?: mille| tante| di tutto)?',
  // Dutch, Scandinavian, Polish, Turkish, Indonesian, Vietnamese
  'dank (?:je|u)(?: wel)?',
  'bedankt',
  'tack(?: sa mycket)?',
  'takk',
  'tak',
  'dzi[eę]kuj[eę]',
  'dzi[eę]ki',
  'tesekkur(?:ler| ederim)',
  'sag ?ol',
  'terima kasih',
  'cam on',
  // Chinese, Japanese, Korean, Russian, Ukrainian, Greek, Hebrew, Arabic, Hindi
  '(?:谢谢|謝謝|多谢|感谢)(?:你|您)?',
  'ありがとう(?:ございます|ございました)?',
  'どうも',
  '(?:감사합니다|고마워(?:요)?|고맙습니다)',
  'спасибо(?: большое)?',
  'дякую',
  'ευχαριστω',
  'תודה(?: רבה)?',
  'شكرا(?: جزيلا)?',
  'धन्यवाद',
  'शुक्रिया',
];

// "What are you?", "Are you a bot?": asks what the twin is, answered by the AI-twin disclosure.
const BEING =
  '(?:a |an |the )?(?:(?:real|actual|live) )?(?:ai twin|ai|bot|robot|chatbot|human being|human|person|machine|program|computer|llm|gpt|chatgpt|assistant|twin)';
const IDENTITY = [
  'what (?:are|r) you',
  'what (?:kind|sort|type) of (?:thing|bot|ai|program|assistant|chatbot) (?:are you|is this)',
  'what is this(?: thing| bot| chat| site)?',
  `are you ${BEING}(?: or ${BEING})?`,
  'are you (?:real|human|alive|sentient|you|really you)',
  `is this ${BEING}(?: or ${BEING})?`,
  'is this (?:really )?you',
  `(?:am i|are we) (?:talking|speaking|chatting) (?:to|with) ${BEING}(?: or ${BEING})?`,
  // Spanish, Portuguese, French, German, Italian, Chinese, Japanese, Russian
  'que eres(?: tu)?',
  'eres (?:real|humano|humana|una persona|un bot|un robot|una ia)',
  'o que (?:e|es) (?:voce|tu)',
  'voce e (?:real|humano|humana|uma pessoa|um bot|um robo|uma ia)',
  '(?:qu est ce que tu es|tu es quoi|qu es tu)',
  'es tu (?:reel|humain|humaine|une personne|un bot|un robot|une ia)',
  'was (?:bist du|sind sie)',
  'bist du (?:echt|ein mensch|ein bot|ein roboter|eine ki)',
  '(?:che )?cosa sei',
  'sei (?:reale|umano|umana|una persona|un bot|un robot|un ia)',
  '你是(?:什么|机器人吗|真人吗|人工智能吗|ai吗)',
  'あなたは(?:何|なに)(?:ですか)?',
  'что ты такое',
  'ты (?:бот|робот|человек)',
];

const MAX_SMALL_TALK = 120;
const whole = (phrases: readonly string[]) => new RegExp(`^(?:${phrases.join('|')})$`, 'u');
const WELLBEING_CLAUSE = whole(WELLBEING);
const COURTESY_CLAUSE = new RegExp(`^(?:(?:${COURTESY.join('|')})(?: |$))+$`, 'u');
// Thanks and goodbyes in a row ("ok thanks bye"): with any goodbye in it, a goodbye.
const FAREWELL_CLAUSE = new RegExp(`^(?:(?:${[...COURTESY, ...FAREWELL].join('|')})(?: |$))+$`, 'u');
const IDENTITY_CLAUSE = whole(IDENTITY);

/**
 * The small talk a clause is, in any of its readings (clause-reading.ts): as spoken, with filler
 * words ("thank you so much" is all filler), as read without them ("are you really a bot"), and
 * without the persona's name at the end ("thanks Oriel"). Null when the clause asks something
 * else, or is empty once greetings are gone.
 */
export function smallTalkOf(readings: readonly string[]): SmallTalk | null {
  for (const text of new Set(readings)) {
    // Small talk is short; the bound also keeps the repeated courtesy pattern's backtracking small.
    if (text.length > MAX_SMALL_TALK) return null;
    if (text === '') continue;
    if (IDENTITY_CLAUSE.test(text)) return 'identity';
    if (WELLBEING_CLAUSE.test(text)) return 'wellbeing';
    if (COURTESY_CLAUSE.test(text)) return 'courtesy';
    if (FAREWELL_CLAUSE.test(text)) return 'farewell';
  }
  return null;
}
