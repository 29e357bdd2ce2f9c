// What openapi-fetch builds for each attempt in place of a WHATWG Request: the URL and the init, kept as they are.

/**
 * openapi-fetch's `Request` option. A real Request costs a third of a call to build and fetch then copies it,
 * body stream included; this keeps the URL and the init openapi-fetch assembled, so the attempt can hand them to
 * fetch as `fetch(url, init)`, the call a hand-written client makes. Only the attempt (src/exchange.ts) sees it;
 * what fetch receives is a plain string and init.
 */
export class OutgoingRequest {
  readonly method: string;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    /** openapi-fetch's assembled init; its `headers` is a Headers object until the attempt sends it. */
    readonly init: RequestInit & { method: string },
  ) {
    this.method = init.method;
    this.headers = init.headers as Headers;
  }
}
