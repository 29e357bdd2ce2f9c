// Small statistics helpers for the benchmark: medians, percentiles and rounding for the table.

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Rounds to a number of significant digits, for figures that go into JSON and the table. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** Runs the garbage collector when the process was started with --expose-gc, so one contender's garbage is
 * not collected during the next one's turn. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
