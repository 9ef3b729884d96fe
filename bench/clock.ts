/** Monotonic time in nanoseconds, as a number (precise enough below 2^53 ns, about 104 days). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

export function msSince(startNs: number): number {
  return (nowNs() - startNs) / 1e6;
}
