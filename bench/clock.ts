/** Monotonic time in nanoseconds, as a number (precise enough below 2^53 ns, about 104 days). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

export function msSince(startNs: number): number {
  return (nowNs() - startNs) / 1e6;
}

/**
 * CPU time of this process (all its threads, user and system), in nanoseconds with microsecond precision.
 * Per-request timings use it: while one module's worker runs its batch the bench's other threads wait, so this is
 * that worker's work plus V8's helper threads (GC, JIT), and the time a shared machine gives to other processes
 * does not count, where wall time counted every preemption as the module's cost.
 */
export function processCpuNs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1000;
}
