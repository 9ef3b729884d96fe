import { LABEL_TAG, MAX_LABEL_BYTES, flatMetricName, flatMetricNameTags } from "../metric-names.js";
import type { StaticData } from "./static-data.js";

/**
 * The metrics a program defines (docs/language.md, "Metrics"): a global id per counter and histogram, a label table
 * (runtime/metrics.ts) per `count ... by`, all defined in proxy_on_configure, once per VM. The actions ask for their
 * metric while they are lowered; a program without metrics declares nothing and calls nothing.
 */

const TYPE = { counter: 0, histogram: 2 } as const;
/** runtime/metrics.ts's scratch: a returned id, a label and a flat name (the checker bounds names to fit). */
const METRIC_SCRATCH = "METRIC_SCRATCH";
const SCRATCH_BYTES = 72 + 512;

interface Defined {
  readonly global: string;
  readonly define: string;
  /** A label table's entries; absent for an id. */
  readonly capacity?: number;
}

export class MetricTable {
  private readonly byKey = new Map<string, Defined>();
  /** The tags the metrics' names carry, in the order first used. */
  readonly tags = new Set<string>();

  constructor(
    private readonly data: StaticData,
    /** `filterc.<filter name>.` unless filterc.yaml's `metricPrefix` says otherwise. */
    readonly prefix: string,
  ) {}

  /** The id global of the counter `name`. */
  counter(name: string): string {
    return this.plain("counter", this.prefix + name);
  }

  histogram(name: string): string {
    return this.plain("histogram", this.prefix + name);
  }

  /** A counter of one fixed tag value, such as `rule=.=deny_admin;.;filterc.api.rule_fired`. */
  taggedCounter(name: string, tag: string, value: string): string {
    this.tags.add(tag);
    return this.plain("counter", flatMetricName(this.prefix, name, { name: tag, value }));
  }

  /** A counter of several fixed tag values, such as `direction=.=request;.;outcome=.=denied;.;filterc.api.body_overflow`. */
  multiTaggedCounter(name: string, tags: readonly { readonly name: string; readonly value: string }[]): string {
    for (const tag of tags) this.tags.add(tag.name);
    return this.plain("counter", flatMetricNameTags(this.prefix, name, tags));
  }

  /**
   * The label table of `count NAME by ...`: `only` lists its values, else the first `limit` values a worker sees
   * get their own counter. The checker made every use of a name agree on its bound.
   */
  labels(name: string, bound: { readonly only: readonly string[] } | { readonly limit: number }): { table: string; name: string; scratch: string } {
    this.tags.add(LABEL_TAG);
    const key = `labels:${name}`;
    const nameText = this.data.text(this.prefix + name);
    const known = this.byKey.get(key);
    if (known !== undefined) return { table: known.global, name: nameText, scratch: METRIC_SCRATCH };
    const global = `METRIC_LABELS_${this.byKey.size}`;
    const capacity = "only" in bound ? bound.only.length : bound.limit;
    const lines = [`labelsInit(${global}, ${capacity}, ${"only" in bound}, ${nameText}, ${METRIC_SCRATCH});`];
    if ("only" in bound) for (const value of bound.only) lines.push(`labelsAdd(${global}, ${nameText}, ${this.data.text(value)}, ${METRIC_SCRATCH});`);
    this.byKey.set(key, { global, define: lines.join(" "), capacity });
    return { table: global, name: nameText, scratch: METRIC_SCRATCH };
  }

  private plain(type: keyof typeof TYPE, fullName: string): string {
    const key = `${type}:${fullName}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known.global;
    const global = `METRIC_${this.byKey.size}`;
    this.byKey.set(key, { global, define: `if (${global} == 0) ${global} = metricDefine(${TYPE[type]}, ${this.data.text(fullName)}, ${METRIC_SCRATCH});` });
    return global;
  }

  declarations(): string[] {
    if (this.byKey.size === 0) return [];
    return [
      `const ${METRIC_SCRATCH} = memory.data(${SCRATCH_BYTES}, 4);`,
      ...[...this.byKey.values()].map(({ global, capacity }) =>
        capacity === undefined ? `let ${global}: u32 = 0;` : `const ${global} = memory.data(${16 + capacity * (8 + MAX_LABEL_BYTES)}, 4);`,
      ),
    ];
  }

  /** proxy_on_configure's lines: each metric defined the first time, kept over reconfigurations. */
  defineCode(): string[] {
    return [...this.byKey.values()].map(({ define }) => define);
  }
}
