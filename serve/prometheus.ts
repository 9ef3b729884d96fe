/**
 * The filter's metrics in Prometheus text format, as Envoy's admin /stats/prometheus writes the stats of wasm
 * modules (source/server/admin/prometheus_stats.cc, PrometheusStatsFormatter): a stat in a custom namespace such
 * as `wasmcustom` (where Context::defineMetric puts them) loses the namespace and gets no `envoy_` prefix; tags
 * that a tag extractor took out of the name (filterc writes `TAG=.=VALUE;.;` in front, the form Istio's
 * extractors read) become labels; other characters than [a-zA-Z0-9_] become `_`. The host keeps a histogram's
 * sum and count only, so a histogram has the `+Inf` bucket, `_sum` and `_count`.
 */

import type { MetricKind } from "../host/index.js";

export interface MetricValue {
  readonly type: MetricKind;
  readonly value: bigint;
  readonly count?: bigint;
}

const TAG = /^([A-Za-z_][A-Za-z0-9_]*)=\.=(.*?);\.;/;

/** `by=.=acme;.;filterc.shop.requests` to the stat `filterc_shop_requests` with the label by="acme". */
export function splitTags(name: string): { stat: string; labels: [string, string][] } {
  const labels: [string, string][] = [];
  let rest = name;
  for (let match = TAG.exec(rest); match !== null; match = TAG.exec(rest)) {
    labels.push([match[1]!, match[2]!]);
    rest = rest.slice(match[0].length);
  }
  return { stat: rest.replace(/[^A-Za-z0-9_]/g, "_"), labels };
}

function labelText(labels: readonly [string, string][], extra?: [string, string]): string {
  const all = extra === undefined ? labels : [...labels, extra];
  if (all.length === 0) return "";
  return `{${all.map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`).join(",")}}`;
}

export function prometheusText(metrics: ReadonlyMap<string, MetricValue>): string {
  // One # TYPE per stat, its series (one per label set) under it, stats in name order.
  const byStat = new Map<string, { type: MetricKind; series: { labels: [string, string][]; metric: MetricValue }[] }>();
  for (const [name, metric] of metrics) {
    const { stat, labels } = splitTags(name);
    let entry = byStat.get(stat);
    if (entry === undefined) byStat.set(stat, (entry = { type: metric.type, series: [] }));
    entry.series.push({ labels, metric });
  }
  const lines: string[] = [];
  for (const stat of [...byStat.keys()].sort()) {
    const { type, series } = byStat.get(stat)!;
    lines.push(`# TYPE ${stat} ${type}`);
    for (const { labels, metric } of series) {
      if (type === "histogram") {
        lines.push(`${stat}_bucket${labelText(labels, ["le", "+Inf"])} ${metric.count ?? 0n}`);
        lines.push(`${stat}_sum${labelText(labels)} ${metric.value}`);
        lines.push(`${stat}_count${labelText(labels)} ${metric.count ?? 0n}`);
      } else {
        lines.push(`${stat}${labelText(labels)} ${metric.value}`);
      }
    }
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}
