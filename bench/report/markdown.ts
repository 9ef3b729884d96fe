import { bytes, count, ms, ns, ratio } from "./format.js";
import type { BenchResults, ModuleResult } from "./results.js";
import { table } from "./table.js";

const IMPLEMENTATIONS = ["filterc", "minimal", "sdk"] as const;

function find(r: BenchResults, example: string, implementation: string): ModuleResult | undefined {
  return r.modules.find((m) => m.example === example && m.implementation === implementation);
}

function examples(r: BenchResults): string[] {
  return r.modules.filter((m) => m.implementation === "filterc").map((m) => m.example);
}

function header(r: BenchResults): string {
  const cycles = Number(r.settings.cycles).toLocaleString("en-US");
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`); do not edit by hand. The same figures, unrounded and with every
round, are in \`bench/results.json\`.

Run: ${r.generatedAt}, ${r.mode} mode${r.mode === "quick" ? " (`--quick`: smaller counts; run `npm run bench` for the full figures)" : ""}, ${r.durationSeconds.toFixed(0)} s.
Machine: Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load average ${r.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(" / ")} at the start.

Every figure below comes from this one run. Timings are medians over ${r.settings.rounds} rounds in which all modules
take turns (${cycles} request/response cycles per module in all, after ${Number(r.settings.warmupCycles).toLocaleString("en-US")} warm-up
cycles); ratios are medians of the per-round ratios, so drift on a shared machine cancels out. A cycle is one
\`runStream\` through filterc's own host (\`host/\`, V8, tracing off): request headers, upstream answer, response
headers, stream end. Its cost includes the host's own work, shown by the floor module.`;
}

function targetsSection(r: BenchResults): string {
  const rows = r.targets.map((t) => [t.area, t.target, t.measured, t.met === undefined ? "–" : t.met ? "met" : `**missed** ${t.gap ?? ""}`, t.hint ?? ""]);
  return `## Targets\n\n${table(["area", "target", "measured", "result", "what the data says"], rows, ["l", "l", "r", "l", "l"])}`;
}

function sizeSection(r: BenchResults): string {
  const rows = examples(r).map((e) => {
    const [f, m, s] = IMPLEMENTATIONS.map((i) => find(r, e, i));
    return [e, bytes(f!.bytes), m ? bytes(m.bytes) : "–", s ? bytes(s.bytes) : "–", m ? ratio(f!.bytes / m.bytes) : "–", s ? ratio(s.bytes / f!.bytes) : "–"];
  });
  const floor = find(r, "floor", "floor");
  return `## Size of filter.wasm

${table(["example", "filterc", "hand-written", "AS SDK", "filterc / hand", "SDK / filterc"], rows)}

filterc: \`compileRules(source, { optimize: "size" })\`, what \`filterc build\` writes. Hand-written: the same behaviour
with the params' defaults as constants (\`bench/peers/minimal/\`: WAT, or raw-ABI AssemblyScript built with filterc's
own asc flags); the lower bound. AS SDK: \`@solo-io/proxy-runtime\` 0.1.8 with assemblyscript 0.17, the SDK's release
flags (\`--optimize\`, no \`--debug\`) (\`bench/peers/sdk/\`). The host floor module is ${floor ? bytes(floor.bytes) : "–"}.`;
}

function requestSection(r: BenchResults): string {
  const floor = find(r, "floor", "floor");
  const rows = r.comparisons.map((c) => {
    const [f, m, s] = IMPLEMENTATIONS.map((i) => find(r, c.example, i));
    return [c.example, ns(f?.nsPerCycle), ns(m?.nsPerCycle), ns(s?.nsPerCycle), ratio(c.filtercOverMinimal), ratio(c.sdkOverFilterc), ns(c.filtercNetNs), ns(c.minimalNetNs), ns(c.sdkNetNs)];
  });
  return `## Per-request cost

${table(["example", "filterc", "hand-written", "AS SDK", "filterc / hand", "SDK / filterc", "filterc above floor", "hand above floor", "SDK above floor"], rows)}

Host floor (a module with no callbacks, \`GET /\`): ${ns(floor?.nsPerCycle)} per cycle. Each example's modules cycle
through the same fixed requests (\`bench/scenarios.ts\`); "above floor" is the per-round difference to the floor.`;
}

function hostCallSection(r: BenchResults): string {
  const rows: string[][] = [];
  for (const e of examples(r)) {
    const f = find(r, e, "filterc")!;
    for (const [i, s] of f.hostCalls.entries()) {
      const other = (impl: string): string => String(find(r, e, impl)?.hostCalls[i]?.hostCalls ?? "–");
      rows.push([e, s.scenario, String(s.hostCalls), other("minimal"), other("sdk")]);
    }
  }
  const mismatches = r.modules.filter((m) => m.behaviourDifferences.length > 0);
  const behaviour =
    mismatches.length === 0
      ? "Every peer gave the same result as filterc's build in every scenario (upstream request, response, local reply details, log lines at info and above)."
      : `**Peers that behave differently** (their figures compare unlike work):\n\n${mismatches.map((m) => `- ${m.id}: ${m.behaviourDifferences.join("; ")}`).join("\n")}`;
  return `## Host calls per request (deterministic)

${table(["example", "scenario", "filterc", "hand-written", "AS SDK"], rows, ["l", "l", "r", "r", "r"])}

${behaviour}`;
}

function memorySection(r: BenchResults): string {
  const rows = r.modules.map((m) => [
    m.id,
    String(m.memory.pagesAtLoad),
    String(m.memory.pagesAfterWarmup),
    String(m.memory.pagesAfterCycles),
    String(m.memory.pagesAfterCycles - m.memory.pagesAfterWarmup),
    m.failed ? "**faulted**" : "",
  ]);
  return `## Linear memory (64 KiB pages)

${table(["module", "at load", "after warm-up", `after ${count(r.modules[0]?.memory.cycles ?? 0)} cycles`, "growth", ""], rows)}`;
}

function compileSection(r: BenchResults): string {
  const parts: string[] = [];
  if (r.compile !== undefined) {
    const rows = r.compile.map((c) => [c.example, ms(c.coldCliMs), ms(c.warmMs)]);
    parts.push(`## Compile time

${table(["example", "`filterc build`, cold process", "warm, in process"], rows)}

Cold: \`node dist/cli/main.js build FILE -o DIR\` as a fresh process, wall time, median of ${r.settings.coldRuns} runs.
Warm: \`compileRules\` after the compilers are loaded, median of ${r.settings.warmRuns} runs.`);
  }
  const p = r.coldStartPhases;
  if (p !== undefined) {
    const rows = [
      ["Node start, until the probe's first line runs", "both", ms(p.nodeStartMs)],
      ["loading chevrotain through its package entry", "both", ms(p.parserLibraryMs)],
      ["loading filterc's grammar, checker and lowering", "both", ms(p.frontEndMs)],
      ["loading the lint engine", "lint", ms(p.lintEngineMs)],
      ["loading the AssemblyScript compiler and binaryen", "build", ms(p.compilersMs)],
      ["first compile: cold JIT, asc parses its standard library and filterc's runtime", "build", ms(p.firstCompileMs)],
      ["second compile of the same file in the same process", "–", ms(p.secondCompileMs)],
    ];
    parts.push(`Where a cold process spends its time (\`${p.example}\`, a fresh process loading what lint and build load, medians of ${r.settings.coldRuns} runs):

${table(["phase", "paid by", "time"], rows, ["l", "l", "r"])}`);
  }
  if (r.lint !== undefined) {
    const l = r.lint;
    const how = l.method === "cli" ? "`filterc lint`" : "parse+check via `analyze()` (there is no `filterc lint` in this build)";
    const rows = l.coldOneFile.map((f) => [f.file, ms(f.ms)]);
    parts.push(`## Lint speed

Measured with ${how}.

${table(["one file, cold process", "wall time"], rows)}

Corpus: ${count(l.corpus.files)} generated files with ${count(l.corpus.rules)} rules (\`bench/corpus/lint-corpus.ts\`), ${count(l.corpus.problems)} problems reported.
One cold process over all of it: ${ms(l.corpus.ms)}, **${count(l.corpus.rulesPerSecond)} rules/s**. Parse and check alone, in
process and warm: ${ms(l.corpus.analyzeMs)}, ${count(l.corpus.analyzeRulesPerSecond)} rules/s.`);
  }
  return parts.join("\n\n");
}

function scalingSection(r: BenchResults): string {
  if (r.scaling === undefined) return "";
  const base = r.scaling.find((p) => p.rules === 10)?.noMatch;
  const rows = r.scaling.map((p) =>
    p.noMatch === undefined || p.lastMatch === undefined
      ? [count(p.rules), "–", `**fails** after ${ms(p.buildMs)}: ${p.error ?? ""}`, "–", "–", "–", "–", "–", "–"]
      : [
          count(p.rules),
          bytes(p.bytes ?? 0),
          ms(p.buildMs),
          ns(p.noMatch.nsPerCycle),
          String(p.noMatch.hostCalls),
          base ? ratio(p.noMatch.nsPerCycle / base.nsPerCycle) : "–",
          `${ns(p.lastMatch.nsPerCycle)} (${p.lastRuleKind}: ${p.lastMatch.outcome})`,
          String(p.lastMatch.hostCalls),
          String(p.memoryPages ?? "–"),
        ],
  );
  return `## Scaling with the number of rules

${table(["rules", "wasm", "build (warm)", "no-match request", "host calls", "vs 10 rules", "last rule matches", "host calls", "pages"], rows)}

Rule sets from \`bench/corpus/rule-mix.ts\`: request rules cycling through a path prefix (deny), a header equality
(set a header), a regex (redirect) and a three-entry CIDR list (deny). The no-match request is looked at by every
rule and acted on by none; the last-match request only by the last rule.`;
}

export function renderMarkdown(r: BenchResults): string {
  const modules = r.modules.length > 0 ? [sizeSection(r), requestSection(r), hostCallSection(r), memorySection(r)] : [];
  return [header(r), targetsSection(r), ...modules, compileSection(r), scalingSection(r)]
    .filter((s) => s.length > 0)
    .join("\n\n") + "\n";
}
