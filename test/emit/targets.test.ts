import { describe, expect, it } from "vitest";
import { BUILD_DEFAULT_TARGETS, chooseTargets, DEPLOYMENT_TARGETS } from "../../compiler/emit/index.js";

const span = { start: 0, end: 4 };

describe("chooseTargets", () => {
  it("writes build's three files by default, and every target when package passes them all as its default", () => {
    expect(chooseTargets(undefined, "typed", undefined).targets).toEqual(["envoyfilter", "wasmplugin", "envoy"]);
    expect(chooseTargets(undefined, "typed", undefined, "flag", DEPLOYMENT_TARGETS).targets).toEqual(["envoyfilter", "wasmplugin", "trafficextension", "envoyextensionpolicy", "envoy"]);
    expect(chooseTargets(["envoy", "trafficextension"], "typed", undefined).targets).toEqual(["trafficextension", "envoy"]);
    expect(BUILD_DEFAULT_TARGETS.every((t) => DEPLOYMENT_TARGETS.includes(t))).toBe(true);
  });

  it("leaves out, with a note each, every resource that cannot set allow_on_headers_stop_iteration for a filter that holds headers", () => {
    const choice = chooseTargets(undefined, "typed", { side: "request", span }, "flag", DEPLOYMENT_TARGETS);
    expect(choice.targets).toEqual(["envoyfilter", "envoy"]);
    expect(choice.notes.map((n) => n.split(" ")[0])).toEqual(["wasmplugin.yaml", "trafficextension.yaml", "envoyextensionpolicy.yaml"]);
    expect(choice.diagnostics).toEqual([]);
  });

  it("refuses an explicit TrafficExtension or EnvoyExtensionPolicy for such a filter with E0620", () => {
    const choice = chooseTargets(["trafficextension", "envoyextensionpolicy"], "typed", { side: "response", span });
    expect(choice.diagnostics.map((d) => d.code)).toEqual(["E0620", "E0620"]);
    expect(choice.diagnostics[0]!.message).toContain("Istio's TrafficExtension cannot set");
    expect(choice.diagnostics[1]!.message).toContain("Envoy Gateway's EnvoyExtensionPolicy cannot set");
  });
});
