/**
 * The simulated clock. Time moves only when the embedder calls tick(), so runs are reproducible: the wall clock
 * starts at a fixed instant and the monotonic clock at an arbitrary non-zero value, as on a real machine.
 */

export const DEFAULT_START_UNIX_MS = Date.UTC(2025, 0, 1);

export class SimClock {
  /** Milliseconds elapsed since the host started. */
  elapsedMs = 0;
  private realtimeAtMs = Number.NaN;
  private realtime = 0n;

  constructor(private readonly startUnixMs: number = DEFAULT_START_UNIX_MS) {}

  /** Realtime clock (WASI clock 0, proxy_get_current_time_nanoseconds), Unix nanoseconds. */
  realtimeNs(): bigint {
    // Every stream records its start time: BigInt arithmetic only when the clock has moved.
    if (this.elapsedMs !== this.realtimeAtMs) {
      this.realtimeAtMs = this.elapsedMs;
      this.realtime = BigInt(this.startUnixMs) * 1_000_000n + BigInt(Math.trunc(this.elapsedMs * 1_000_000));
    }
    return this.realtime;
  }

  /** Monotonic clock (WASI clock 1), nanoseconds. */
  monotonicNs(): bigint {
    return 1_000_000_000_000n + BigInt(Math.trunc(this.elapsedMs * 1_000_000));
  }

  nowMs(): number {
    return this.elapsedMs;
  }
}
