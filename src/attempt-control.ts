// One attempt's abort machinery: the signal fetch gets, the fetch openapi-fetch calls, and waits that end at once.
import type { FetchLike } from "./options.js";

/** What an attempt's waits reject with when the caller's signal aborted it; `reason` is the signal's reason. */
export class AbortedByCaller {
  constructor(readonly reason: unknown) {}
}

/**
 * Controls one attempt. Its signal goes to fetch as `fetch(request, { signal })`, the standard way, never into the
 * Request openapi-fetch builds: undici would make that Request follow it through a WeakRef (so an abort can be
 * lost once the Request is collected) and a Request with a signal costs a third of a call to build. `abort()`
 * also rejects whatever the attempt is waiting for at once, so a deadline holds even with a fetch that ignores
 * the signal.
 */
export class AttemptControl {
  private readonly controller = new AbortController();
  private readonly init: RequestInit = { signal: this.controller.signal };
  /** Why the attempt stopped (an AttemptTimeout or an AbortedByCaller); undefined while it runs. */
  private stopped: unknown;
  private rejectWait: ((reason: unknown) => void) | undefined;

  constructor(private readonly base: FetchLike) {}

  /** Pass as openapi-fetch's per-request `fetch`. */
  readonly fetch = (request: Request): Promise<Response> => {
    // Called unbound, as openapi-fetch does: browsers refuse `window.fetch` called on another object.
    const fetch = this.base;
    return this.stopped === undefined ? this.guard(fetch(request, this.init)) : Promise.reject(this.stopped);
  };

  /** `work`, or a rejection with the reason the attempt stopped, whichever comes first. */
  guard<T>(work: Promise<T>): Promise<T> {
    if (this.stopped !== undefined) {
      work.catch(() => undefined);
      return Promise.reject(this.stopped);
    }
    return new Promise<T>((resolve, reject) => {
      this.rejectWait = reject;
      work.then(resolve, reject);
    });
  }

  /**
   * Stops the attempt with `why` (an AttemptTimeout or an AbortedByCaller): the waiting fetch or body read rejects
   * with it at once, and fetch's signal aborts with it as the reason, so whatever fetch rejects with says why too.
   */
  abort(why: unknown): void {
    if (this.stopped !== undefined) return;
    this.stopped = why;
    this.rejectWait?.(why);
    this.controller.abort(why);
  }
}
