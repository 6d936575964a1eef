/**
 * The abort signal for one streamed request. It follows the caller's signal and
 * adds an idle timeout: the SDK's own timeout stops counting once the response
 * headers arrive, so a server that goes quiet mid-stream would otherwise hang
 * the visitor forever.
 */
export class StreamGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut = false;
  private readonly followParent = (): void => this.controller.abort(this.parent?.reason);

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly parent: AbortSignal | undefined,
  ) {
    if (parent?.aborted) this.followParent();
    else parent?.addEventListener('abort', this.followParent, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get idleTimedOut(): boolean {
    return this.timedOut;
  }

  /** Starts (or restarts) the idle clock; call while waiting on the server only. */
  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.idleTimeoutMs);
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Drops the timer and the listener on the caller's (possibly long-lived) signal. */
  dispose(): void {
    this.disarm();
    this.parent?.removeEventListener('abort', this.followParent);
  }
}
