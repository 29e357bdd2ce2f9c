// Creates the openapi-fetch client that every request of one Argil instance goes through, and its call policy.
import createClient, { type Client } from "openapi-fetch";
import { keyAuthorizer } from "./exchange.js";
import type { paths } from "./generated/openapi.js";
import { createLog } from "./logger.js";
import type { ResolvedOptions } from "./options.js";
import { OutgoingRequest } from "./outgoing-request.js";
import { serializeJsonBody } from "./request-body.js";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "./resilience-options.js";
import type { CallPolicy } from "./retry.js";

// Keyed by the openapi-fetch client, so resources and `argil.raw` (built from that client) find the settings.
const policies = new WeakMap<Client<paths>, CallPolicy>();
const DEFAULT_POLICY: CallPolicy = Object.freeze({
  fetch: (url: string, init: RequestInit) => globalThis.fetch(url, init),
  authorize: () => undefined,
  maxRetries: DEFAULT_MAX_RETRIES,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  log: createLog("warn", globalThis.console),
});

/**
 * The openapi-fetch client of one Argil instance, and its call policy. No middleware: each attempt's per-request
 * `fetch` (see exchange.ts) adds the key and maps errors, which saves openapi-fetch's middleware round trips.
 */
export function createHttpClient(options: ResolvedOptions): Client<paths> {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    bodySerializer: serializeJsonBody,
    Request: OutgoingRequest as unknown as typeof Request,
  });
  const { fetch, maxRetries, timeoutMs, log, validateRequest, validateResponse } = options;
  policies.set(
    client,
    Object.freeze({
      fetch,
      authorize: keyAuthorizer(options.apiKey),
      maxRetries,
      timeoutMs,
      log,
      validateRequest,
      validateResponse,
    }),
  );
  return client;
}

/** The retry, timeout and logging settings of a client made by {@link createHttpClient} (else the defaults). */
export function callPolicyOf(client: Client<paths>): CallPolicy {
  return policies.get(client) ?? DEFAULT_POLICY;
}
