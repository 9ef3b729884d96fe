import { describe, expect, it } from "vitest";
import { unknownFields } from "./envoy-v3-fields.js";
import { emitParsed, sampleInput } from "./fixtures.js";
import { flatMetricName, flatMetricNameTags, labelOf } from "../../compiler/metric-names.js";

const withTags = (tags: string[]) => emitParsed({ ...sampleInput(), metrics: { tags } })["envoy.yaml"]!;

/** What Envoy's regex tag extractor does with a name (TagExtractorStdRegexImpl::extractTag): group 1 out, group 2 the value. */
function extract(regex: string, name: string): { name: string; value: string } | undefined {
  const m = new RegExp(regex).exec(name);
  if (m === null) return undefined;
  return { name: name.slice(0, m.index) + name.slice(m.index + m[1]!.length), value: m[2]! };
}

describe("envoy.yaml stats_tags", () => {
  it("has an extractor for each tag the metrics carry, with real Envoy field names", () => {
    const b = withTags(["by", "rule"]);
    expect(b.stats_config).toEqual({ stats_tags: [{ tag_name: "by", regex: "(by=\\.=(.*?);\\.;)" }, { tag_name: "rule", regex: "(rule=\\.=(.*?);\\.;)" }] });
    expect(unknownFields(b)).toEqual([]);
  });

  it("has no stats_config for a filter without labelled metrics", () => {
    expect(withTags([]).stats_config).toBeUndefined();
    expect(emitParsed(sampleInput())["envoy.yaml"]!.stats_config).toBeUndefined();
  });

  it("turns a labelled name back into the metric's name and its label, with or without Envoy's custom namespace", () => {
    const [spec] = withTags(["by"]).stats_config.stats_tags;
    const flat = flatMetricName("filterc.shop.", "requests", { name: "by", value: labelOf("acme.eu west") });
    expect(flat).toBe("by=.=acme_eu_west;.;filterc.shop.requests");
    expect(extract(spec.regex, flat)).toEqual({ name: "filterc.shop.requests", value: "acme_eu_west" });
    expect(extract(spec.regex, `wasmcustom.${flat}`)).toEqual({ name: "wasmcustom.filterc.shop.requests", value: "acme_eu_west" });
    expect(extract(spec.regex, "filterc.shop.requests")).toBeUndefined();
  });

  it("takes the tags of a name with several out one after the other (body_overflow's direction and outcome)", () => {
    const [direction, outcome] = withTags(["direction", "outcome"]).stats_config.stats_tags;
    const flat = flatMetricNameTags("filterc.shop.", "body_overflow", [{ name: "direction", value: "request" }, { name: "outcome", value: "denied" }]);
    expect(flat).toBe("direction=.=request;.;outcome=.=denied;.;filterc.shop.body_overflow");
    const first = extract(direction.regex, flat)!;
    expect(first).toEqual({ name: "outcome=.=denied;.;filterc.shop.body_overflow", value: "request" });
    expect(extract(outcome.regex, first.name)).toEqual({ name: "filterc.shop.body_overflow", value: "denied" });
  });
});
