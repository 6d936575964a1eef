/**
 * The dates a résumé entry writes, in the forms résumés use: "March 2021", "Okt. 2019",
 * "enero de 2019", "06/2019", "06.2019", "2019-06", "2019.06", a bare year, "2009-14", and the
 * words for "until now" ("present", "till date", "ongoing", "heute", "actualidad"...).
 * Months are counted from year 0 (2019 * 12 + 5 is June 2019); "until now" is Infinity.
 */

// Month names of the languages résumés here are written in; an abbreviation is a start of one of them (3+ letters).
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'januar', 'jänner', 'janvier', 'enero', 'janeiro', 'gennaio'],
  ['february', 'februar', 'février', 'fevrier', 'febrero', 'fevereiro', 'febbraio'],
  ['march', 'märz', 'maerz', 'mars', 'marzo', 'março'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'maggio'],
  ['june', 'juni', 'juin', 'junio', 'junho', 'giugno'],
  ['july', 'juli', 'juillet', 'julio', 'julho', 'luglio'],
  ['august', 'août', 'aout', 'agosto'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'setembro', 'settembre'],
  ['october', 'oktober', 'octobre', 'octubre', 'outubro', 'ottobre'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dezembro', 'dicembre'],
];

/** The month (0-11) a word names, or -1: "Okt." and "März" and "janv" do; "Mai" does, "Jui" (June or July) does not. */
export function monthOf(word: string): number {
  const w = word.toLocaleLowerCase('und').replace(/\.$/u, '');
  if (w.length < 3) return -1;
  const months = MONTH_NAMES.flatMap((names, month) => (names.some((name) => name.startsWith(w)) ? [month] : []));
  return months.length === 1 ? (months[0] as number) : -1;
}

const YEAR = '(?:19|20)\\d{2}';
const NOW =
  "present|presente|now|current|currently|today|ongoing|till date|to date|until now|heute|jetzt|derzeit|actualidad|actual|hoy|aujourd'hui|aujourd’hui|atual|atualmente|oggi|in corso";
// One date each: "06/2019" and "06.2019" (month first), "2019-06" and "2019.06" (year first, maybe "2009-14"),
// "Okt. 2019" and "enero de 2019" (a word before the year), and the words for now.
const DATE = new RegExp(
  [
    `\\b(\\d{1,2})\\s?[./]\\s?(${YEAR})\\b`,
    `\\b(${YEAR})([-./])(\\d{2})(?![\\d])`,
    `(?:\\b([\\p{L}]{3,10})\\.?[\\s-]+(?:de\\s+|of\\s+)?)?\\b(${YEAR})\\b`,
    `(?<![\\p{L}])(${NOW})(?![\\p{L}])`,
  ].join('|'),
  'giu',
);
// "since 2012", "seit 03/2018": an entry that has not ended.
const SINCE = /\b(?:since|seit|desde|depuis|dal)\s/iu;

/** First and last dates an entry writes, in months; "present" ends it at Infinity. null when it writes no date. */
export function dateSpan(text: string): { start: number; end: number } | null {
  const dates: number[] = [];
  const matches = [...text.matchAll(DATE)];
  for (const m of matches) {
    if (m[1] && m[2]) {
      const month = Number(m[1]);
      dates.push(Number(m[2]) * 12 + (month >= 1 && month <= 12 ? month - 1 : 0));
    } else if (m[3] && m[5]) {
      dates.push(...yearFirst(Number(m[3]), m[4] ?? '-', Number(m[5]), matches.length > 1));
    } else if (m[7]) {
      const month = m[6] ? monthOf(m[6]) : -1;
      dates.push(Number(m[7]) * 12 + Math.max(0, month));
    } else if (m[8]) {
      dates.push(Number.POSITIVE_INFINITY);
    }
  }
  const [start] = dates;
  if (start === undefined || !Number.isFinite(start)) return null;
  const end = Math.max(...dates);
  // "since 2019" alone: still going.
  return { start, end: dates.length === 1 && SINCE.test(text) ? Number.POSITIVE_INFINITY : end };
}

/**
 * "2019-06" is June 2019; "2009-14" and "2007-09" (the only date written) are 2009 to 2014 and
 * 2007 to 2009: a two-digit number past 12, or not before the year's own two digits in a lone
 * date, is an end year. "2019.06" is always a month.
 */
function yearFirst(year: number, separator: string, second: number, othersWritten: boolean): number[] {
  const endYear = year - (year % 100) + second;
  const isMonth = separator === '.' || (second >= 1 && second <= 12 && (second < year % 100 || othersWritten));
  if (isMonth) return [year * 12 + second - 1];
  return [year * 12, (endYear >= year ? endYear : endYear + 100) * 12];
}
