import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorArgs,
  APIUserAbortError,
  ArgilError,
  AuthenticationError,
  apiErrorFromResponse,
  BadRequestError,
  ConfigError,
  ConflictError,
  errorClassForStatus,
  InternalServerError,
  InvalidRequestError,
  invalidSuccessBodyError,
  isArgilError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/errors.js";

const request = { method: "PUT", path: "/webhooks/{id}", url: "https://api.argil.ai/v1/webhooks/wh_1" };

function respond(
  body: BodyInit | null,
  status: number,
  headers: Record<string, string> = {},
  statusText = "",
) {
  return apiErrorFromResponse(new Response(body, { status, statusText, headers }), request);
}

function generate(overrides: Partial<APIErrorArgs> = {}): APIError {
  return APIError.generate({
    status: 500,
    statusText: "",
    headers: new Headers(),
    body: undefined,
    rawBody: "",
    ...request,
    ...overrides,
  });
}

const retryAfter = (headers: Record<string, string>) =>
  generate({ headers: new Headers(headers) }).retryAfterMs;

describe("mapping a status to a class", () => {
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
    [504, InternalServerError],
    [418, APIError],
    [405, APIError],
  ])("maps %i to its class", (status, ErrorClass) => {
    expect(errorClassForStatus(status)).toBe(ErrorClass);
    expect(generate({ status }).constructor).toBe(ErrorClass);
  });

  it("maps an HTML 502 to InternalServerError", async () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>";
    const error = await respond(html, 502, { "content-type": "text/html" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("502 Bad Gateway: PUT /webhooks/{id}");
    expect(error.body).toBeUndefined();
    expect(error.rawBody).toBe(html);
  });
});

describe("reading error bodies", () => {
  it("takes code and message from Argil's {code, message} body", async () => {
    const error = await respond('{"code":404,"message":"Webhook not found"}', 404, {}, "Not Found");
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("404 Not Found: PUT /webhooks/{id}: Webhook not found");
    expect(error.code).toBe(404);
    expect(error.body).toEqual({ code: 404, message: "Webhook not found" });
  });

  it("takes the message from problem+json detail, else title", async () => {
    const type = { "content-type": "application/problem+json" };
    const detail = await respond('{"title":"Invalid body","detail":"events must not be empty"}', 400, type);
    expect(detail.message).toBe("400 Bad Request: PUT /webhooks/{id}: events must not be empty");
    const title = await respond('{"title":"Invalid body","status":422}', 422, type);
    expect(title.message).toBe("422 Unprocessable Content: PUT /webhooks/{id}: Invalid body");
    expect(title.code).toBeUndefined();
  });

  it("takes the message from an error string or error.message", async () => {
    expect((await respond('{"error":"quota exceeded"}', 403)).message).toMatch(/: quota exceeded$/);
    expect((await respond('{"error":{"message":"nope"}}', 403)).message).toMatch(/: nope$/);
  });

  it("uses short plain text as the message and leaves body undefined", async () => {
    const error = await respond("upstream connect error", 503, { "content-type": "text/plain" });
    expect(error.message).toBe("503 Service Unavailable: PUT /webhooks/{id}: upstream connect error");
    expect(error.body).toBeUndefined();
  });

  it("falls back to the status for long plain text but keeps it in rawBody", async () => {
    const text = "x".repeat(201);
    const error = await respond(text, 500);
    expect(error.message).toBe("500 Internal Server Error: PUT /webhooks/{id}");
    expect(error.rawBody).toBe(text);
  });

  it("uses an HTML page's title when it says more than the status", async () => {
    const error = await respond("<!DOCTYPE html><title>Down for\n maintenance</title>", 503);
    expect(error.message).toBe("503 Service Unavailable: PUT /webhooks/{id}: Down for maintenance");
  });

  it("maps an empty body to the status text", async () => {
    const error = await respond(null, 500, { "content-type": "application/json" });
    expect(error.message).toBe("500 Internal Server Error: PUT /webhooks/{id}");
    expect(error.body).toBeUndefined();
    expect(error.rawBody).toBe("");
  });

  it("keeps a truncated JSON body raw without letting a SyntaxError escape", async () => {
    const error = await respond('{"code": 4', 500, { "content-type": "application/json" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBeUndefined();
    expect(error.rawBody).toBe('{"code": 4');
    expect(error.message).toBe(
      "500 Internal Server Error: PUT /webhooks/{id}: the error body is not valid JSON",
    );
  });

  it("truncates a huge raw body to 4096 characters with a marker", async () => {
    const error = await respond("a".repeat(100_000), 500);
    expect(error.rawBody.startsWith("a".repeat(4096))).toBe(true);
    expect(error.rawBody).toMatch(/^a{4096}…\[truncated: 100000 characters in all\]$/);
  });

  it("parses a huge JSON body in full while truncating its raw text", async () => {
    const json = JSON.stringify({ code: 500, message: "boom", trace: "t".repeat(10_000) });
    const error = await respond(json, 500);
    expect(error.body).toEqual(JSON.parse(json));
    expect(error.rawBody.length).toBeLessThan(4200);
  });

  it("gives an empty rawBody when reading the body rejects", async () => {
    const stream = new ReadableStream({ pull: (controller) => controller.error(new Error("socket reset")) });
    const error = await respond(stream, 503);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.rawBody).toBe("");
    expect(error.message).toBe("503 Service Unavailable: PUT /webhooks/{id}");
  });

  it("flattens newlines and control characters in server text", async () => {
    const error = await respond('{"message":"bad\\n\\u001b[31minput"}', 400);
    expect(error.message).toBe("400 Bad Request: PUT /webhooks/{id}: bad [31minput");
  });

  it("falls back to the standard reason phrase when statusText is empty", async () => {
    const error = await respond(null, 502);
    expect(error.statusText).toBe("Bad Gateway");
    expect(error.message).toBe("502 Bad Gateway: PUT /webhooks/{id}");
    expect(generate({ status: 599 }).message).toBe("599: PUT /webhooks/{id}");
  });

  it("hints at the API key on a 401 without naming it", async () => {
    const error = await respond('{"code":401,"message":"Invalid API key"}', 401);
    expect(error.message).toBe(
      "401 Unauthorized: PUT /webhooks/{id}: Invalid API key; check the API key (x-api-key, default from ARGIL_API_KEY)",
    );
  });
});

describe("parsing Retry-After", () => {
  it("reads delta-seconds, including a decimal", () => {
    expect(retryAfter({ "retry-after": "2" })).toBe(2000);
    expect(retryAfter({ "retry-after": "0" })).toBe(0);
    expect(retryAfter({ "retry-after": "1.5" })).toBe(1500);
  });

  it("reads an HTTP-date relative to now", () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const ms = retryAfter({ "retry-after": at });
    expect(ms).toBeGreaterThan(28_000);
    expect(ms).toBeLessThanOrEqual(30_000);
    expect(retryAfter({ "retry-after": new Date(Date.now() - 3_600_000).toUTCString() })).toBeUndefined();
  });

  it("prefers retry-after-ms and falls back to Retry-After when it is unusable", () => {
    expect(retryAfter({ "retry-after-ms": "250", "retry-after": "5" })).toBe(250);
    expect(retryAfter({ "retry-after-ms": "soon", "retry-after": "5" })).toBe(5000);
  });

  it.each(["-1", "1.5abc", "3600", "abc", "", "Infinity", "NaN", "1e3", "61", "Sun, 99 Foo 2024"])(
    "gives undefined, never NaN, for Retry-After %j",
    (value) => {
      expect(retryAfter({ "retry-after": value })).toBeUndefined();
    },
  );

  it.each(["-1", "1.5abc", "3600000", "abc", "", "Infinity", "NaN", "1e3"])(
    "gives undefined, never NaN, for retry-after-ms %j",
    (value) => {
      expect(retryAfter({ "retry-after-ms": value })).toBeUndefined();
    },
  );

  it("accepts exactly 60 seconds and no more", () => {
    expect(retryAfter({ "retry-after": "60" })).toBe(60_000);
    expect(retryAfter({ "retry-after-ms": "60001" })).toBeUndefined();
  });
});

describe("keeping secrets out", () => {
  const secret = "sk-live-9f8e7d6c5b4a";

  it("redacts credential and cookie headers in any letter case", () => {
    const headers = new Headers({
      "X-API-KEY": secret,
      Authorization: `Bearer ${secret}`,
      COOKIE: `session=${secret}`,
      "Set-Cookie": `session=${secret}`,
      "X-Request-Id": "req_1",
    });
    const error = generate({ headers });
    for (const name of ["x-api-key", "authorization", "cookie", "set-cookie"]) {
      expect(error.headers.get(name)).toBe("[redacted]");
    }
    expect(error.headers.get("x-request-id")).toBe("req_1");
    expect(headers.get("x-api-key")).toBe(secret);
  });

  it("never shows the key from a response header or URL credentials in any rendering", async () => {
    const headers = { "x-API-key": secret, authorization: secret, "set-cookie": `k=${secret}` };
    const url = `https://user:${secret}@api.argil.ai/v1/webhooks/wh_1`;
    const response = new Response('{"code":401,"message":"Unauthorized"}', { status: 401, headers });
    const error = await apiErrorFromResponse(response, { ...request, url });
    const renderings = [
      error.message,
      String(error),
      error.stack,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ];
    for (const text of renderings) expect(text).not.toContain(secret);
    expect(error.url).toBe("https://api.argil.ai/v1/webhooks/wh_1");
  });

  it("serialises to a plain object with the documented fields", () => {
    const error = generate({ status: 404, body: { code: 404, message: "gone" }, message: "gone" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NotFoundError",
      message: "404 Not Found: PUT /webhooks/{id}: gone",
      status: 404,
      code: 404,
      ...request,
      body: { code: 404, message: "gone" },
      attempts: 1,
    });
  });
});

describe("the class hierarchy", () => {
  const connection = { ...request, cause: new Error("fetch failed") };

  it("chains NotFoundError to APIError, ArgilError and Error", () => {
    const error = generate({ status: 404 });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(ArgilError);
    expect(error).toBeInstanceOf(Error);
  });

  it.each([
    [new ArgilError("x"), "ArgilError"],
    [new ConfigError("x"), "ConfigError"],
    [new InvalidRequestError("x"), "InvalidRequestError"],
    [new APIConnectionError(connection), "APIConnectionError"],
    [new APIConnectionTimeoutError(connection), "APIConnectionTimeoutError"],
    [new APIUserAbortError(connection), "APIUserAbortError"],
    [generate({ status: 200 }), "APIError"],
    [generate({ status: 400 }), "BadRequestError"],
    [generate({ status: 401 }), "AuthenticationError"],
    [generate({ status: 403 }), "PermissionDeniedError"],
    [generate({ status: 404 }), "NotFoundError"],
    [generate({ status: 409 }), "ConflictError"],
    [generate({ status: 422 }), "UnprocessableEntityError"],
    [generate({ status: 429 }), "RateLimitError"],
    [generate({ status: 500 }), "InternalServerError"],
  ])("names %s in String() and the stack", (error, name) => {
    expect(error.name).toBe(name);
    expect(String(error).startsWith(`${name}: `)).toBe(true);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });

  it("counts one attempt until the retry layer says otherwise", () => {
    const error = generate();
    expect(error.attempts).toBe(1);
    error.attempts = 3;
    expect(error.toJSON()).toMatchObject({ attempts: 3 });
  });
});

describe("errors raised before or instead of a response", () => {
  it("keeps the fetch failure as cause and names its code", () => {
    const cause = new TypeError("fetch failed", {
      cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
    });
    const error = new APIConnectionError({ ...request, cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      "PUT /webhooks/{id}: could not reach the API (fetch failed, ECONNREFUSED); check the network and baseUrl",
    );
  });

  it("makes timeouts and aborts connection errors with the abort reason as cause", () => {
    const reason = new DOMException("stop", "AbortError");
    const abort = new APIUserAbortError({ ...request, cause: reason });
    const timeout = new APIConnectionTimeoutError({
      ...request,
      cause: undefined,
      message: "timed out after 10 ms",
    });
    expect(abort).toBeInstanceOf(APIConnectionError);
    expect(abort.cause).toBe(reason);
    expect(abort.message).toBe("PUT /webhooks/{id}: the request was aborted by the caller's signal");
    expect(timeout).toBeInstanceOf(APIConnectionError);
    expect(timeout.message).toBe("PUT /webhooks/{id}: timed out after 10 ms");
  });

  it("keeps the violations of an invalid request, frozen", () => {
    const error = new InvalidRequestError("path.id must be a non-empty string", [
      { path: "path.id", message: "must be a non-empty string" },
    ]);
    expect(error.violations).toEqual([{ path: "path.id", message: "must be a non-empty string" }]);
    expect(Object.isFrozen(error.violations)).toBe(true);
    expect(new InvalidRequestError("bad").violations).toEqual([]);
    expect(error.toJSON()).toMatchObject({ name: "InvalidRequestError", violations: error.violations });
  });

  it("keeps the cause of a configuration error", () => {
    const cause = new Error("inner");
    expect(new ConfigError("apiKey is missing", { cause }).cause).toBe(cause);
  });
});

describe("a 2xx with a body that is not JSON", () => {
  it("raises a base APIError that quotes the first bytes", () => {
    const response = new Response(null, { status: 200, statusText: "OK" });
    const error = invalidSuccessBodyError(response, request, '{"id":"wh', "Unexpected end of JSON input");
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(
      '200 OK: PUT /webhooks/{id}: the response body is not valid JSON (Unexpected end of JSON input); first bytes: "{\\"id\\":\\"wh"',
    );
  });

  it("says so when the body is empty", () => {
    const error = invalidSuccessBodyError(new Response(null, { status: 201 }), request, "", "empty body");
    expect(error.message).toBe(
      "201 Created: PUT /webhooks/{id}: the response body is not valid JSON (empty body); first bytes: none, the body is empty",
    );
  });
});

describe("isArgilError", () => {
  it("recognises an error branded by another realm or copy of the package", () => {
    const foreign = { name: "NotFoundError", message: "x", [Symbol.for("argil-client.error")]: true };
    expect(isArgilError(foreign)).toBe(true);
    expect(isArgilError(generate({ status: 404 }))).toBe(true);
  });

  it.each([
    new Error("plain"),
    null,
    undefined,
    "ArgilError",
    {},
    { [Symbol.for("argil-client.error")]: "yes" },
  ])("rejects %s", (value) => {
    expect(isArgilError(value)).toBe(false);
  });
});
