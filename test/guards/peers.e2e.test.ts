import { describe, expect, it } from "vitest";
import { behaviourDifferences, scenarioOutcomes } from "../../bench/measure/outcomes.js";
import { minimalPeers } from "../../bench/peers/catalogue.js";
import { PLUGIN_CONFIG, scenariosFor } from "../../bench/scenarios.js";
import type { Subject } from "../../bench/subjects.js";
import { loadHost } from "../../host/index.js";
import { examples, wasmOf } from "./support.js";

/**
 * A hand-written peer is the lower bound filterc's build is measured against (bench/peers/minimal/), so it must do
 * what the build does with the same host calls: per scenario the same host-call count (in steady state, after one
 * warm-up stream, as test/guards/host-calls.test.ts counts them), the same answer, upstream headers and log lines
 * (bench/measure/outcomes.ts, the benchmark's own check), and the same metric values.
 */
const hostOptions = { trace: false, pluginConfig: PLUGIN_CONFIG };

/** Host calls per scenario after one warm-up stream, and the non-zero metrics after all of them. */
async function steadyState(wasm: Uint8Array, name: string): Promise<{ hostCalls: Record<string, number>; metrics: Record<string, string> }> {
  const host = await loadHost(wasm, hostOptions);
  const scenarios = scenariosFor(name);
  host.runStream(scenarios[0]!.spec);
  const hostCalls = Object.fromEntries(scenarios.map((s) => [s.name, host.runStream(s.spec).hostCalls]));
  const metrics = Object.fromEntries(
    [...host.metrics()].filter(([, m]) => m.value !== 0n).map(([metric, m]) => [metric, `${m.type} ${m.value} ${m.count ?? ""}`]),
  );
  return { hostCalls, metrics };
}

describe("hand-written peers do what filterc's build does", () => {
  for (const example of examples.filter((e) => minimalPeers[e.name] !== undefined)) {
    it(`${example.name}: same host calls, outcomes and metrics`, async () => {
      const subject = (implementation: "filterc" | "minimal", wasm: Uint8Array): Subject => ({
        id: `${example.name}/${implementation}`,
        example: example.name,
        implementation,
        source: example.file,
        wasm,
        hostOptions,
        scenarios: scenariosFor(example.name),
      });
      const filterc = subject("filterc", await wasmOf(example));
      const peer = subject("minimal", await minimalPeers[example.name]!.build());
      expect(behaviourDifferences(await scenarioOutcomes(filterc), await scenarioOutcomes(peer))).toEqual([]);
      expect(await steadyState(peer.wasm, example.name)).toEqual(await steadyState(filterc.wasm, example.name));
    });
  }
});
