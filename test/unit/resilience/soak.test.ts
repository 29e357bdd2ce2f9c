// A thousand concurrent calls through one client against a server failing one in ten of them on purpose.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type Argil,
  ArgilError,
  InternalServerError,
} from "argil-client";
import { describe, expect, it } from "vitest";
import { type Fault, type ReceivedRequest, reply, startFaultServer } from "../../support/fault-server.js";
import { clientFor, collectGarbage as gc, KEY, logCatcher, renderings, sleep } from "./support.js";

const CALLS = 1000;
// Calls that stall get a short deadline of their own; the rest keep a generous one, so a loaded CI machine
// cannot turn a healthy answer into an unplanned timeout and break the request count below.
const STALL_TIMEOUT_MS = 2000;

type Kind = "ok" | "500" | "503" | "reset" | "stall";
type Method = "GET" | "POST" | "RAW";

/** Deterministic per call: every tenth call fails its first attempt, cycling through the four faults. */
function plan(i: number): { method: Method; kind: Kind } {
  const method: Method = i % 3 === 0 ? "POST" : i % 3 === 1 ? "GET" : "RAW";
  const kinds: Kind[] = ["500", "503", "reset", "stall"];
  return { method, kind: i % 10 === 0 ? (kinds[(i / 10) % 4] as Kind) : "ok" };
}

function callIndex(request: ReceivedRequest): number {
  const name =
    request.method === "GET" ? request.path.split("/")[2] : JSON.parse(request.body.toString()).name;
  return Number(String(name).replace("soak-", ""));
}

function answer(kind: Kind, i: number, attempt: number): Fault {
  if (attempt > 1 || kind === "ok") return reply(200, { id: `soak-${i}` });
  switch (kind) {
    case "500":
      return reply(500, { code: 500, message: "injected" });
    case "503":
      return reply(503, { code: 503, message: "injected" }, { "retry-after": "1" });
    case "reset":
      return { kind: "reset" };
    case "stall":
      return i % 20 === 0
        ? { kind: "hang" }
        : { kind: "stall-body", status: 200, headers: { "content-type": "application/json" } };
  }
}

/** What the retry rules predict for a call: how many requests it makes, and how it settles. */
function expected(i: number): { requests: number; outcome: string } {
  const { method, kind } = plan(i);
  if (kind === "ok") return { requests: 1, outcome: "data" };
  if (method !== "POST") return { requests: 2, outcome: "data" };
  // A POST is retried only when the server certainly did not act: none of these faults qualifies.
  const outcome = { "500": "InternalServerError", "503": "InternalServerError", reset: "APIConnectionError" };
  return { requests: 1, outcome: kind === "stall" ? "APIConnectionTimeoutError" : outcome[kind] };
}

function call(argil: Argil, i: number): Promise<unknown> {
  const { method, kind } = plan(i);
  const options = kind === "stall" ? { timeoutMs: STALL_TIMEOUT_MS } : {};
  const id = `soak-${i}`;
  if (method === "POST") return argil.videos.create({ name: id, moments: [] }, options);
  if (method === "GET") return argil.videos.get(id, options);
  return argil.raw.GET("/videos/{id}", { params: { path: { id } }, ...options }).then(({ data }) => data);
}

function classify(error: unknown): string {
  for (const ErrorClass of [APIConnectionTimeoutError, APIConnectionError, InternalServerError]) {
    if (error instanceof ErrorClass) return ErrorClass.name;
  }
  return `untyped: ${String(error)}`;
}

const resources = () => {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
};

describe("soak", () => {
  it("settles 1,000 concurrent calls exactly once each, with the request count the retry rules predict", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    // Handles before anything of the soak exists: its server and every connection must be gone at the end.
    const before = resources();
    const server = await startFaultServer();
    const attempts = new Map<number, number>();
    server.script((request) => {
      const i = callIndex(request);
      const attempt = (attempts.get(i) ?? 0) + 1;
      attempts.set(i, attempt);
      return answer(plan(i).kind, i, attempt);
    });
    const log = logCatcher();
    try {
      const argil = clientFor(server, { timeoutMs: 10_000, logLevel: "info", logger: log.logger });
      // Warm up with as many calls, so the baseline holds the JIT's code and a pool of open connections, and the
      // burst below measures the client rather than a thousand TCP handshakes.
      await Promise.all(Array.from({ length: CALLS }, (_, i) => argil.videos.get(`soak-${i * 10 + 1}`)));
      attempts.clear();
      server.requests.length = 0;
      gc();
      const heapBefore = process.memoryUsage().heapUsed;

      const settledTimes = new Array<number>(CALLS).fill(0);
      const outcomes = new Array<string>(CALLS);
      const errors: unknown[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CALLS }, (_, i) =>
          call(argil, i).then(
            (data) => {
              settledTimes[i] = (settledTimes[i] ?? 0) + 1;
              outcomes[i] =
                (data as { id?: string }).id === `soak-${i}` ? "data" : `wrong data ${JSON.stringify(data)}`;
            },
            (error: unknown) => {
              settledTimes[i] = (settledTimes[i] ?? 0) + 1;
              outcomes[i] = error instanceof ArgilError ? classify(error) : `untyped: ${String(error)}`;
              errors.push(error);
            },
          ),
        ),
      );
      const elapsed = performance.now() - started;

      expect(settledTimes.every((times) => times === 1)).toBe(true);
      expect(outcomes).toEqual(Array.from({ length: CALLS }, (_, i) => expected(i).outcome));
      const predicted = Array.from({ length: CALLS }, (_, i) => expected(i).requests).reduce((a, b) => a + b);
      expect(server.requests).toHaveLength(predicted);
      expect(predicted).toBe(CALLS + 66); // the 66 failed first attempts of GETs, retried once each
      for (let i = 0; i < CALLS; i++) expect(attempts.get(i)).toBe(expected(i).requests);
      expect(elapsed).toBeLessThan(10_000);

      // The key stays out of every error and log line, also at this volume.
      for (const error of errors) for (const text of renderings(error)) expect(text).not.toContain(KEY);
      expect(log.text()).not.toContain(KEY);

      // No timer of the client outlives its call; the connections go once the server closes them.
      expect(resources().Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
      await server.close();
      const back = () => Object.entries(resources()).every(([kind, count]) => count <= (before[kind] ?? 0));
      for (let wait = 0; wait < 150 && !back(); wait++) await sleep(20);
      const after = resources();
      for (const kind of Object.keys(after)) {
        expect(after[kind] ?? 0, `open ${kind} handles`).toBeLessThanOrEqual(before[kind] ?? 0);
      }
      gc();
      const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      expect(grownMb).toBeLessThan(10);
      await sleep(10);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await server.close();
    }
  }, 30_000);
});
