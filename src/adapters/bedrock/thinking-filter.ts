const OPEN = '<thinking>';
const CLOSE = '</thinking>';

/**
 * Removes `<thinking>…</thinking>` spans from a reply as it streams. Amazon Nova writes its
 * chain of thought in these tags when it is offered tools; it is not for the visitor. Tags
 * may arrive split across deltas, so a tail that could be the start of one is held back
 * until the next piece shows what it is. Leading whitespace of the reply is dropped too
 * (what is left after a thought usually starts with blank lines).
 */
export class ThinkingFilter {
  private pending = '';
  private inside = false;
  private started = false;

  /** Feeds one delta; returns the text that can be shown now. */
  push(text: string): string {
    this.pending += text;
    let out = '';
    for (;;) {
      if (this.inside) {
        const end = this.pending.indexOf(CLOSE);
        if (end < 0) {
          this.pending = this.pending.slice(this.pending.length - partialTagLength(this.pending, CLOSE));
          return this.visible(out);
        }
        this.pending = this.pending.slice(end + CLOSE.length);
        this.inside = false;
        continue;
      }
      const start = this.pending.indexOf(OPEN);
      if (start >= 0) {
        out += this.pending.slice(0, start);
        this.pending = this.pending.slice(start + OPEN.length);
        this.inside = true;
        continue;
      }
      const keep = partialTagLength(this.pending, OPEN);
      out += this.pending.slice(0, this.pending.length - keep);
      this.pending = this.pending.slice(this.pending.length - keep);
      return this.visible(out);
    }
  }

  /** The end of the reply: a held-back tail was text after all; an unclosed thought is dropped. */
  flush(): string {
    const rest = this.inside ? '' : this.pending;
    this.pending = '';
    this.inside = false;
    return this.visible(rest);
  }

  private visible(text: string): string {
    if (this.started) return text;
    const trimmed = text.trimStart();
    if (trimmed !== '') this.started = true;
    return trimmed;
  }
}

/** Removes thought spans from a whole reply (the non-streaming answer). */
export function withoutThinking(text: string): string {
  const filter = new ThinkingFilter();
  return filter.push(text) + filter.flush();
}

/** How many characters at the end of `text` could begin `tag`. */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(text.length, tag.length - 1); length > 0; length--) {
    if (tag.startsWith(text.slice(-length))) return length;
  }
  return 0;
}
