// `node dist/bench/any-list.js [--rounds N] [--cycles N]`: the cost of `contains any` over a 1,000-item list param
// (its default: the automaton filterc builds at compile time) against a hand-written module doing the same host
// calls with the fastest matcher there is (bench/peers/minimal/any-list.as.ts: a full transition table), and the
// host floor, side by side as `npm run bench` measures examples (bench/measure/interleaved.ts). It prints the
// figures and writes nothing: run it alone, not as part of the whole benchmark.

import { parseArgs } from "node:util";
import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import { loadHost, type HostOptions, type StreamSpec } from "../host/index.js";
import { measureRunners, Runner } from "./measure/interleaved.js";
import { compileRawAbiPeer } from "./peers/raw-abi-compiler.js";
import { floorPeer } from "./peers/catalogue.js";
import { median, pairedRatio } from "./stats.js";

/** The agents the hand-written module lists too (its agentName()). */
export const AGENTS = Array.from({ length: 1000 }, (_, i) => `crawler${i}/`);

export const ANY_LIST_RULES = `param agents = [${AGENTS.map((a) => JSON.stringify(a)).join(", ")}]
on request_headers when request.header["user-agent"] contains any agents set "x-bot" = "1"
`;

export const ANY_LIST_SCENARIOS: readonly { name: string; spec: StreamSpec }[] = [
  {
    name: "browser (no agent: the whole value is read)",
    spec: { request: { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" } } },
  },
  { name: "crawler999/ at the end", spec: { request: { headers: { "user-agent": "Mozilla/5.0 (compatible; Examplebot/2.1; +crawler999/" } } } },
  { name: "crawler7/ near the start", spec: { request: { headers: { "user-agent": "crawler7/1.0 (+https://example.com/bot)" } } } },
];

const { values } = parseArgs({ options: { rounds: { type: "string", default: "15" }, cycles: { type: "string", default: "30000" } } });
const rounds = Number(values.rounds);
const cycles = Number(values.cycles);

const compiled = await compileRules(new Source("any-list.fw", ANY_LIST_RULES));
if (compiled.wasm === undefined) throw new Error("the any-list rules did not compile");
const modules: { id: string; wasm: Uint8Array; hostOptions: HostOptions }[] = [
  { id: "filterc", wasm: compiled.wasm, hostOptions: { trace: false, pluginConfig: "{}" } },
  { id: "minimal", wasm: await compileRawAbiPeer("any-list.as.ts"), hostOptions: { trace: false, pluginConfig: "{}" } },
  { id: "floor", wasm: await floorPeer.build(), hostOptions: { trace: false } },
];
// Both answer alike before anything is timed.
for (const { name, spec } of ANY_LIST_SCENARIOS) {
  const verdict = async (m: (typeof modules)[number]) => {
    const host = await loadHost(m.wasm, m.hostOptions);
    return host.runStream(spec).upstreamRequest?.headers.some(([k]) => k === "x-bot") ?? false;
  };
  const [a, b] = [await verdict(modules[0]!), await verdict(modules[1]!)];
  if (a !== b) throw new Error(`filterc and the hand-written module disagree on "${name}"`);
  process.stderr.write(`${name}: x-bot ${a ? "set" : "not set"} by both\n`);
}
const specs = ANY_LIST_SCENARIOS.map((s) => s.spec);
const measured = await measureRunners(
  modules.map((m) => () => Runner.start(m.id, m.wasm, m.hostOptions, specs)),
  { rounds, warmupCycles: Math.min(5000, cycles), batch: () => Math.ceil(cycles / rounds) },
);
const byId = new Map(measured.map((m) => [m.id, m]));
const [f, h, floor] = ["filterc", "minimal", "floor"].map((id) => byId.get(id)!.nsPerCycleByRound);
const net = (a: number[]) => a.map((x, i) => x - floor![i]!);
console.log(`contains any over ${AGENTS.length} agents, ${ANY_LIST_SCENARIOS.length} requests per cycle, ${rounds} rounds`);
for (const m of measured) console.log(`  ${m.id.padEnd(8)} ${median(m.nsPerCycleByRound).toFixed(0).padStart(7)} ns/cycle  pages ${m.pagesAtLoad} -> ${m.pagesAfterCycles}  ${(m.failed ? "FAILED" : "")}`);
console.log(`  filterc / hand-written: ${pairedRatio(f!, h!).toFixed(3)}x per cycle, ${pairedRatio(net(f!), net(h!)).toFixed(3)}x above the floor`);
console.log(`  module bytes: filterc ${compiled.wasm.length}, hand-written ${modules[1]!.wasm.length}`);
