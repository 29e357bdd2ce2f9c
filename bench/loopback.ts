// Section 2: the three calls against a keep-alive node:http server on 127.0.0.1, 10,000 requests each at
// concurrency 32, in interleaved rounds; throughput and latency percentiles.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type Contender, contenders } from "./contenders.js";
import { collectGarbage, percentile, round } from "./stats.js";

export interface LoopbackFigures {
  requestsPerSecond: number;
  /** CPU time of this (client) process per request, user + system: steadier than wall time on a busy machine. */
  clientCpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoopbackResult {
  requests: number;
  concurrency: number;
  slices: number;
  byContender: Record<string, LoopbackFigures>;
  /** argil-client's throughput over the hand-written call's (1 = equal; the goal is at least 0.9). */
  throughputVsHandWritten: number;
  p50VsHandWritten: number;
  p99VsHandWritten: number;
  openapiFetchVsHandWritten: number;
  /** Diagnostics: openapi-fetch and the hand-written call, each given the same timeout signal as argil-client. */
  openapiFetchTimeoutVsHandWritten: number;
  handWrittenTimeoutVsHandWritten: number;
  /** argil-client over the hand-written call with the same timeout: our layer net of the deadline's cost. */
  argilVsHandWrittenTimeout: number;
  argilVsOpenapiFetchTimeout: number;
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./loopback-server.ts", import.meta.url))],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const [line] = await Promise.race([
    createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((next) => [next.value as string]),
    new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`server exited: ${code}`))),
    ),
  ]);
  return { port: Number(line), stop: () => child.stdin.end() };
}

/** Sends `requests` calls with `concurrency` in flight; returns the wall time and every call's latency. */
async function load(contender: Contender, requests: number, concurrency: number) {
  const latencies = new Float64Array(requests);
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const t0 = performance.now();
        await contender.call();
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuUs: used.user + used.system,
    latencies: [...latencies],
  };
}

/**
 * Each contender sends `requests` requests in all, in `slices` slices; the slices of the three alternate, in a
 * rotating order, so a burst of load from elsewhere on the machine hits all three alike.
 */
export async function loopback({
  requests = 10_000,
  concurrency = 32,
  slices = 10,
} = {}): Promise<LoopbackResult> {
  const server = await startServer();
  try {
    const list = contenders(fetch, `http://127.0.0.1:${server.port}`, true);
    for (const contender of list) await load(contender, 1_000, concurrency); // warm up sockets and the JIT
    const seconds = new Map<string, number>(list.map((c) => [c.key, 0]));
    const cpuUs = new Map<string, number>(list.map((c) => [c.key, 0]));
    const latencies = new Map<string, number[]>(list.map((c) => [c.key, []]));
    const perSlice = Math.ceil(requests / slices);
    for (let r = 0; r < slices; r++) {
      for (let i = 0; i < list.length; i++) {
        const contender = list[(r + i) % list.length] as Contender;
        collectGarbage();
        const run = await load(contender, perSlice, concurrency);
        seconds.set(contender.key, (seconds.get(contender.key) ?? 0) + run.seconds);
        cpuUs.set(contender.key, (cpuUs.get(contender.key) ?? 0) + run.cpuUs);
        latencies.get(contender.key)?.push(...run.latencies);
      }
    }
    const byContender: Record<string, LoopbackFigures> = {};
    for (const { key } of list) {
      const all = latencies.get(key) ?? [];
      byContender[key] = {
        requestsPerSecond: round((perSlice * slices) / (seconds.get(key) ?? Number.NaN)),
        clientCpuUsPerRequest: round((cpuUs.get(key) ?? Number.NaN) / (perSlice * slices)),
        p50Ms: round(percentile(all, 50)),
        p99Ms: round(percentile(all, 99)),
      };
    }
    const argil = byContender.argil as LoopbackFigures;
    const hand = byContender.handWritten as LoopbackFigures;
    const rps = (key: string) => byContender[key]?.requestsPerSecond ?? Number.NaN;
    return {
      requests,
      concurrency,
      slices,
      byContender,
      throughputVsHandWritten: round(argil.requestsPerSecond / hand.requestsPerSecond),
      p50VsHandWritten: round(argil.p50Ms / hand.p50Ms),
      p99VsHandWritten: round(argil.p99Ms / hand.p99Ms),
      openapiFetchVsHandWritten: round(rps("openapiFetch") / hand.requestsPerSecond),
      openapiFetchTimeoutVsHandWritten: round(rps("openapiFetchTimeout") / hand.requestsPerSecond),
      handWrittenTimeoutVsHandWritten: round(rps("handWrittenTimeout") / hand.requestsPerSecond),
      argilVsHandWrittenTimeout: round(argil.requestsPerSecond / rps("handWrittenTimeout")),
      argilVsOpenapiFetchTimeout: round(argil.requestsPerSecond / rps("openapiFetchTimeout")),
    };
  } finally {
    server.stop();
  }
}
