// French and Italian elision: an article, pronoun or conjunction that lost its vowel before the
// next word ("l'hôtel", "c'est", "jusqu'à", "dell'anno", "dov'è"). It is a function word; the word
// after it keeps its own standing ("hôtel" is a topic, "est" is not).
export const ELISION =
  /^(?:c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu|dell|dall|nell|sull|coll|all|un|quell|quest|bell|sant|buon|tutt|com|dov|cos|quant|ch|anch|senz|nessun|ciascun|qualcun)'(?=\p{L})/u;
// Greetings, thanks and chat filler carry no subject in any message ("good morning", "bye", "tell
// me about yourself exactly"), nor do English contractions the stop-word lists spell differently
// ("let's" -> "let", "'tis", "gonna") or "m'appelle" (what "je m'appelle" leaves after the elision).
export const CHAT_FILLER: ReadonlySet<string> = new Set([
  ...['hi', 'hello', 'hey', 'hiya', 'heya', 'howdy', 'greetings', 'morning', 'afternoon', 'evening', 'night'],
  ...['goodnight', 'bye', 'goodbye', 'byebye', 'cya', 'welcome', 'cheers', 'thx', 'ty', 'pls', 'plz', 'please'],
  ...['yourself', 'yourselves', 'myself', 'ourselves', 'exactly', 'again', 'okay', 'yeah', 'yep', 'yup', 'nope'],
  ...['hmm', 'lol', 'haha', 'btw', 'let', 'tis', 'twas', "y'all", 'yall', "ma'am", 'maam', 'gonna', 'wanna'],
  ...['gotta', 'kinda', 'sorta', 'dunno', 'lemme', 'gimme', 'appelle', 'appelles', 'appelez', 'appelons'],
  ...['bonjour', 'bonsoir', 'salut', 'coucou', 'merci', 'hola', 'gracias', 'adiós', 'adios', 'ciao', 'grazie'],
  ...['buongiorno', 'buonasera', 'arrivederci', 'hallo', 'danke', 'tschüss', 'obrigado', 'obrigada', 'olá'],
  ...['tchau', 'oi', 'ola'],
]);
