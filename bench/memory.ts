// Section 3: whether the heap returns to its baseline after 10,000 calls (no growth per call), in a fresh child.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { round } from "./stats.js";

export interface MemoryResult {
  calls: number;
  baselineMb: number;
  /** Heap after each further batch of `calls` calls, each after full collections. */
  afterMb: number[];
  /** Least-squares slope of the heap over the calls made: what each call leaves behind, ~0 when nothing is. */
  bytesPerCall: number;
  /** The largest distance of a batch from the baseline. */
  maxDeltaMb: number;
  returnsToBaseline: boolean;
}

/**
 * Below this slope the heap is flat: a call that kept even one small object alive (a closure, a promise, a
 * header entry: 30–100 B) would leave 0.3–1 MB per batch, well over the collector's ±0.2 MB noise.
 */
const FLAT_BYTES_PER_CALL = 16;

function slope(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] as number) - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return num / den;
}

export async function memory({ calls = 10_000, batches = 5 } = {}): Promise<MemoryResult> {
  const child = fileURLToPath(new URL("./memory-child.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [
    "--expose-gc",
    "--import",
    "tsx",
    child,
    String(calls),
    String(batches),
  ]);
  const { baseline, after } = JSON.parse(stdout) as { baseline: number; after: number[] };
  const heaps = [baseline, ...after];
  const bytesPerCall = slope(
    heaps.map((_, i) => i * calls),
    heaps,
  );
  const mb = (bytes: number) => round(bytes / 1024 / 1024);
  return {
    calls,
    baselineMb: mb(baseline),
    afterMb: after.map(mb),
    bytesPerCall: round(bytesPerCall, 2),
    maxDeltaMb: mb(Math.max(...after.map((heap) => Math.abs(heap - baseline)))),
    returnsToBaseline: bytesPerCall < FLAT_BYTES_PER_CALL,
  };
}
