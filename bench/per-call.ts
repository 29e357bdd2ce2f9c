// Section 1: per-call overhead against an in-process fetch that answers at once (after making its own Request
// from its arguments, as undici's fetch does), the calls interleaved.
import { type Contender, cannedFetch, contenders } from "./contenders.js";
import { collectGarbage, median, round } from "./stats.js";

export interface PerCallResult {
  callsPerSample: number;
  rounds: number;
  /** Median microseconds per call, by contender key. */
  medianUs: Record<string, number>;
  ratioToOpenapiFetch: number;
  ratioToHandWritten: number;
  rawRatioToOpenapiFetch: number;
  /** argil-client over openapi-fetch given the same per-call timeout signal: the overhead net of timeouts. */
  ratioToOpenapiFetchWithTimeout: number;
  /** argil-client over a hand-written call with the same per-call timeout signal: our layer net of deadlines. */
  ratioToHandWrittenTimeout: number;
}

async function sample(contender: Contender, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await contender.call();
  return ((performance.now() - started) * 1000) / calls;
}

/** Runs `rounds` rounds; each round times `calls` sequential calls of every contender, in a rotating order. */
export async function perCall({ rounds = 15, calls = 1_000 } = {}): Promise<PerCallResult> {
  const list = contenders(cannedFetch, "https://api.argil.ai/v1", true);
  for (const contender of list) await sample(contender, calls); // warm up the JIT for every path
  const samples = new Map<string, number[]>(list.map((contender) => [contender.key, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < list.length; i++) {
      const contender = list[(r + i) % list.length] as Contender;
      collectGarbage();
      samples.get(contender.key)?.push(await sample(contender, calls));
    }
  }
  const medianUs = Object.fromEntries([...samples].map(([key, values]) => [key, round(median(values))]));
  const of = (key: string) => medianUs[key] ?? Number.NaN;
  return {
    callsPerSample: calls,
    rounds,
    medianUs,
    ratioToOpenapiFetch: round(of("argil") / of("openapiFetch")),
    ratioToHandWritten: round(of("argil") / of("handWritten")),
    rawRatioToOpenapiFetch: round(of("argilRaw") / of("openapiFetch")),
    ratioToOpenapiFetchWithTimeout: round(of("argil") / of("openapiFetchTimeout")),
    ratioToHandWrittenTimeout: round(of("argil") / of("handWrittenTimeout")),
  };
}
