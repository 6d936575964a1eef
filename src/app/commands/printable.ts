/**
 * Text from the persona folder made safe to print on a terminal: control and format characters
 * (a newline in a file name would forge a line of the report; ESC sequences recolour or move the
 * cursor; U+202E reverses what follows) are shown as `\u{...}` escapes. `keepLines` keeps newlines
 * and tabs, for multi-line text such as the system prompt.
 */
export function printable(text: string, keepLines = false): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (char) =>
    keepLines && (char === '\n' || char === '\t') ? char : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
  );
}
