import { describe, expect, it } from "vitest";
import { prometheusText, splitTags } from "../../serve/prometheus.js";

describe("Prometheus text of the filter's metrics", () => {
  it("takes Istio-style tags out of the name and writes the stat as Envoy's admin does for wasm metrics", () => {
    expect(splitTags("by=.=acme;.;filterc.shop.requests")).toEqual({ stat: "filterc_shop_requests", labels: [["by", "acme"]] });
    expect(splitTags("direction=.=request;.;outcome=.=denied;.;filterc.shop.body_overflow")).toEqual({
      stat: "filterc_shop_body_overflow",
      labels: [
        ["direction", "request"],
        ["outcome", "denied"],
      ],
    });
    expect(splitTags("plain-name.x")).toEqual({ stat: "plain_name_x", labels: [] });
  });

  it("groups series under one TYPE line per stat, in name order; histograms get +Inf, _sum and _count", () => {
    const text = prometheusText(
      new Map([
        ["by=.=b;.;filterc.s.requests", { type: "counter" as const, value: 2n }],
        ["filterc.s.latency", { type: "histogram" as const, value: 30n, count: 3n }],
        ["by=.=a\"q;.;filterc.s.requests", { type: "counter" as const, value: 5n }],
        ["filterc.s.inflight", { type: "gauge" as const, value: 7n }],
      ]),
    );
    expect(text).toBe(
      [
        "# TYPE filterc_s_inflight gauge",
        "filterc_s_inflight 7",
        "# TYPE filterc_s_latency histogram",
        'filterc_s_latency_bucket{le="+Inf"} 3',
        "filterc_s_latency_sum 30",
        "filterc_s_latency_count 3",
        "# TYPE filterc_s_requests counter",
        'filterc_s_requests{by="b"} 2',
        'filterc_s_requests{by="a\\"q"} 5',
        "",
      ].join("\n"),
    );
    expect(prometheusText(new Map())).toBe("");
  });
});
