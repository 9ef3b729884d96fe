import type { Binary } from "../../grammar/ast.js";
import type { ParamInfo } from "../check/result.js";
import type { Phase } from "../phases.js";
import { code, type Code } from "../ir/code.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";
import { buildListMatcher } from "./list-matcher.js";

/**
 * `s contains any LIST`, `starts_with any`, `ends_with any`: one automaton per list (runtime/list-matcher.ts) run
 * over `s` once. A literal list's automaton is static data; a list param's is a global that proxy_on_configure
 * sets: to the default's automaton, built here into static data, or to one built from the configured list.
 */

/** Which automaton an operator runs: the items as written, or reversed for `ends_with any`. */
export type MatcherDirection = "forward" | "reverse";

const RUNTIME: Record<string, { fn: string; direction: MatcherDirection }> = {
  "contains any": { fn: "containsAny", direction: "forward" },
  "starts_with any": { fn: "startsWithAny", direction: "forward" },
  "ends_with any": { fn: "endsWithAny", direction: "reverse" },
};

/** The default for `maxListBytes`: the most bytes a configured list's items may hold together. */
export const DEFAULT_MAX_LIST_BYTES = 1 << 20;

export function lowerAnyList(ctx: LowerContext, expr: Binary, phase: Phase): Code {
  const { fn, direction } = RUNTIME[expr.op]!;
  const subject = lowerExpression(ctx, expr.left, phase);
  let list = expr.right;
  while (list.kind === "Paren") list = list.expression;
  if (list.kind === "ListLiteral") {
    const items = list.items.map((item) => (item.kind === "StringLiteral" ? item.value : ""));
    return code`${fn}(${subject}, ${ctx.data.bytes(buildListMatcher(items, direction === "reverse"), `${expr.op} ${items.join(" ")}`)})`;
  }
  if (list.kind !== "Reference") throw new Error(`internal: \`${expr.op}\` needs a list`);
  const resolution = ctx.resolve(list);
  if (resolution.kind !== "param") throw new Error(`internal: \`${expr.op}\` needs a list param`);
  const directions = ctx.listMatchers.get(resolution.param.name) ?? new Set<MatcherDirection>();
  directions.add(direction);
  ctx.listMatchers.set(resolution.param.name, directions);
  return code`${fn}(${subject}, ${matcherGlobal(ctx, resolution.param, direction)})`;
}

function matcherGlobal(ctx: LowerContext, param: ParamInfo, direction: MatcherDirection): string {
  return `${ctx.paramGlobal(param)}_${direction}`;
}

/** The globals of a param's automata, and the configured list they are built from at the end of proxy_on_configure. */
export function listMatcherGlobals(ctx: LowerContext, param: ParamInfo): string[] {
  const directions = ctx.listMatchers.get(param.name);
  if (directions === undefined) return [];
  return [...[...directions].map((d) => `let ${matcherGlobal(ctx, param, d)}: usize = 0;`), `let ${ctx.paramGlobal(param)}_pending: usize = 0;`];
}

/** proxy_on_configure, first: the automata of the defaults (static data), and no configured list yet. */
export function listMatcherDefaults(ctx: LowerContext, param: ParamInfo): string[] {
  const directions = ctx.listMatchers.get(param.name);
  if (directions === undefined) return [];
  const items = param.defaultValue as string[];
  return [
    ...[...directions].map((d) => `${matcherGlobal(ctx, param, d)} = ${ctx.data.bytes(buildListMatcher(items, d === "reverse"), `${d} ${items.join(" ")}`)};`),
    `${ctx.paramGlobal(param)}_pending = 0;`,
  ];
}

/**
 * The condition under which a configured list `v` replaces the default, and what to do then: a list whose items
 * hold more than `maxListBytes` keeps the default, with a warning (runtime listWithin).
 */
export function listMatcherConfigured(ctx: LowerContext, param: ParamInfo, maxListBytes: number): { accept?: string; keep?: string } {
  if (!ctx.listMatchers.has(param.name)) return {};
  return { accept: `listWithin(v, ${maxListBytes})`, keep: `${ctx.paramGlobal(param)}_pending = v;` };
}

/**
 * proxy_on_configure, once the keys are read: the automata of the configured lists. Each build ends the arena
 * (runtime listMatcher), so this comes after everything that reads it. The previous configuration's automata were
 * freed first (listMatchersFree).
 */
export function listMatcherBuilds(ctx: LowerContext, params: readonly ParamInfo[]): string[] {
  const lines: string[] = [];
  for (const param of params) {
    const directions = ctx.listMatchers.get(param.name);
    if (directions === undefined) continue;
    const pending = `${ctx.paramGlobal(param)}_pending`;
    const builds = [...directions].map((d) => `${matcherGlobal(ctx, param, d)} = listMatcher(${pending}, ${d === "reverse"});`);
    lines.push(`if (${pending} != 0) { ${builds.join(" ")} }`);
  }
  return lines;
}
