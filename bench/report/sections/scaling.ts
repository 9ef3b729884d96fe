import { bytes, count, ms, ns, ratio } from "../format.js";
import type { BenchResults, ScalingPoint } from "../results.js";
import { table } from "../table.js";

function row(p: ScalingPoint, base: number | undefined): string[] {
  if (p.noMatch === undefined || p.lastMatch === undefined) {
    return [count(p.rules), "–", `**fails** after ${ms(p.buildMs)}: ${p.error ?? ""}`, "–", "–", "–", "–", "–", "–"];
  }
  return [
    count(p.rules),
    bytes(p.bytes ?? 0),
    ms(p.buildMs),
    ns(p.noMatch.nsPerCycle),
    String(p.noMatch.hostCalls),
    base ? ratio(p.noMatch.nsPerCycle / base) : "–",
    `${ns(p.lastMatch.nsPerCycle)} (${p.lastRuleKind}: ${p.lastMatch.outcome})`,
    String(p.lastMatch.hostCalls),
    String(p.memoryPages ?? "–"),
  ];
}

export function scalingSection(r: BenchResults): string {
  if (r.scaling === undefined) return "";
  const base = r.scaling.find((p) => p.rules === 10)?.noMatch?.nsPerCycle;
  const header = ["rules", "wasm", "build (warm)", "no-match request", "host calls", "vs 10 rules", "last rule matches"];
  return `## Scaling with the number of rules

${table([...header, "host calls", "pages"], r.scaling.map((p) => row(p, base)))}

Rule sets from \`bench/corpus/rule-mix.ts\`: request rules cycling through a path prefix (deny), a header equality
(set a header), a regex (redirect) and a three-entry CIDR list (deny). The no-match request is looked at by every
rule and acted on by none; the last-match request only by the last rule. From 8 constant tests on one value up,
filterc answers all of them in one pass over the value (a "test set", docs/language.md "Memory and speed"): no
string compare, regex or address scan is repeated per rule. Rules that cannot fire without one of those bits are
tested in groups first (up to 16 rules, and chunks of 64 as a whole): a group whose bits are all clear is skipped
with one test, so a request that no rule acts on does not visit the rules one by one. What still grows per rule is
for rules with no test a set answers (int comparisons, \`in\` on a list param, values tested fewer than 8 times).`;
}
