/**
 * Heuristic detection of messages that try to override the twin's instructions or extract its
 * system prompt. It only flags (for metrics and analytics); flagged messages are still answered
 * within the persona's rules. Patterns are matched on a folded copy of the text (NFKC, lower case,
 * zero-width characters removed, runs of spaces collapsed) so trivial obfuscation does not hide them.
 * See docs/security.md for the list and its limits.
 */
const PATTERNS: readonly { readonly kind: InjectionKind; readonly pattern: RegExp }[] = [
  {
    kind: 'override',
    pattern:
      /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|your|the|these|system)\b.{0,20}\b(instructions?|rules?|prompts?|directives?|guidelines?|messages?)\b/,
  },
  {
    kind: 'override',
    pattern:
      /\b(you are|you're|act as|pretend to be|roleplay as|from now on you)\b.{0,30}\b(dan|jailbroken|unrestricted|unfiltered|no (rules|limits|restrictions))\b/,
  },
  { kind: 'override', pattern: /\b(developer|god|admin|debug|jailbreak|sudo)\s*mode\b/ },
  { kind: 'override', pattern: /\bnew (instructions?|rules?|system prompt)\b/ },
  {
    kind: 'extract',
    pattern:
      /\b(reveal|show|print|repeat|output|display|tell me|give me|what (is|are)|copy|dump|leak)\b.{0,40}\b(system|initial|original|hidden|secret)\s*(prompt|instructions?|message|rules?)\b/,
  },
  {
    kind: 'extract',
    pattern: /\b(repeat|print|output)\b.{0,30}\b(everything|all|text|words)\b.{0,20}\b(above|before|prior)\b/,
  },
  { kind: 'extract', pattern: /\byour (system )?(prompt|instructions)\b.{0,20}\b(verbatim|word for word|exactly)\b/ },
  {
    kind: 'delimiter',
    pattern: /<\|?(im_start|im_end|system|endoftext)\|?>|\[\/?(inst|system)\]|^\s*(system|assistant)\s*:/m,
  },
];

export type InjectionKind = 'override' | 'extract' | 'delimiter';

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** The kinds of injection attempt the message shows; empty when none. */
export function detectPromptInjection(text: string): InjectionKind[] {
  const folded = fold(text);
  const kinds = new Set<InjectionKind>();
  for (const { kind, pattern } of PATTERNS) if (pattern.test(folded)) kinds.add(kind);
  return [...kinds];
}
