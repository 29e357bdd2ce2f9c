// Section 3, run in a child with --expose-gc: the heap after batches of 10,000 calls against the baseline.
import { setImmediate as nextTurn } from "node:timers/promises";
import { cannedFetch, contenders } from "./contenders.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

/** heapUsed after full collections, with turns of the event loop between them so finalizers (undici registers
 * bodies in a FinalizationRegistry) run and what they held can go too. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 6; i++) {
    gc?.();
    await nextTurn();
  }
  return process.memoryUsage().heapUsed;
}

const calls = Number(process.argv[2] ?? 10_000);
const batches = Number(process.argv[3] ?? 5);
const [argil] = contenders(cannedFetch, "https://api.argil.ai/v1");
if (!argil) throw new Error("no contender");
// Warm up as long as one batch: optimised code and inline caches are one-off, not growth per call.
for (let i = 0; i < calls; i++) await argil.call();
const baseline = await settledHeap();
const after: number[] = [];
for (let batch = 0; batch < batches; batch++) {
  for (let i = 0; i < calls; i++) await argil.call();
  after.push(await settledHeap());
}
process.stdout.write(`${JSON.stringify({ calls, baseline, after })}\n`);
