// Across every fault the server can produce, the API key never shows in an error's renderings or a log line.
import { ArgilError } from "argil-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Fault,
  type FaultServer,
  refusedBaseUrl,
  reply,
  startFaultServer,
} from "../../support/fault-server.js";
import { clientFor, KEY, logCatcher, renderings } from "./support.js";

let server: FaultServer;
let refused: string;
beforeAll(async () => {
  server = await startFaultServer();
  refused = await refusedBaseUrl();
  // Each case is named in the request (the id for a GET, the name for a POST), so cases can run at once.
  server.script((request) => {
    const name =
      request.method === "GET" ? request.path.split("/")[2] : JSON.parse(request.body.toString()).name;
    return faults[name as keyof typeof faults] ?? reply(200, { id: "vid_1" });
  });
});
afterAll(() => server.close());

const json = { "content-type": "application/json" };
// The server echoes the key back wherever a careless proxy might: headers of every kind.
const echo = {
  "X-API-KEY": KEY,
  authorization: `Bearer ${KEY}`,
  "set-cookie": `k=${KEY}`,
  "retry-after": "0",
};
const faults: Record<string, Fault> = {
  ok: reply(200, { id: "vid_1" }, echo),
  ...Object.fromEntries(
    [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504].map((status) => [
      `status-${status}`,
      reply(status, { code: status, message: `status ${status}` }, echo),
    ]),
  ),
  html: {
    kind: "respond",
    status: 502,
    headers: { "content-type": "text/html", ...echo },
    body: "<title>502</title>",
  },
  problem: {
    kind: "respond",
    status: 400,
    headers: { "content-type": "application/problem+json", ...echo },
    body: JSON.stringify({ title: "Bad", detail: "events must not be empty" }),
  },
  text: {
    kind: "respond",
    status: 503,
    headers: { "content-type": "text/plain", ...echo },
    body: "upstream down",
  },
  empty: { kind: "respond", status: 500, headers: echo },
  "retry-after-garbage": reply(503, {}, { ...echo, "retry-after": "1.5abc" }),
  reset: { kind: "reset" },
  hang: { kind: "hang" },
  "stall-body": { kind: "stall-body", status: 200, headers: { ...json, ...echo }, firstBytes: '{"id":' },
  "stall-error-body": { kind: "stall-body", status: 503, headers: { ...json, ...echo } },
  truncate: {
    kind: "truncate",
    status: 200,
    headers: { ...json, ...echo },
    body: '{"id":"vid_1"}',
    sentBytes: 4,
  },
  "truncated-json": { kind: "respond", status: 200, headers: { ...json, ...echo }, body: '{"id": "vid_' },
  slow: { ...reply(200, { id: "vid_1" }, echo), delayMs: 300 },
};

const cases = [...Object.keys(faults), "refused", "caller-abort", "pre-aborted", "invalid-input"];

async function run(name: string, method: "GET" | "POST", logger: ReturnType<typeof logCatcher>["logger"]) {
  const baseUrl = name === "refused" ? refused : server.baseUrl;
  const argil = clientFor({ baseUrl }, { logLevel: "debug", logger, timeoutMs: 100, maxRetries: 1 });
  const controller = new AbortController();
  if (name === "pre-aborted") controller.abort(new Error("stopped"));
  if (name === "caller-abort") setTimeout(() => controller.abort(), 30);
  const id = name === "invalid-input" ? ".." : name;
  const options = name === "caller-abort" || name === "pre-aborted" ? { signal: controller.signal } : {};
  const call =
    method === "GET"
      ? argil.videos.get(id, options)
      : argil.videos.create({ name: id, moments: [] }, options);
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("the API key", () => {
  it.concurrent.each(cases)(
    "stays out of every error rendering and log line for %s, by GET and POST",
    async (name) => {
      const log = logCatcher();
      const errors = await Promise.all([run(name, "GET", log.logger), run(name, "POST", log.logger)]);
      for (const error of errors) {
        if (error === undefined) continue;
        expect(error).toBeInstanceOf(ArgilError);
        for (const text of renderings(error)) expect(text).not.toContain(KEY);
      }
      if (name !== "invalid-input") expect(log.lines.length).toBeGreaterThan(0);
      expect(log.text()).not.toContain(KEY);
    },
  );

  it("reaches the server on every request all the same", () => {
    expect(server.requests.length).toBeGreaterThan(cases.length);
    for (const request of server.requests) expect(request.headers["x-api-key"]).toBe(KEY);
  });
});
