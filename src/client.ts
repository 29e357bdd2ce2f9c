// The `Argil` client: options resolved once, one openapi-fetch client, and a typed method per spec operation.
import { assertServerSide } from "./browser-guard.js";
import type { ArgilResources } from "./generated/resources.js";
import { createHttpClient } from "./http-client.js";
import { type ClientOptions, resolveOptions } from "./options.js";
import { createRawClient, type RawClient } from "./raw-client.js";
import { buildResources } from "./resources.js";
import { scrubSecret } from "./scrub-secret.js";
import { createWaiters, type Waiters } from "./waiters.js";

/** The spec's resources, with the wait helpers added to the ones whose jobs run asynchronously. */
export type ArgilClientResources = Omit<ArgilResources, keyof Waiters> & {
  readonly [Name in keyof Waiters]: ArgilResources[Name] & Waiters[Name];
};

// The resource properties (videos, webhooks, ...) come from the spec, so their types are merged in from the
// generated interface rather than listed by hand.
export interface Argil extends ArgilClientResources {}

// Untyped on purpose: RawClient's generic method types are deep, and inferring through them here is what makes
// large specs hit TypeScript's instantiation limit (TS2589). The cast back to RawClient restores them.
type AnySend = (...args: unknown[]) => Promise<unknown>;

/** The same methods, rejecting with the key scrubbed out of the error (a server may have echoed it). */
function scrubbedMethods<T extends object>(methods: T, secret: string): T {
  const wrap =
    (send: AnySend): AnySend =>
    (...args) =>
      send(...args).catch((error: unknown) => {
        throw scrubSecret(error, secret);
      });
  const entries = Object.entries(methods as Record<string, AnySend>).map(([name, send]) => [
    name,
    wrap(send),
  ]);
  return Object.fromEntries(entries) as T;
}

function scrubbedRaw(raw: RawClient, secret: string): RawClient {
  return scrubbedMethods(
    raw as unknown as Record<"GET" | "PUT" | "POST" | "DELETE", AnySend>,
    secret,
  ) as unknown as RawClient;
}

/**
 * A client for the Argil API. Every operation of the spec is a method, grouped by resource:
 * `argil.webhooks.update(id, body)`, `argil.videos.list({ page: 2 })`, ...
 *
 * Methods resolve to the parsed success body and reject with an `ArgilError` subclass: `APIError` subclasses
 * for error statuses, `APIConnectionError` when the request fails, `InvalidRequestError` before anything is sent.
 *
 * @example
 * const argil = new Argil({ apiKey: process.env.ARGIL_API_KEY });
 * const webhook = await argil.webhooks.update("3f6c…", { events: ["VIDEO_GENERATION_SUCCESS"] });
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Argil {
  /** openapi-fetch's path-style client with the same auth and error mapping; see RawClient. */
  readonly raw: RawClient;

  /** @throws ConfigError when an option is missing or malformed (see ClientOptions). */
  constructor(options?: ClientOptions) {
    assertServerSide(options);
    const resolved = resolveOptions(options);
    const client = createHttpClient(resolved);
    const resources = buildResources(client, resolved.apiKey);
    const waiters = createWaiters(resources);
    for (const name of Object.keys(waiters) as (keyof Waiters)[])
      Object.assign(resources[name], scrubbedMethods(waiters[name], resolved.apiKey));
    Object.assign(this, resources);
    this.raw = scrubbedRaw(createRawClient(client), resolved.apiKey);
  }
}
