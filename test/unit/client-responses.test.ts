import { inspect } from "node:util";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "argil-client";
import { describe, expect, it } from "vitest";
import { json, scriptedClient, TEST_KEY } from "../support/scripted-fetch.js";

const client = scriptedClient;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject");
}

function expectNoKey(error: unknown): void {
  for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5, showHidden: true })]) {
    expect(text).not.toContain(TEST_KEY);
  }
}

describe("success bodies", () => {
  it("resolves to the parsed JSON body", async () => {
    const { argil } = client(json([{ id: "wh_1", events: ["VIDEO_GENERATION_SUCCESS"] }]));
    await expect(argil.webhooks.list()).resolves.toEqual([
      { id: "wh_1", events: ["VIDEO_GENERATION_SUCCESS"] },
    ]);
  });

  it("resolves to undefined for 204", async () => {
    const { argil } = client(new Response(null, { status: 204 }));
    await expect(argil.webhooks.delete("wh_1")).resolves.toBeUndefined();
  });

  it("resolves to the text of a text/vtt export", async () => {
    const vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n";
    const { argil } = client(new Response(vtt, { headers: { "content-type": "text/vtt" } }));
    await expect(argil.subtitles.export("0d5b0b5e-1c1e-4a4e-9c1e-2b2b2b2b2b2b")).resolves.toBe(vtt);
  });

  it.each([
    ["truncated JSON", '{"id": "wh_'],
    ["HTML", "<html><body>hi</body></html>"],
    ["an empty body", ""],
  ])("rejects a 200 whose JSON body is %s with an APIError, never undefined", async (_kind, body) => {
    const { argil } = client(
      new Response(body, { status: 200, headers: { "content-type": "application/json" } }),
    );
    const error = await failureOf(argil.webhooks.list());
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(200);
    expect((error as APIError).message).toMatch(/GET \/webhooks/);
    expect((error as APIError).rawBody).toBe(body);
  });

  it("rejects with APIConnectionError when the body stream breaks", async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new TypeError("terminated"));
      },
    });
    const { argil } = client(() => new Response(broken, { headers: { "content-type": "application/json" } }));
    const error = await failureOf(argil.videos.get("vid_1"));
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe("error statuses", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ])("maps %i to %o with Argil's code and message", async (status, ErrorClass) => {
    const { argil } = client(
      json({ code: status, message: `the server says ${status}` }, status, { "x-request-id": "r1" }),
    );
    const error = await failureOf(argil.webhooks.update("wh_1", { events: ["VIDEO_GENERATION_FAILED"] }));
    expect(error).toBeInstanceOf(ErrorClass);
    const apiError = error as APIError;
    expect(apiError.status).toBe(status);
    expect(apiError.code).toBe(status);
    expect(apiError.message).toContain(`the server says ${status}`);
    expect(apiError.message).toContain("PUT /webhooks/{id}");
    expect(apiError.method).toBe("PUT");
    expect(apiError.url).toBe("https://api.test/v1/webhooks/wh_1");
    expect(apiError.headers.get("x-request-id")).toBe("r1");
    expect(apiError.body).toEqual({ code: status, message: `the server says ${status}` });
    expectNoKey(error);
  });

  it("maps an undeclared status to the base APIError", async () => {
    const { argil } = client(new Response("I'm a teapot", { status: 418 }));
    const error = await failureOf(argil.webhooks.list());
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(418);
  });

  it("maps an HTML 502 from a proxy to InternalServerError without a SyntaxError", async () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const { argil } = client(new Response(html, { status: 502, headers: { "content-type": "text/html" } }));
    const error = await failureOf(argil.videos.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).message).toContain("Bad Gateway");
    expect((error as APIError).rawBody).toBe(html);
  });

  it("takes the message of a problem+json body from detail", async () => {
    const problem = { type: "about:blank", title: "Unauthorized", status: 401, detail: "Missing x-api-key" };
    const { argil } = client(
      new Response(JSON.stringify(problem), {
        status: 401,
        headers: { "content-type": "application/problem+json" },
      }),
    );
    const error = await failureOf(argil.avatars.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).message).toContain("Missing x-api-key");
    expectNoKey(error);
  });

  it("falls back to the status text for an empty error body", async () => {
    const { argil } = client(new Response(null, { status: 500, statusText: "" }));
    const error = await failureOf(argil.voices.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).message).toContain("Internal Server Error");
  });

  it("wraps a failed fetch in APIConnectionError with the failure as cause", async () => {
    const failure = new TypeError("fetch failed");
    const { argil } = client(failure);
    const error = await failureOf(argil.webhooks.list());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toBe(failure);
    expectNoKey(error);
  });
});

describe("the url on errors about a success body", () => {
  it("is the URL sent to, also when a stub's Response has none", async () => {
    const broken = () => new Response("{oops", { headers: { "content-type": "application/json" } });
    const { argil } = client(broken);
    const method = await failureOf(argil.videos.get("vid_1"));
    const raw = await failureOf(argil.raw.GET("/videos/{id}", { params: { path: { id: "vid_1" } } }));
    expect((method as APIError).url).toBe("https://api.test/v1/videos/vid_1");
    expect((raw as APIError).url).toBe("https://api.test/v1/videos/vid_1");
  });
});

describe("argil.raw", () => {
  it("resolves to { data, response } on success", async () => {
    const { argil } = client(json({ id: "wh_1" }));
    const { data, response } = await argil.raw.PUT("/webhooks/{id}", {
      params: { path: { id: "wh_1" } },
      body: {},
    });
    expect(data).toEqual({ id: "wh_1" });
    expect(response.status).toBe(200);
  });

  it("rejects with the mapped error class instead of returning { error }", async () => {
    const { argil } = client(json({ code: 404, message: "Webhook not found" }, 404));
    const error = await failureOf(
      argil.raw.PUT("/webhooks/{id}", { params: { path: { id: "nope" } }, body: {} }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).message).toContain("Webhook not found");
  });

  it("rejects a 2xx whose JSON does not parse with an APIError", async () => {
    const { argil } = client(new Response("{oops", { headers: { "content-type": "application/json" } }));
    await expect(argil.raw.GET("/webhooks")).rejects.toBeInstanceOf(APIError);
  });

  it("reads the text operation as text by default, as its type says", async () => {
    const { argil } = client(
      new Response("WEBVTT\n\n00:00.000 --> 00:01.000\nHi", { headers: { "content-type": "text/vtt" } }),
    );
    const { data } = await argil.raw.GET("/subtitles/videos/{videoProjectId}/export", {
      params: { path: { videoProjectId: "vp_1" }, query: { format: "vtt" } },
    });
    expect(data).toBe("WEBVTT\n\n00:00.000 --> 00:01.000\nHi");
  });

  it("raises APIError, not a SyntaxError, when asked to parse text as JSON", async () => {
    const { argil } = client(new Response("WEBVTT", { headers: { "content-type": "text/vtt" } }));
    const error = await failureOf(
      argil.raw.GET("/subtitles/videos/{videoProjectId}/export", {
        params: { path: { videoProjectId: "vp_1" }, query: { format: "vtt" } },
        parseAs: "json",
      }),
    );
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toContain("the response body is not valid JSON");
  });

  it.each([
    ["a 204", () => new Response(null, { status: 204 })],
    ["an empty 200", () => new Response("", { headers: { "content-length": "0" } })],
  ])(
    "raises APIError for %s on an operation that declares a JSON answer, as the methods do",
    async (_kind, reply) => {
      const { argil } = client(reply);
      const error = await failureOf(argil.raw.GET("/webhooks"));
      expect(error).toBeInstanceOf(APIError);
      expect((error as Error).message).toContain("the body is empty");
    },
  );

  it.each([
    [
      "an unknown parseAs",
      { parseAs: "xml" },
      'GET /webhooks: parseAs must be one of json, text, blob, arrayBuffer, stream, got "xml"; nothing was sent.',
    ],
    [
      "a signal that is not an AbortSignal",
      { signal: {} },
      "GET /webhooks: signal must be an AbortSignal; nothing was sent.",
    ],
    [
      "misspelt options",
      { timeoutMS: 1, maxRetry: 5 },
      'GET /webhooks: unknown option "timeoutMS", "maxRetry" (expected params, body, headers, parseAs, signal, fetch, maxRetries, timeoutMs or a RequestInit field); nothing was sent.',
    ],
    [
      "a fetch that is not a function",
      { fetch: "x" },
      "GET /webhooks: fetch must be a function called as fetch(url, init), got string; nothing was sent.",
    ],
    [
      "a null fetch",
      { fetch: null },
      "GET /webhooks: fetch must be a function called as fetch(url, init), got null; nothing was sent.",
    ],
  ])("rejects %s before sending", async (_kind, init, message) => {
    const { argil, stub } = client(json([]));
    const error = await failureOf(argil.raw.GET("/webhooks", init as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(message);
    expect(stub.requests).toHaveLength(0);
  });

  it("returns undefined data for 204", async () => {
    const { argil } = client(new Response(null, { status: 204 }));
    const { data } = await argil.raw.DELETE("/webhooks/{id}", { params: { path: { id: "wh_1" } } });
    expect(data).toBeUndefined();
  });
});
