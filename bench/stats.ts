/** Small statistics for timings: medians resist the outliers a shared machine produces. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median of per-round ratios a[i] / b[i]. Rounds pair measurements taken moments apart, so a ratio within a
 * round cancels the machine's drift between rounds, which a ratio of two medians would not.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(roundRatios(a, b));
}

/** The per-round ratios a[i] / b[i]. */
export function roundRatios(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(a[i]! / b[i]!);
  return ratios;
}

/** The value below which a share `q` (0..1) of the values lie, the nearest one standing. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
}

/** Relative spread of the rounds: (p75 - p25) / median, to flag noisy figures in the report. */
export function spread(values: readonly number[]): number {
  if (values.length < 4) return Number.NaN;
  return (quantile(values, 0.75) - quantile(values, 0.25)) / median(values);
}
