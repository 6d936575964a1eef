// Bounded quantifiers only: every pattern does linear work on any input (messages are short anyway).
const SCRIPT_OR_STYLE = /<(script|style)\b[^<>]{0,500}>[\s\S]{0,10000}?<\/\1\s*>/giu;
const COMMENT = /<!--[\s\S]{0,10000}?-->/gu;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,1000})?\/?>/gu;
const URL = /\bhttps?:\/\/[^\s<>"']{1,2000}/giu;

/**
 * Text without HTML tags (with their attributes), script and style contents, comments and
 * URLs, each replaced by a space: what a visitor pasted as markup is not what they asked
 * about. Everything else is kept as is.
 */
export function removeMarkup(text: string): string {
  return text.replace(SCRIPT_OR_STYLE, ' ').replace(COMMENT, ' ').replace(TAG, ' ').replace(URL, ' ');
}
