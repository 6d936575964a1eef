// Markup a visitor pastes (HTML, Markdown code, links) says nothing about what they ask:
// "<img src=x onerror=alert(1)>" must not make "img src" and "onerror" topics. Bounded
// quantifiers and left-to-right scans only: every pattern does linear work on any input.
const NOT_TLD = '(?:js|ts|jsx|tsx|mjs|cjs|py|rb|rs|go|md|sh|kt|cs|cpp|json|yaml|yml|toml|txt|pdf|csv|html|css|exe)';
const HOST = new RegExp(
  `(?<![\\p{L}\\p{N}_.-])(?:[\\p{L}\\p{N}][\\p{L}\\p{N}-]{0,62}\\.){1,10}(?!${NOT_TLD}(?![\\p{L}\\p{N}-]))\\p{L}{2,63}(?![\\p{L}\\p{N}-])(?:[:/][^\\s<>"'\`]{0,2000})?`,
  'giu',
);
/**
 * What a renderer may turn into a link (GFM autolinks, markdown-it's linkify): URLs with an
 * authority, bare www. hosts, script-like schemes, and host names without a scheme.
 */
export const LINK_PATTERNS: readonly RegExp[] = [
  /\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s<>"'`]{0,2000}/g,
  /\bwww\.[^\s<>"'`]{1,2000}/gi,
  /\b(?:javascript|vbscript|data|file|blob|about):[^\s<>"'`]{0,2000}/gi,
  HOST,
];
const PATTERNS: readonly RegExp[] = [
  // Fenced code blocks, closed or running to the end of the text.
  /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g,
  // Inline code.
  /`[^`\n]{1,500}`/g,
  // HTML comments and script / style elements with their content (closed or not).
  /<!--[\s\S]*?(?:-->|$)/g,
  /<(script|style)\b[^<>]{0,500}>[\s\S]*?(?:<\/\1\s*>|$)/gi,
  // Tags with their attributes, also unclosed ones; doctype and CDATA.
  /<[!?/]?[A-Za-z][\w:-]{0,40}(?:[\s/][^<>]{0,1000})?>?/g,
  // URLs with an authority, bare www. hosts, and script-like schemes; host names without a scheme:
  // labels, a dot, a last label of letters that reads as a top-level domain ("evil.example",
  // "sub.host.example", "//host.example/x", "host.example:8080/path"), with what follows them. A
  // label never starts after a letter, digit, dot or hyphen, so each run is tried once. Names of
  // languages and files ("node.js", "main.py", "README.md") are not hosts.
  ...LINK_PATTERNS,
  // name=value pairs (attributes outside a tag, query strings, code).
  /[\p{L}\p{N}_.:-]{1,100}=[^\s<>]{0,500}/gu,
];
const ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,10});/gi;
const LESS_THAN = /&(?:lt|#0*60|#x0*3c);/gi;
const GREATER_THAN = /&(?:gt|#0*62|#x0*3e);/gi;
// Markup ends a phrase: "<b>click</b> observability" is two subjects, not "click observability".
const BREAK = ' | ';

/**
 * Text without markup, each piece replaced by a phrase break: code fences and inline code, HTML
 * comments, script and style contents, tags with their attributes (closed or not, escaped as
 * "&lt;img&gt;" or not), URLs, `javascript:` / `data:` links and `name=value` pairs. What a
 * visitor pasted as markup is not what they asked about; everything else is kept as is.
 */
export function removeMarkup(text: string): string {
  let result = text.replace(LESS_THAN, '<').replace(GREATER_THAN, '>').replace(ENTITY, BREAK);
  for (const pattern of PATTERNS) result = result.replace(pattern, BREAK);
  return result;
}
