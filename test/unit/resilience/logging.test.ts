// What the client logs at each level, where the level comes from, and that credentials never reach a line.
import { APIError, Argil } from "argil-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reply } from "../../support/fault-server.js";
import { clientFor, failureOf, KEY, logCatcher, useFaultServer } from "./support.js";

const server = useFaultServer();
beforeEach(() => {
  server.sequence(reply(200, { id: "vid_1" }));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const now = { "retry-after": "0" };
const video = { id: "vid_1" };

describe("log levels", () => {
  it("writes a debug line per attempt with method, path, status, attempt and duration", async () => {
    const log = logCatcher();
    server.sequence(reply(503, { code: 503, message: "down" }, now), reply(200, video));
    await clientFor(server, { logLevel: "debug", logger: log.logger }).videos.get("vid_1");
    const debug = log.lines.filter((line) => line.level === "debug");
    expect(debug.map((line) => line.message)).toEqual([
      expect.stringMatching(/^argil: GET \/videos\/\{id\} 503 in \d+ ms \(attempt 1 of 3\)$/),
      expect.stringMatching(/^argil: GET \/videos\/\{id\} 200 in \d+ ms \(attempt 2 of 3\)$/),
    ]);
    expect(debug[1]?.details).toMatchObject({
      method: "GET",
      path: "/videos/{id}",
      url: `${server.baseUrl}/videos/vid_1`,
      status: 200,
      attempt: 2,
      durationMs: expect.any(Number),
      headers: expect.objectContaining({ "content-type": "application/json" }),
    });
  });

  it("names the failure in the debug line of an attempt that got no response", async () => {
    const log = logCatcher();
    server.sequence({ kind: "hang" });
    const argil = clientFor(server, { logLevel: "debug", logger: log.logger, timeoutMs: 50, maxRetries: 0 });
    await failureOf(argil.videos.get("vid_1"));
    expect(log.lines[0]?.message).toMatch(/^argil: GET \/videos\/\{id\} APIConnectionTimeoutError in \d+ ms/);
    expect(log.lines[0]?.details).toMatchObject({
      method: "GET",
      url: `${server.baseUrl}/videos/vid_1`,
      attempt: 1,
    });
  });

  it("logs each retry at info with its wait and reason", async () => {
    const log = logCatcher();
    server.sequence(reply(503, { code: 503, message: "down" }, now), reply(200, video));
    await clientFor(server, { logLevel: "info", logger: log.logger }).videos.get("vid_1");
    expect(log.lines).toEqual([
      {
        level: "info",
        message: "argil: retrying in 0 ms (attempt 2 of 3): 503 Service Unavailable: GET /videos/{id}: down",
        details: { method: "GET", path: "/videos/{id}", delay: 0 },
      },
    ]);
  });

  it("warns when a call gives up after its retries", async () => {
    const log = logCatcher();
    server.sequence(reply(503, { code: 503, message: "down" }, now));
    await failureOf(clientFor(server, { logLevel: "warn", logger: log.logger }).videos.get("vid_1"));
    expect(log.lines.map((line) => [line.level, line.message])).toEqual([
      ["warn", "argil: gave up after 3 attempts: 503 Service Unavailable: GET /videos/{id}: down"],
    ]);
  });

  it("warns that a POST failing with a 5xx was not retried and may have been acted on", async () => {
    const log = logCatcher();
    server.sequence(reply(500, { code: 500, message: "boom" }));
    const argil = clientFor(server, { logLevel: "warn", logger: log.logger });
    await failureOf(argil.videos.create({ name: "v", moments: [] }));
    expect(log.lines.map((line) => line.message)).toEqual([
      "argil: not retried, as the server may have acted on this POST: 500 Internal Server Error: POST /videos: boom",
    ]);
  });

  it("logs nothing for a call that succeeds or fails without retrying, at the default level", async () => {
    const log = logCatcher();
    const argil = new Argil({ apiKey: KEY, baseUrl: server.baseUrl, logger: log.logger });
    server.sequence(reply(503, {}, now), reply(200, video));
    await argil.videos.get("vid_1");
    server.sequence(reply(404, { code: 404, message: "gone" }));
    await failureOf(argil.videos.get("vid_1"));
    expect(log.lines).toEqual([]);
  });

  it("does no debug work, not even timing an attempt, below the debug level", async () => {
    const log = logCatcher();
    const argil = new Argil({
      apiKey: KEY,
      logLevel: "info",
      logger: log.logger,
      fetch: async () =>
        new Response(JSON.stringify(video), { headers: { "content-type": "application/json" } }),
    });
    const now = vi.spyOn(performance, "now");
    try {
      await argil.videos.get("vid_1");
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
    expect(log.lines).toEqual([]);
  });

  it("logs nothing at all when off", async () => {
    const log = logCatcher();
    server.sequence(reply(503, {}, now));
    await failureOf(clientFor(server, { logLevel: "off", logger: log.logger }).videos.get("vid_1"));
    expect(log.lines).toEqual([]);
  });

  it("reads the level from ARGIL_LOG, in any letter case, unless logLevel is given", async () => {
    vi.stubEnv("ARGIL_LOG", " DEBUG ");
    const fromEnv = logCatcher();
    await new Argil({ apiKey: KEY, baseUrl: server.baseUrl, logger: fromEnv.logger }).videos.get("vid_1");
    expect(fromEnv.lines.map((line) => line.level)).toEqual(["debug"]);
    const explicit = logCatcher();
    await new Argil({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      logger: explicit.logger,
      logLevel: "warn",
    }).videos.get("vid_1");
    expect(explicit.lines).toEqual([]);
  });

  it("keeps the call working when the logger throws", async () => {
    const broken = () => {
      throw new Error("log sink down");
    };
    const logger = { error: broken, warn: broken, info: broken, debug: broken };
    server.sequence(reply(503, {}, now), reply(200, video));
    await expect(clientFor(server, { logLevel: "debug", logger }).videos.get("vid_1")).resolves.toEqual(
      video,
    );
  });

  it("calls the logger's methods on the logger, so class-based loggers keep their `this`", async () => {
    const seen: unknown[] = [];
    class Sink {
      prefix = "sink";
      error() {}
      warn() {}
      info() {}
      debug(message: string) {
        seen.push(`${this.prefix}: ${message}`);
      }
    }
    await clientFor(server, { logLevel: "debug", logger: new Sink() }).videos.get("vid_1");
    expect(seen).toEqual([expect.stringMatching(/^sink: argil: GET/)]);
  });
});

describe("redaction", () => {
  it("redacts x-api-key in any case and authorization in logged and error headers", async () => {
    const log = logCatcher();
    const echo = { "X-Api-Key": KEY, Authorization: `Bearer ${KEY}`, "Set-Cookie": `session=${KEY}`, ...now };
    server.sequence(
      reply(503, { code: 503, message: "down" }, echo),
      reply(401, { code: 401, message: "no" }, echo),
    );
    const error = await failureOf(
      clientFor(server, { logLevel: "debug", logger: log.logger }).videos.get("vid_1"),
    );
    expect(error).toBeInstanceOf(APIError);
    const { headers } = error as APIError;
    expect([headers.get("x-api-key"), headers.get("authorization"), headers.get("set-cookie")]).toEqual([
      "[redacted]",
      "[redacted]",
      "[redacted]",
    ]);
    const debug = log.lines.filter((line) => line.level === "debug");
    expect(debug).toHaveLength(2);
    expect(debug[0]?.details).toMatchObject({
      headers: { "x-api-key": "[redacted]", authorization: "[redacted]" },
    });
    expect(log.text()).not.toContain(KEY);
    // The request did carry the key: redaction is about what is shown, not what is sent.
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });
});
