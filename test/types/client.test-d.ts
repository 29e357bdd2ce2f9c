import type {
  Argil,
  ArgilResources,
  ClientOptions,
  FetchLike,
  OperationResult,
  RawResponse,
  RequestOptions,
  Schema,
} from "argil-client";
import { describe, expectTypeOf, it } from "vitest";

declare const argil: Argil;

describe("resource method types", () => {
  it("types webhooks.update as (id, body, options?) => Promise<Webhook>", () => {
    expectTypeOf(argil.webhooks.update).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(argil.webhooks.update).parameter(1).toEqualTypeOf<Schema<"WebhookUpdateArgs">>();
    expectTypeOf(argil.webhooks.update).parameter(2).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(argil.webhooks.update).returns.toEqualTypeOf<Promise<Schema<"Webhook">>>();
  });

  it("rejects a wrong event name and an extra property at compile time", () => {
    // @ts-expect-error VIDEO_DONE is not an event of the spec
    argil.webhooks.update("wh_1", { events: ["VIDEO_DONE"] });
    // @ts-expect-error the update body has additionalProperties: false
    argil.webhooks.update("wh_1", { callbackUrl: "https://example.com", secret: "x" });
    // @ts-expect-error the body is required
    argil.webhooks.update("wh_1");
  });

  it("makes list queries and the render body optional", () => {
    expectTypeOf(argil.videos.list).toBeCallableWith();
    expectTypeOf(argil.videos.list).toBeCallableWith({ page: 2, limit: 5 });
    expectTypeOf(argil.videos.render).toBeCallableWith("vid_1");
    expectTypeOf(argil.videos.render).toBeCallableWith("vid_1", { callbackUrl: "https://example.com/done" });
    // @ts-expect-error page is an integer, not a string
    argil.videos.list({ page: "2" });
  });

  it("resolves deletes of webhooks to undefined and subtitle exports to text", () => {
    expectTypeOf(argil.webhooks.delete).returns.toEqualTypeOf<Promise<undefined>>();
    expectTypeOf(argil.subtitles.export).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(argil.subtitles.export)
      .parameter(1)
      .toEqualTypeOf<{ format?: "vtt" | "ass"; includeStyling?: boolean } | undefined>();
  });

  it("resolves list operations to their documented envelope or array", () => {
    expectTypeOf<OperationResult<"videos.list">>().toEqualTypeOf<Schema<"VideoList">>();
    expectTypeOf<OperationResult<"webhooks.list">>().toEqualTypeOf<Schema<"Webhook">[]>();
    expectTypeOf<OperationResult<"assets.list">>().toEqualTypeOf<Schema<"Asset">[]>();
  });

  it("has one resource per tag of the spec", () => {
    expectTypeOf<keyof ArgilResources>().toEqualTypeOf<
      "assets" | "avatars" | "subtitles" | "videos" | "voices" | "webhooks"
    >();
  });
});

describe("argil.raw types", () => {
  it("resolves only to the success branch, because error statuses throw", async () => {
    const result = await argil.raw.PUT("/webhooks/{id}", { params: { path: { id: "wh_1" } }, body: {} });
    expectTypeOf(result.data).toEqualTypeOf<Schema<"Webhook">>();
    expectTypeOf(result.error).toEqualTypeOf<undefined>();
    expectTypeOf(result.response).toEqualTypeOf<Response>();
  });

  it("checks paths, path parameters and bodies", () => {
    // @ts-expect-error no such path
    argil.raw.GET("/webhook");
    // @ts-expect-error the id path parameter is required
    argil.raw.PUT("/webhooks/{id}", { body: {} });
    // @ts-expect-error unknown event name
    argil.raw.PUT("/webhooks/{id}", { params: { path: { id: "x" } }, body: { events: ["NOPE"] } });
  });

  it("types a per-call fetch as FetchLike and refuses the options only the client may set", () => {
    const traced: FetchLike = (url, init) => fetch(url, init);
    argil.raw.GET("/webhooks", { fetch: traced, timeoutMs: 5_000, maxRetries: 0 });
    // @ts-expect-error the per-call fetch is called as fetch(url, init), never with a Request
    argil.raw.GET("/webhooks", { fetch: async (request: Request) => fetch(request) });
    // @ts-expect-error baseUrl is the client's: a per-call one would send the key elsewhere
    argil.raw.GET("/webhooks", { baseUrl: "https://elsewhere.example" });
    // @ts-expect-error middleware would see the key
    argil.raw.GET("/webhooks", { middleware: [] });
    // @ts-expect-error the client's query serialisation and guards apply
    argil.raw.GET("/webhooks", { querySerializer: () => "" });
  });

  it("exposes the raw response type for callers who wrap it", () => {
    expectTypeOf<RawResponse<{ responses: { 200: { content: { "application/json": 1 } } } }, object>>()
      .toHaveProperty("data")
      .toEqualTypeOf<1>();
  });
});

describe("the fetch option's type", () => {
  it("accepts the global fetch and the usual wrapper shapes, called as fetch(url, init)", () => {
    expectTypeOf<typeof globalThis.fetch>().toExtend<NonNullable<ClientOptions["fetch"]>>();
    expectTypeOf<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>().toExtend<FetchLike>();
    expectTypeOf<(url: string, init: RequestInit) => Promise<Response>>().toExtend<FetchLike>();
    expectTypeOf<FetchLike>().parameters.toEqualTypeOf<[url: string, init: RequestInit]>();
  });

  it("rejects a fetch written for a Request argument, which it would never get", () => {
    expectTypeOf<(request: Request) => Promise<Response>>().not.toExtend<FetchLike>();
  });
});
