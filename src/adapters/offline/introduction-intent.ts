// What an introduction request says once greetings, filler and chat spellings are gone
// (clause-reading.ts), written with spaces for reading and matched with every space removed, so a
// space typed in the wrong place ("whoa re you") still reads. The whole clause must match: "who
// are your clients" does not. Accents are folded off Latin letters ("você" is "voce").
const POLITE = '(?:(?:can|could|would|will) you )?(?:(?:tell|give) (?:me|us) )?';
const INTENTS = [
  'who (?:are|is) (?:you|this)(?: (?:twin|bot|ai|assistant|chatbot))?',
  'who you are',
  'whom? am i (?:talking|speaking|chatting) (?:to|with)',
  'with whom am i (?:talking|speaking|chatting)',
  '(?:tell (?:me|us) )?(?:a (?:little )?bit |a little |more |something )?about (?:yourself|you)',
  '(?:introduce|describe|present) yourself(?: in (?:a few|one|two|three|some) (?:words|sentences|lines))?',
  '(?:a )?(?:quick |short |brief |little )?introduction(?: (?:of|about) yourself)?',
  'what do you do(?: for (?:a living|work))?',
  'what you do(?: for (?:a living|work))?',
  'what is your (?:story|background)',
  // Spanish
  'quien (?:eres(?: tu)?|es usted|sos(?: vos)?)',
  'que haces(?: en la vida| de trabajo)?',
  'a que te dedicas',
  'presentate',
  '(?:cuentame|hablame|dime) (?:algo |un poco )?(?:sobre|de) ti(?: mismo| misma)?',
  'dime quien eres',
  // Portuguese
  'quem (?:e|es) (?:voce|tu)',
  'quem es',
  'o que (?:voce )?faz',
  'apresente se',
  'apresenta te',
  '(?:me )?(?:fal|cont)(?:e|a)(?: me| nos)? (?:um pouco )?(?:mais )?(?:sobre|de) (?:voce|si|ti)(?: mesmo| mesma)?',
  // French
  'qui (?:es tu|etes vous|est ce)',
  'tu es qui',
  'vous etes qui',
  'presentez vous',
  'presente toi',
  'que (?:faites vous|fais tu)',
  'tu fais quoi',
  '(?:parle|parlez|raconte|racontez)(?: moi| nous)? (?:un peu )?de (?:toi|vous)(?: meme)?',
  '(?:dis|dites) (?:moi|nous) qui (?:tu es|vous etes)',
  // German
  'wer (?:bist du|sind sie)',
  'was (?:machst du|machen sie)',
  'stell dich vor',
  'stellen sie sich vor',
  'erzahl(?:e)? (?:mir )?(?:etwas |was |ein bisschen )?(?:uber|von) dich',
  'erzahlen sie (?:mir )?(?:etwas )?(?:uber|von) sich',
  // Italian
  'chi (?:sei(?: tu)?|e lei)',
  'cosa fai(?: nella vita| di lavoro)?',
  'che fai',
  'presentati',
  '(?:parla|racconta|dim)(?:mi|ci) (?:qualcosa |un po )?(?:di|su) te(?: stesso| stessa)?',
  'dimmi chi sei',
  // Dutch, Scandinavian
  'wie (?:ben (?:jij|je)|bent u)',
  'stel (?:jezelf|je) (?:even )?voor',
  'vertel (?:eens )?(?:iets )?over (?:jezelf|jou)',
  'wat doe (?:je|jij)(?: voor werk)?',
  'vem ar du',
  'hvem er (?:du|dere)',
  'beratta om dig sjalv',
  '(?:fortell|fortæl) (?:litt |lidt )?om (?:deg|dig) selv',
  // Polish, Turkish, Indonesian, Vietnamese
  'kim (?:jestes|ty jestes|pan jest|pani jest)',
  'przedstaw sie',
  'opowiedz (?:mi )?(?:cos )?o sobie',
  'czym sie zajmujesz',
  '(?:sen )?kimsin',
  '(?:siz )?kimsiniz',
  'kendini tan[iı]t(?:[iı]r m[iı]s[iı]n)?',
  'kendinden bahset',
  'siapa (?:kamu|anda|dirimu)',
  '(?:kamu|anda) siapa',
  'perkenalkan diri(?:mu| anda)?',
  'ban la ai',
  'gioi thieu (?:ve )?ban than',
  // Chinese, Japanese, Korean
  '(?:你|您)(?:是谁|是誰|是什么人|是做什么的|做什么)',
  '(?:请)?(?:介绍一下你自己|介紹一下你自己|(?:自我介绍|自我介紹)(?:一下)?)',
  'あなたは(?:誰|だれ)(?:ですか)?',
  '自己紹介(?:して(?:ください)?)?',
  '(?:너는 |넌 |너 |당신은 )?누구(?:니|야|세요|예요|인가요|입니까|신가요)',
  '자기소개(?: 좀)?(?: 해 ?(?:줘|주세요|봐))?',
  // Russian, Ukrainian, Greek, Hebrew, Arabic, Hindi
  'кто (?:ты|вы)(?: такой| такая| такие)?',
  'расскажи(?:те)? (?:немного )?о себе',
  'представься',
  'представьтесь',
  'хто (?:ти|ви)',
  'ποιος εισαι',
  'ποια εισαι',
  'ποιος ειστε',
  'מי (?:אתה|את)',
  '(?:من|مين) (?:انت|انتي|حضرتك)',
  '(?:عرف|قدم)(?:نا)? (?:عن )?نفسك',
  'حدثني عن نفسك',
  '(?:आप|तुम) कौन (?:हैं|हो|है)',
  'अपने बारे में (?:बताइए|बताइये|बताओ|बताएं|बताएँ)',
  'अपना परिचय (?:दीजिए|दो|दें)',
];
const INTRODUCTION = new RegExp(`^(?:${POLITE}(?:${INTENTS.join('|')}))$`.replaceAll(' ', ''), 'u');

/** Whether a clause, as read (clause-reading.ts `read`), asks the twin to introduce itself. */
export function asksIntroduction(read: string): boolean {
  return INTRODUCTION.test(read.replaceAll(' ', ''));
}
