/**
 * How filterc names the metrics of `count`, `observe` and `countRules` (docs/language.md, "Metrics"): shared by the
 * checker, lowering, emit (Envoy `stats_tags`) and `filterc test`.
 *
 * A metric is the flat stat `PREFIX + NAME`; a labelled one carries its label in front, the way Istio encodes tags:
 * `TAG=.=VALUE;.;PREFIX + NAME`. Envoy's tag extractor for TAG (`stats_tags`, or Istio's `extraStatTags`) takes
 * `TAG=.=VALUE;.;` out of the name and makes it the tag, so Prometheus sees `PREFIX_NAME{TAG="VALUE"}`.
 */

/** What runtime/metrics.ts keeps of a label value (MAX_LABEL_BYTES there too). */
export const MAX_LABEL_BYTES = 64;
/** Label values a `count ... by` without `only` or `limit` keeps per worker; later ones count as `other`. */
export const DEFAULT_LABEL_LIMIT = 16;
/** Where values outside the `only` list, past the limit, absent or empty are counted. */
export const OTHER_LABEL = "other";
/** The tag of `count ... by`. */
export const LABEL_TAG = "by";
/** The counter `countRules: true` counts each rule's firings in, tagged with RULE_TAG. */
export const RULE_COUNTER = "rule_fired";
export const RULE_TAG = "rule";
/** The counter of bodies past maxBody (docs/language.md, "Bodies"), tagged with the body's direction and outcome. */
export const BODY_OVERFLOW_COUNTER = "body_overflow";
export const DIRECTION_TAG = "direction";
export const OUTCOME_TAG = "outcome";
/** `limit`'s counters (docs/language.md, "Rate limits"), tagged with RULE_TAG: refusals (enforced or in shadow), and
 * requests decided against the shared overflow bucket because their key's slot was held by another key. */
export const RATE_LIMITED_COUNTER = "rate_limited";
export const RATE_LIMIT_COLLISIONS_COUNTER = "rate_limit_collisions";

/** The prefix of a filter's metrics when filterc.yaml's `metricPrefix` does not set one. */
export function defaultMetricPrefix(filterName: string): string {
  return `filterc.${filterName}.`;
}

/** The flat stat name of a metric, with its tag when it has one. */
export function flatMetricName(prefix: string, name: string, tag?: { readonly name: string; readonly value: string }): string {
  return tag === undefined ? prefix + name : `${tag.name}=.=${tag.value};.;${prefix}${name}`;
}

/** The flat stat name of a metric with several tags, each in front in the same form (Istio writes its tags so). */
export function flatMetricNameTags(prefix: string, name: string, tags: readonly { readonly name: string; readonly value: string }[]): string {
  return tags.map((tag) => `${tag.name}=.=${tag.value};.;`).join("") + prefix + name;
}

/** The label a runtime value gets (runtime/metrics.ts labelOf): other bytes become `_`, cut at MAX_LABEL_BYTES. */
export function labelOf(value: string): string {
  const bytes = new TextEncoder().encode(value).slice(0, MAX_LABEL_BYTES);
  return Array.from(bytes, (b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : "_")).join("");
}

/** The label of a rule for `countRules`: its name as a label, or `rule_N` (1-based) for an anonymous rule. */
export function ruleLabel(name: string | undefined, index: number): string {
  return name === undefined ? `rule_${index + 1}` : labelOf(name);
}
