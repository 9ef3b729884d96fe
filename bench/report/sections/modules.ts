import { bytes, count, ns, ratio } from "../format.js";
import type { BenchResults } from "../results.js";
import { SIZE_PARTS } from "../../measure/size-parts.js";
import { table } from "../table.js";
import { exampleNames, findModule, IMPLEMENTATIONS } from "./lookup.js";

export function sizeSection(r: BenchResults): string {
  const rows = exampleNames(r).map((e) => {
    const [f, m, s] = IMPLEMENTATIONS.map((i) => findModule(r, e, i));
    const of = (x: typeof f): string => (x ? bytes(x.bytes) : "–");
    return [e, of(f), of(m), of(s), m && f ? ratio(f.bytes / m.bytes) : "–", s && f ? ratio(s.bytes / f.bytes) : "–"];
  });
  const floor = findModule(r, "floor", "floor");
  return `## Size of filter.wasm

${table(["example", "filterc", "hand-written", "AS SDK", "filterc / hand", "SDK / filterc"], rows)}

filterc: \`compileRules(source, { optimize: "size" })\`, what \`filterc build\` writes. Hand-written: the same behaviour
with the params' defaults as constants (\`bench/peers/minimal/\`: WAT, or raw-ABI AssemblyScript built with filterc's
own asc flags); the lower bound. AS SDK: \`@solo-io/proxy-runtime\` 0.1.8 with assemblyscript 0.17, the SDK's release
flags (\`--optimize\`, no \`--debug\`) (\`bench/peers/sdk/\`). The host floor module is ${floor ? bytes(floor.bytes) : "–"}.${sizePartsTable(r)}`;
}

function sizePartsTable(r: BenchResults): string {
  const sizes = r.sizeParts ?? [];
  if (sizes.length === 0) return "";
  const rows = sizes.map((s) => [s.example, bytes(Object.values(s.parts).reduce((a, b) => a + b, 0)), ...SIZE_PARTS.map((p) => (s.parts[p] === 0 ? "–" : bytes(s.parts[p])))]);
  return `

Where filterc's bytes go (\`bench/measure/size-parts.ts\`: the same build with function names kept, each function
counted under the part its name says; a runtime function inlined into a callback counts as the callback's):

${table(["example", "filter.wasm", ...SIZE_PARTS], rows)}

Rules and callbacks are the code generated from the rule file. The configuration reader parses the plugin
configuration (JSON) into params and \`disabled_rules\`; a hand-written module with its params as constants has none.
Module structure is the type, import, export, global and function tables.`;
}

function hostCallCostTable(r: BenchResults): string {
  const costs = r.hostCallCosts ?? [];
  if (costs.length === 0) return "";
  const rows = costs.map((c, i) => [c.call, ns(c.nsPerCycle), i === 0 ? "–" : ns(c.addedNs)]);
  return `

What single host calls cost in this host (probe modules making one call per request, \`bench/probes/\`; "adds" is the
per-round difference to the probe that makes none):

${table(["probe", "per cycle", "adds"], rows)}`;
}

export function requestSection(r: BenchResults): string {
  const floor = findModule(r, "floor", "floor");
  const rows = r.comparisons.map((c) => {
    const [f, m, s] = IMPLEMENTATIONS.map((i) => findModule(r, c.example, i));
    return [
      c.example,
      ns(f?.nsPerCycle),
      ns(m?.nsPerCycle),
      ns(s?.nsPerCycle),
      ratio(c.filtercOverMinimal),
      ratio(c.sdkOverFilterc),
      ratio(c.sdkOverMinimal),
      ns(c.filtercNetNs),
      ns(c.minimalNetNs),
      ns(c.sdkNetNs),
    ];
  });
  const header = ["example", "filterc", "hand-written", "AS SDK", "filterc / hand", "SDK / filterc", "SDK / hand"];
  const spreads = r.modules.filter((m) => m.implementation === "filterc").map((m) => `${Math.round(m.spread * 100)}%`);
  const anyList = findModule(r, "any-list", "filterc")
    ? " `any-list` is not an example: it is `contains any` over a 1,000-item list param (`bench/any-list.ts`), against " +
      "a hand-written full Aho-Corasick transition table."
    : "";
  return `## Per-request cost

${table([...header, "filterc above floor", "hand above floor", "SDK above floor"], rows)}

Host floor (a module with no callbacks, \`GET /\`): ${ns(floor?.nsPerCycle)} per cycle. Each example's modules cycle
through the same fixed requests (\`bench/scenarios.ts\`); "above floor" is the per-round difference to the floor.
"SDK / hand" is the most any compiler could show against the SDK on this host. Round-to-round spread of filterc's
figures (interquartile range / median): ${spreads.join(", ")}.${anyList}${hostCallCostTable(r)}`;
}

export function hostCallSection(r: BenchResults): string {
  const rows: string[][] = [];
  for (const e of exampleNames(r)) {
    for (const [i, s] of findModule(r, e, "filterc")!.hostCalls.entries()) {
      const other = (impl: string): string => String(findModule(r, e, impl)?.hostCalls[i]?.hostCalls ?? "–");
      rows.push([e, s.scenario, String(s.hostCalls), other("minimal"), other("sdk")]);
    }
  }
  const mismatches = r.modules.filter((m) => m.behaviourDifferences.length > 0);
  const behaviour =
    mismatches.length === 0
      ? "Every peer gave the same result as filterc's build in every scenario (upstream request, response, local " +
        "reply details, log lines at info and above)."
      : "**Peers that behave differently** (their figures compare unlike work):\n\n" +
        mismatches.map((m) => `- ${m.id}: ${m.behaviourDifferences.join("; ")}`).join("\n");
  return `## Host calls per request (deterministic)

${table(["example", "scenario", "filterc", "hand-written", "AS SDK"], rows, ["l", "l", "r", "r", "r"])}

${behaviour}`;
}

export function memorySection(r: BenchResults): string {
  const rows = r.modules.map((m) => [
    m.id,
    String(m.memory.pagesAtLoad),
    String(m.memory.pagesAfterWarmup),
    String(m.memory.pagesAfterCycles),
    String(m.memory.pagesAfterCycles - m.memory.pagesAfterWarmup),
    m.failed ? "**faulted**" : "",
  ]);
  const after = `after ${count(r.modules[0]?.memory.cycles ?? 0)} cycles`;
  return `## Linear memory (64 KiB pages)

${table(["module", "at load", "after warm-up", after, "growth", ""], rows)}`;
}
