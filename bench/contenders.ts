// The calls the benchmark compares, each doing the same work: PUT /webhooks/{id} with a JSON body and an API key,
// then the parsed JSON answer. Only the layer differs: argil-client, bare openapi-fetch, a hand-written fetch.
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/openapi.js";
import { Argil } from "../src/index.js";

export const WEBHOOK_ID = "79fb1195-f5f3-4f29-a178-b0b480663577";
export const API_KEY = "sk_bench_0123456789";
export const BODY = { events: ["VIDEO_GENERATION_SUCCESS", "VIDEO_GENERATION_FAILED"] as const };
/** The answer every server or canned fetch gives, as Prism's example would. */
export const ANSWER = JSON.stringify({
  id: WEBHOOK_ID,
  callbackUrl: "https://hooks.example.com/argil",
  events: BODY.events,
  createdAt: "2026-01-05T11:20:00.000Z",
  updatedAt: "2026-03-04T09:45:10.000Z",
});

export type Fetch = (input: Request | string, init?: RequestInit) => Promise<Response>;
export type Call = () => Promise<unknown>;

export interface Contender {
  /** Short key used in the JSON results. */
  key: "argil" | "openapiFetch" | "handWritten" | "argilRaw" | "openapiFetchTimeout" | "handWrittenTimeout";
  label: string;
  call: Call;
}

/**
 * The three contenders of every section. With `diagnostics`, three more show where a difference comes from:
 * - `argil.raw.PUT`: openapi-fetch behind our middleware and attempt loop, without the resource-method layer;
 * - bare openapi-fetch given what a timeout needs: a per-call AbortController whose signal goes into the Request,
 *   and a 60 s timer (the client's default `timeoutMs`);
 * - the hand-written call given the same timeout: its own AbortController's signal in the init and a 60 s timer,
 *   which is what argil-client hands fetch on every attempt. The gap between it and the plain hand-written call
 *   is the price of a deadline in the runtime's fetch, which no client layer can avoid.
 */
export function contenders(fetchImpl: Fetch, baseUrl: string, diagnostics = false): Contender[] {
  const argil = new Argil({ apiKey: API_KEY, baseUrl, fetch: fetchImpl });
  const bare = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: { "x-api-key": API_KEY } });
  const list: Contender[] = [
    {
      key: "argil",
      label: "argil.webhooks.update",
      call: () => argil.webhooks.update(WEBHOOK_ID, { events: [...BODY.events] }),
    },
    {
      key: "openapiFetch",
      label: "openapi-fetch PUT",
      call: async () => {
        const { data, error } = await bare.PUT("/webhooks/{id}", {
          params: { path: { id: WEBHOOK_ID } },
          body: { events: [...BODY.events] },
        });
        if (error) throw new Error("PUT failed");
        return data;
      },
    },
    {
      key: "handWritten",
      label: "hand-written fetch",
      call: async () => {
        const response = await fetchImpl(`${baseUrl}/webhooks/${encodeURIComponent(WEBHOOK_ID)}`, {
          method: "PUT",
          headers: { "x-api-key": API_KEY, "content-type": "application/json" },
          body: JSON.stringify({ events: [...BODY.events] }),
        });
        if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
        return response.json();
      },
    },
  ];
  if (diagnostics) {
    list.push(
      {
        key: "argilRaw",
        label: "argil.raw.PUT",
        call: () =>
          argil.raw.PUT("/webhooks/{id}", {
            params: { path: { id: WEBHOOK_ID } },
            body: { events: [...BODY.events] },
          }),
      },
      {
        key: "handWrittenTimeout",
        label: "hand-written fetch with a timeout signal",
        call: async () => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 60_000);
          try {
            const response = await fetchImpl(`${baseUrl}/webhooks/${encodeURIComponent(WEBHOOK_ID)}`, {
              method: "PUT",
              headers: { "x-api-key": API_KEY, "content-type": "application/json" },
              body: JSON.stringify({ events: [...BODY.events] }),
              signal: controller.signal,
            });
            if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
            return await response.json();
          } finally {
            clearTimeout(timer);
          }
        },
      },
      {
        key: "openapiFetchTimeout",
        label: "openapi-fetch PUT with a timeout signal",
        call: async () => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 60_000);
          try {
            const { data, error } = await bare.PUT("/webhooks/{id}", {
              params: { path: { id: WEBHOOK_ID } },
              body: { events: [...BODY.events] },
              signal: controller.signal,
            });
            if (error) throw new Error("PUT failed");
            return data;
          } finally {
            clearTimeout(timer);
          }
        },
      },
    );
  }
  return list;
}

/**
 * An in-process fetch that answers at once with a canned JSON response. Like undici's fetch, it first makes a
 * `Request` of its own from its arguments (a copy, when it is handed a Request), so every contender pays for
 * what a real fetch would do with the arguments it passes.
 */
export const cannedFetch: Fetch = async (input, init) => {
  void new Request(input, init);
  return new Response(ANSWER, { status: 200, headers: { "content-type": "application/json" } });
};
