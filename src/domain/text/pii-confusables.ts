// Letters of other scripts and small capitals that look like the Latin letters of the words for
// @ and for the dot (pii-email.ts) and that NFKC leaves alone (it already folds full-width and
// mathematical letters): Cyrillic, Greek, Armenian and IPA/small-capital look-alikes after
// Unicode's confusables list (UTS #39), limited to the letters those words use; no confusables
// package is installed here. The patterns match case-insensitively, so "А" (Cyrillic capital)
// counts with "а".

/** Latin letter -> the characters that look like it (each a single UTF-16 unit). */
export const LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: 'аɑαᴀ⍺',
  b: 'ʙвЬΒ',
  c: 'сϲᴄ',
  d: 'ԁᴅ',
  e: 'еᴇҽΕ',
  f: 'ꜰ',
  g: 'ɡɢ',
  h: 'һʜнΗ',
  i: 'іιɪӏ',
  j: 'јᴊ',
  k: 'кκᴋ',
  l: 'ӏʟι',
  m: 'мᴍΜ',
  n: 'ոɴΝ',
  o: 'оοᴏσօ',
  p: 'рρᴘ',
  r: 'гʀ',
  s: 'ѕꜱ',
  t: 'тτᴛ',
  u: 'υսᴜ',
  w: 'ԝᴡ',
  y: 'уʏΥ',
  z: 'ᴢΖ',
};
