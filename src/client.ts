// The `Argil` client: options resolved once, one openapi-fetch client, and a typed method per spec operation.
import type { ArgilResources } from "./generated/resources.js";
import { createHttpClient } from "./http-client.js";
import { type ClientOptions, resolveOptions } from "./options.js";
import { createRawClient, type RawClient } from "./raw-client.js";
import { buildResources } from "./resources.js";

// The resource properties (videos, webhooks, ...) come from the spec, so their types are merged in from the
// generated interface rather than listed by hand.
export interface Argil extends ArgilResources {}

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
    const client = createHttpClient(resolveOptions(options));
    Object.assign(this, buildResources(client));
    this.raw = createRawClient(client);
  }
}
