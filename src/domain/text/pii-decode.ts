// Encoded characters a reader (or a renderer: a browser, a Markdown viewer, a JSON or shell
// printer) turns back into the character: percent-encoding (%40, UTF-8 sequences such as
// %EF%BC%A0), HTML/XML character references (&#64; &#x40; &commat;, semicolon optional) and
// backslash escapes (\u0040, \u{40}, \x40, \x{40}, \U00000040, \U0040, \N{U+40}, \100, and a
// backslash before punctuation, as Markdown writes "\@"), JavaScript's escape() (%u0040) and the
// Unicode notation U+0040. The fold (pii-fold.ts) reads each as the one character it stands
// for, so an encoded @ or dot counts as one. One level only: "%2540" is "%40" as written, not "@".

/** A decoded character: its code point and how many UTF-16 units of the original it took. */
export interface Decoded {
  readonly codePoint: number;
  readonly length: number;
}

// Named references that can stand in an address or a phone number (HTML5 names). Everything
// else that a named reference gives is a letter or a symbol no address or number is made of.
const NAMED: Record<string, string> = {
  commat: '@',
  period: '.',
  num: '#',
  plus: '+',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  lcub: '{',
  rcub: '}',
  lbrace: '{',
  rbrace: '}',
  lt: '<',
  gt: '>',
  hyphen: '\u2010',
  dash: '\u2010',
  ndash: '\u2013',
  mdash: '\u2014',
  horbar: '\u2015',
  minus: '\u2212',
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  hairsp: '\u200a',
  numsp: '\u2007',
  puncsp: '\u2008',
  zerowidthspace: '\u200b',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
  nobreak: '\u2060',
  sol: '/',
  bsol: '\\',
  lowbar: '_',
  underbar: '_',
  colon: ':',
  comma: ',',
  semi: ';',
  quot: '"',
  apos: "'",
  amp: '&',
  excl: '!',
  quest: '?',
  verbar: '|',
  vert: '|',
  verticalline: '|',
  equals: '=',
  ast: '*',
  midast: '*',
  percnt: '%',
  dollar: '$',
  middot: '\u00b7',
  centerdot: '\u00b7',
  bull: '\u2022',
  bullet: '\u2022',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsaquo: '\u2039',
  rsaquo: '\u203a',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  tab: '\t',
  newline: '\n',
};

const NUMERIC_REFERENCE = /&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,7}));?/y;
const NAMED_REFERENCE = /&([A-Za-z][A-Za-z0-9]{1,30});?/y;
// \U takes eight hex digits (Python, C#) or, when those do not make a code point, four ("\U0040e"
// is "@e": a fifth hex digit may be the next letter). \x{..}, \N{U+..} and \u{..} are braced.
const ESCAPE =
  /\\(?:[ux]\{([0-9a-fA-F]{1,6})\}|N\{U\+([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|U([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-7]{2,3})|([!-/:-@[-`{-~]))/y;
// U+ with four hex digits, five or six only for what needs them (U+1F600, U+10FFFF): "U+0040example" is "@example".
const CODE_POINT_NOTATION = /[uU]\+(1[0-9a-fA-F]{4}(?![0-9a-fA-F])|10[0-9a-fA-F]{4}|[0-9a-fA-F]{4})/y;
const PERCENT_U = /%[uU]([0-9a-fA-F]{4})/y;

const isScalar = (cp: number) => cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);

function hexByte(text: string, at: number): number {
  const pair = text.slice(at, at + 2);
  return /^[0-9a-fA-F]{2}$/.test(pair) ? Number.parseInt(pair, 16) : -1;
}

// %uXXXX, as JavaScript's escape() writes it; a surrogate pair of two is one code point.
function percentU(text: string, i: number): Decoded | undefined {
  PERCENT_U.lastIndex = i;
  const high = PERCENT_U.exec(text);
  if (!high) return undefined;
  const cp = Number.parseInt(high[1] as string, 16);
  if (cp >= 0xd800 && cp <= 0xdbff) {
    const low = PERCENT_U.exec(text);
    const lowCp = low ? Number.parseInt(low[1] as string, 16) : -1;
    if (lowCp >= 0xdc00 && lowCp <= 0xdfff)
      return { codePoint: 0x10000 + ((cp - 0xd800) << 10) + (lowCp - 0xdc00), length: 12 };
  }
  return isScalar(cp) ? { codePoint: cp, length: 6 } : undefined;
}

function codePointNotation(text: string, i: number): Decoded | undefined {
  CODE_POINT_NOTATION.lastIndex = i;
  const match = CODE_POINT_NOTATION.exec(text);
  const cp = match ? Number.parseInt(match[1] as string, 16) : -1;
  return match && isScalar(cp) ? { codePoint: cp, length: match[0].length } : undefined;
}

// %XX of ASCII, or the %XX sequence of one UTF-8 encoded code point (or %uXXXX).
function percent(text: string, i: number): Decoded | undefined {
  if ((text.charCodeAt(i + 1) | 0x20) === 0x75) return percentU(text, i);
  const lead = hexByte(text, i + 1);
  if (lead < 0) return undefined;
  if (lead < 0x80) return lead === 0 ? undefined : { codePoint: lead, length: 3 };
  const more =
    lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
  if (more === 0) return undefined;
  let cp = lead & (0x3f >> more);
  for (let k = 1; k <= more; k++) {
    const byte = text[i + 3 * k] === '%' ? hexByte(text, i + 3 * k + 1) : -1;
    if (byte < 0x80 || byte > 0xbf) return undefined;
    cp = (cp << 6) | (byte & 0x3f);
  }
  const shortest = [0, 0x80, 0x800, 0x10000][more] as number;
  return cp >= shortest && isScalar(cp) ? { codePoint: cp, length: 3 * (more + 1) } : undefined;
}

function reference(text: string, i: number): Decoded | undefined {
  NUMERIC_REFERENCE.lastIndex = i;
  const numeric = NUMERIC_REFERENCE.exec(text);
  if (numeric) {
    const cp = numeric[1] !== undefined ? Number(numeric[1]) : Number.parseInt(numeric[2] as string, 16);
    return isScalar(cp) ? { codePoint: cp, length: numeric[0].length } : undefined;
  }
  NAMED_REFERENCE.lastIndex = i;
  const named = NAMED_REFERENCE.exec(text);
  const value = named ? NAMED[(named[1] as string).toLowerCase()] : undefined;
  return named && value !== undefined
    ? { codePoint: value.codePointAt(0) as number, length: named[0].length }
    : undefined;
}

function backslashEscape(text: string, i: number): Decoded | undefined {
  ESCAPE.lastIndex = i;
  const match = ESCAPE.exec(text);
  if (!match) return undefined;
  const [whole, braced, named, four, eight, upperFour, two, octal, punctuation] = match;
  if (punctuation !== undefined) return { codePoint: punctuation.charCodeAt(0), length: 2 };
  if (eight !== undefined && !isScalar(Number.parseInt(eight, 16)))
    return { codePoint: Number.parseInt(eight.slice(0, 4), 16), length: 6 };
  const hex = braced ?? named ?? four ?? eight ?? upperFour ?? two;
  const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(octal as string, 8);
  // A JSON-style surrogate pair, "\uD835\uDFD3", is one code point.
  if (four !== undefined && cp >= 0xd800 && cp <= 0xdbff) {
    ESCAPE.lastIndex = i + 6;
    const low = ESCAPE.exec(text)?.[3];
    const lowCp = low !== undefined ? Number.parseInt(low, 16) : -1;
    if (lowCp >= 0xdc00 && lowCp <= 0xdfff)
      return { codePoint: 0x10000 + ((cp - 0xd800) << 10) + (lowCp - 0xdc00), length: 12 };
  }
  return isScalar(cp) ? { codePoint: cp, length: whole.length } : undefined;
}

/** The encoded character starting at `text[i]` (a %, &, backslash or the U of U+), or undefined when none starts there. */
export function decodeAt(text: string, i: number): Decoded | undefined {
  const first = text.charCodeAt(i);
  if (first === 0x25) return percent(text, i);
  if (first === 0x26) return reference(text, i);
  if (first === 0x5c) return backslashEscape(text, i);
  if ((first | 0x20) === 0x75) return codePointNotation(text, i);
  return undefined;
}
