// A fetch stand-in for unit tests: records every request and answers from a script, so no network is involved.
import { Argil, type FetchLike } from "argil-client";

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

type Reply = Response | (() => Response | Promise<Response>) | Error;

export interface ScriptedFetch {
  fetch: FetchLike;
  requests: RecordedRequest[];
}

/** Answers each request with the next reply (the last one repeats); an Error reply makes fetch reject with it. */
export function scriptedFetch(...replies: Reply[]): ScriptedFetch {
  const requests: RecordedRequest[] = [];
  let index = 0;
  const fetch: FetchLike = async (url, init) => {
    // Read back through a Request, as a real fetch would parse what it is handed.
    const input = new Request(url, init);
    const body = input.body === null ? undefined : await input.text();
    requests.push({
      method: input.method,
      url: new URL(input.url),
      headers: new Headers(input.headers),
      body,
    });
    const reply = replies[Math.min(index++, replies.length - 1)];
    if (reply === undefined) throw new Error("scriptedFetch has no reply scripted");
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply() : reply.clone();
  };
  return { fetch, requests };
}

/** A JSON response with the right content type. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export const TEST_KEY = "sk_live_TESTKEY_0123456789abcdef";

/**
 * A client whose requests go to a scriptedFetch answering with `replies`. Retries are off: these tests are about
 * one request and one response; test/unit/resilience covers retrying.
 */
export function scriptedClient(...replies: Parameters<typeof scriptedFetch>): {
  argil: Argil;
  stub: ScriptedFetch;
} {
  const stub = scriptedFetch(...replies);
  const argil = new Argil({
    apiKey: TEST_KEY,
    baseUrl: "https://api.test/v1",
    fetch: stub.fetch,
    maxRetries: 0,
  });
  return { argil, stub };
}
