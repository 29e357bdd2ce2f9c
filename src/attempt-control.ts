// One attempt's abort machinery: the signal fetch gets, the fetch openapi-fetch calls, and waits that end at once.
import { type Authorize, exchange } from "./exchange.js";
import type { FetchLike } from "./options.js";
import type { OutgoingRequest } from "./outgoing-request.js";

/**
 * Controls one attempt. Its signal goes to fetch in the init, as `fetch(url, { ...init, signal })`; `abort()` also
 * rejects whatever the attempt is waiting for at once, so a deadline holds even with a fetch that ignores the
 * signal.
 */
export class AttemptControl {
  private readonly controller = new AbortController();
  /** Why the attempt stopped (an AttemptTimeout or an AbortedByCaller); undefined while it runs. */
  private stopped: unknown;
  private rejectWait: ((reason: unknown) => void) | undefined;
  /** The URL this attempt sent to, for errors about its answer: a stub's Response has an empty `url`. */
  url = "";

  constructor(
    private readonly base: FetchLike,
    private readonly authorize: Authorize,
    private readonly path: string,
  ) {}

  /** Pass as openapi-fetch's per-request `fetch`: the exchange of this attempt. */
  readonly fetch = (request: OutgoingRequest): Promise<Response> =>
    exchange(this, this.authorize, this.path, request);

  /** Hands `request` to the client's fetch with this attempt's signal, unless the attempt already stopped. */
  send(request: OutgoingRequest): Promise<Response> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    // The init openapi-fetch assembled belongs to this attempt alone, so it can carry the attempt's signal.
    const { init } = request;
    this.url = request.url;
    init.signal = this.controller.signal;
    // Never follow a redirect: fetch would resend x-api-key to wherever it points (it only drops Authorization
    // across origins). A 3xx comes back as an error that names the target instead (see exchange.ts).
    init.redirect = "manual";
    // A plain object, as most code passes headers: a wrapper that spreads `init.headers` keeps them all (spreading
    // a Headers object gives {} and would drop the key).
    init.headers = Object.fromEntries(request.headers);
    // Called unbound, as openapi-fetch does: browsers refuse `window.fetch` called on another object.
    const fetch = this.base;
    // Promise.resolve: a stub that returns a Response (or anything) without a promise still reads as an answer.
    return this.guard(Promise.resolve(fetch(request.url, init)));
  }

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
