// Which failures are retried, for which methods, against a real HTTP server on loopback.
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "argil-client";
import { describe, expect, it } from "vitest";
import { refusedBaseUrl, reply } from "../../support/fault-server.js";
import { clientFor, failureOf, KEY, useFaultServer } from "./support.js";

const server = useFaultServer();

// "Retry-After: 0" keeps status tests free of waiting; the wait itself is tested with fake timers.
const now = { "retry-after": "0" };
const video = { id: "vid_1", name: "Launch" };
const newVideo = { name: "Launch", moments: [{ avatarId: "av_1", transcript: "Hi" }] };

describe("retryable statuses", () => {
  it.each([408, 409, 429, 500, 502, 503, 504])(
    "retries a GET answered %i and resolves with the next answer",
    async (status) => {
      server.sequence(reply(status, { code: status, message: "try again" }, now), reply(200, video));
      await expect(clientFor(server).videos.get("vid_1")).resolves.toEqual(video);
      expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
    },
  );

  it("retries a PUT and a DELETE like a GET", async () => {
    const argil = clientFor(server);
    server.sequence(reply(500, {}, now), reply(502, {}, now), reply(200, { id: "wh_1" }));
    await expect(argil.webhooks.update("wh_1", { events: ["VIDEO_GENERATION_SUCCESS"] })).resolves.toEqual({
      id: "wh_1",
    });
    server.sequence(reply(503, {}, now), { kind: "respond", status: 204 });
    await expect(argil.webhooks.delete("wh_1")).resolves.toBeUndefined();
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("retries a POST answered 429, because the server did not act on it", async () => {
    server.sequence(reply(429, { code: 429, message: "slow down" }, now), reply(201, video));
    await expect(clientFor(server).videos.create(newVideo)).resolves.toEqual(video);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [504, InternalServerError],
    [408, APIError],
    [409, ConflictError],
  ])(
    "does not retry a POST answered %i, because the server may have acted on it",
    async (status, ErrorClass) => {
      server.sequence(reply(status, { code: status, message: "hm" }, now), reply(201, video));
      const error = await failureOf(clientFor(server).videos.create(newVideo));
      expect(error).toBeInstanceOf(ErrorClass);
      expect((error as APIError).attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [418, APIError],
  ])("never retries a %i", async (status, ErrorClass) => {
    server.sequence(reply(status, { code: status, message: "no" }, now), reply(200, video));
    const error = await failureOf(clientFor(server).videos.get("vid_1"));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as APIError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("gives up after maxRetries retries and reports every attempt on the error", async () => {
    server.sequence(reply(503, { code: 503, message: "down" }, now));
    const error = await failureOf(clientFor(server).videos.get("vid_1"));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).attempts).toBe(3);
    expect((error as APIError).toJSON()).toMatchObject({ attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("makes exactly one attempt when maxRetries is 0", async () => {
    server.sequence(reply(503, {}, now));
    const error = await failureOf(clientFor(server, { maxRetries: 0 }).videos.get("vid_1"));
    expect((error as APIError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("lets a request's maxRetries override the client's, both ways", async () => {
    server.sequence(reply(503, {}, now));
    const none = clientFor(server, { maxRetries: 0 });
    expect(((await failureOf(none.videos.get("vid_1", { maxRetries: 3 }))) as APIError).attempts).toBe(4);
    expect(
      ((await failureOf(clientFor(server).videos.get("vid_1", { maxRetries: 0 }))) as APIError).attempts,
    ).toBe(1);
    expect(server.requests).toHaveLength(5);
  });

  it("exposes the server's Retry-After on the RateLimitError it finally throws", async () => {
    server.sequence(reply(429, { code: 429, message: "slow down" }, { "retry-after-ms": "0" }));
    const error = await failureOf(clientFor(server, { maxRetries: 1 }).videos.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(0);
    expect((error as RateLimitError).attempts).toBe(2);
  });
});

describe("request bodies on retry", () => {
  it("resends a byte-identical body, even if the caller changes the object between attempts", async () => {
    const body = { events: ["VIDEO_GENERATION_SUCCESS" as const], callbackUrl: "https://example.com/é" };
    const sent = JSON.stringify(body);
    server.script((request) => {
      // The server runs in this process: change the caller's object after the first attempt has gone out.
      body.callbackUrl = "https://example.com/changed";
      return request.index === 0 ? reply(503, {}, now) : reply(200, { id: "wh_1" });
    });
    await clientFor(server).webhooks.update("wh_1", body);
    expect(server.requests.map((r) => r.body.toString("utf8"))).toEqual([sent, sent]);
    expect(server.requests[1]?.headers["content-type"]).toBe("application/json");
  });

  it("resends a byte-identical body from argil.raw", async () => {
    const body = {
      name: "Hook",
      callbackUrl: "https://example.com/h",
      events: ["VIDEO_GENERATION_FAILED" as const],
    };
    const sent = JSON.stringify(body);
    server.script((request) => {
      body.name = "changed";
      return request.index === 0 ? reply(500, {}, now) : reply(200, { id: "wh_1" });
    });
    const { data } = await clientFor(server).raw.PUT("/webhooks/{id}", {
      params: { path: { id: "wh_1" } },
      body,
    });
    expect(data).toEqual({ id: "wh_1" });
    expect(server.requests.map((r) => r.body.toString("utf8"))).toEqual([sent, sent]);
  });
});

describe("connection failures", () => {
  it("retries a GET whose connection is reset and resolves with the next answer", async () => {
    server.sequence({ kind: "reset" }, reply(200, video));
    await expect(clientFor(server).videos.get("vid_1")).resolves.toEqual(video);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a POST whose connection is reset after it was sent", async () => {
    server.sequence({ kind: "reset" }, reply(201, video));
    const error = await failureOf(clientFor(server).videos.create(newVideo));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET whose body is cut short by a closed connection", async () => {
    const body = JSON.stringify(video);
    const json = { "content-type": "application/json" };
    server.sequence({ kind: "truncate", status: 200, headers: json, body, sentBytes: 8 }, reply(200, video));
    await expect(clientFor(server).videos.get("vid_1")).resolves.toEqual(video);
    expect(server.requests).toHaveLength(2);
  });

  it("raises APIError without retrying for a complete 200 whose JSON is truncated", async () => {
    const json = { "content-type": "application/json" };
    server.sequence({ kind: "respond", status: 200, headers: json, body: '{"id": "vid_' }, reply(200, video));
    const error = await failureOf(clientFor(server).videos.get("vid_1"));
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toMatch(/not valid JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST whose connection was refused before anything was sent", async () => {
    let sends = 0;
    const argil = clientFor(
      { baseUrl: await refusedBaseUrl() },
      {
        maxRetries: 1,
        fetch: (url, init) => {
          sends++;
          return fetch(url, init);
        },
      },
    );
    const error = await failureOf(argil.videos.create(newVideo));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    expect((error as APIConnectionError).attempts).toBe(2);
    expect(sends).toBe(2);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
