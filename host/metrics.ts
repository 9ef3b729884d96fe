/**
 * Guest-defined metrics. Values live in a host-wide store keyed by name (Envoy's stats store, which outlives a
 * VM reload); ids are per VM and encode the type in their low two bits the way cpp-host allocates them
 * (counters 4, 8, ...; gauges 5, 9, ...; histograms 6, 10, ...).
 */

import { MetricType, METRIC_TYPE_MAX, Status } from "./abi.js";

export type MetricKind = "counter" | "gauge" | "histogram";
const kinds: readonly MetricKind[] = ["counter", "gauge", "histogram"];

export interface Metric {
  readonly name: string;
  readonly type: MetricKind;
  /** Counter and gauge: the current value. Histogram: the sum of recorded values. */
  value: bigint;
  /** Histogram only: how many values were recorded. */
  count: bigint;
}

export class MetricStore {
  private readonly byName = new Map<string, Metric>();

  /** Same name and type share one metric, like two ids for one Envoy stat. */
  obtain(name: string, type: MetricKind): Metric {
    const key = `${type}:${name}`;
    let metric = this.byName.get(key);
    if (metric === undefined) {
      metric = { name, type, value: 0n, count: 0n };
      this.byName.set(key, metric);
    }
    return metric;
  }

  snapshot(): Map<string, { type: MetricKind; value: bigint; count?: bigint }> {
    const out = new Map<string, { type: MetricKind; value: bigint; count?: bigint }>();
    for (const m of this.byName.values()) {
      out.set(m.name, m.type === "histogram" ? { type: m.type, value: m.value, count: m.count } : { type: m.type, value: m.value });
    }
    return out;
  }
}

const ID_STEP = 4;
const TYPE_MASK = 3;

/** The id table of one VM. */
export class MetricIds {
  private readonly byId = new Map<number, Metric>();
  private readonly next = [MetricType.Counter, MetricType.Gauge, MetricType.Histogram];

  constructor(private readonly store: MetricStore) {}

  define(type: number, name: string): { status: number; id?: number; metric?: Metric } {
    if (type > METRIC_TYPE_MAX || type < 0) return { status: Status.BadArgument };
    const id = (this.next[type]! += ID_STEP);
    const metric = this.store.obtain(name, kinds[type]!);
    this.byId.set(id, metric);
    return { status: Status.Ok, id, metric };
  }

  /** Envoy: counters only grow (a non-positive delta is BadArgument); gauges add or subtract; histograms refuse. */
  increment(id: number, delta: bigint): number {
    const type = id & TYPE_MASK;
    if (type === MetricType.Histogram || type > MetricType.Histogram) return Status.BadArgument;
    const metric = this.byId.get(id);
    if (metric === undefined) return Status.NotFound;
    if (type === MetricType.Counter && delta <= 0n) return Status.BadArgument;
    metric.value += delta;
    return Status.Ok;
  }

  /** Envoy: record adds to a counter, sets a gauge, records into a histogram. */
  record(id: number, value: bigint): number {
    const metric = this.byId.get(id);
    if (metric === undefined) return Status.NotFound;
    if (metric.type === "counter") metric.value += value;
    else if (metric.type === "gauge") metric.value = value;
    else {
      metric.value += value;
      metric.count += 1n;
    }
    return Status.Ok;
  }

  /** Histograms cannot be read back (BadArgument), unknown ids are NotFound. */
  get(id: number): bigint | number {
    const type = id & TYPE_MASK;
    if (type === MetricType.Histogram || type > MetricType.Histogram) return Status.BadArgument;
    const metric = this.byId.get(id);
    return metric === undefined ? Status.NotFound : metric.value;
  }

  nameOf(id: number): Metric | undefined {
    return this.byId.get(id);
  }
}
