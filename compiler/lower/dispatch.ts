import type { RuleInfo } from "../check/result.js";
import { phaseDefinition, type Phase } from "../phases.js";
import { RULE_ANSWERED, RULE_NEXT, RULE_PAUSED, RULE_STOP } from "../ir/rule-result.js";
import { PAUSED_RETURN } from "./callouts.js";
import { code, joinCode, type Code } from "../ir/code.js";
import { groupRuleRuns, type RuleRun } from "../ir/passes/rule-groups.js";
import type { RuleTables } from "./rule-table.js";
import type { TestPlan } from "./test-sets.js";

/** A callback with more rules calls them through functions of this many rules each (see ruleDispatch). */
export const RULES_PER_CHUNK = 64;

/**
 * Consecutive rules that each need a test-set bit are tested together first, in groups of this many at most (and
 * this few at least: a smaller group costs about what its rules' own tests do).
 */
export const RULES_PER_GROUP = 16;
const MIN_RULES_PER_GROUP = 4;

export interface RuleDispatch {
  /** Functions the callback calls (chunks of rules). */
  readonly functions: readonly Code[];
  /** The callback's statements, inside its `do { ... } while (false)`: `break` ends the phase. */
  readonly statements: readonly Code[];
}

/** A statement that runs a rule or a chunk of rules; its bits come from TestPlan.requiredBits. */
interface Dispatched extends RuleRun {
  readonly code: Code;
}

/**
 * The code that runs a phase's rules in file order. A rule runs when it is enabled and its condition holds.
 *
 * Rules whose condition cannot hold unless one of some test-set bits is set are also tested in groups first: when none of a group's bits is set,
 * none of its rules can run, so the whole group is skipped with one test of the sets' result words. This keeps
 * the rules sequential: until a rule of the group runs, nothing writes a value, so the bits the group saw on entry
 * are the bits each of its rules would see; once one runs, the rules after it test their own conditions as usual.
 * A request that no rule acts on thus costs a test per group, not a test per rule.
 */
export function ruleDispatch(tests: TestPlan, phase: Phase, rules: readonly RuleInfo[], conditions: ReadonlyMap<RuleInfo, Code>, answered: string, tables?: RuleTables, nameSuffix = "", pausing: readonly number[] = []): RuleDispatch {
  // Rules that may wait for a service (callouts.ts) return RULE_PAUSED, which ends the callback with Pause.
  const paused = rules.some((info) => pausing.includes(info.index)) ? ` if (r == ${RULE_PAUSED}) ${PAUSED_RETURN}` : "";
  const dispatched = (onResult: string, some = rules) =>
    some.map((info): Dispatched => {
      const enabled = info.name !== undefined ? `R${info.index}_enabled` : undefined;
      const condition = conditions.get(info);
      const parts = [enabled, condition === undefined ? undefined : code`(${condition})`].filter((g) => g !== undefined);
      const guard = parts.length === 0 ? "true" : joinCode(parts, " && ");
      // A rule called without a condition (none, or `else` branches tested inside it) can run whatever the bits.
      const bits = condition === undefined || info.rule.condition === undefined ? undefined : tests.requiredBits(info.rule.condition, phase);
      return { code: code`if (${guard}) { const r = rule_${info.index}(ctx); ${onResult} }`, bits };
    });
  if (rules.length <= RULES_PER_CHUNK) {
    return { functions: [], statements: grouped(tests, dispatched(`if (r == ${RULE_STOP}) break; if (r == ${RULE_ANSWERED}) ${answered}${paused}`), MIN_RULES_PER_GROUP) };
  }
  // Functions of at most RULES_PER_CHUNK rules each: binaryen's passes grow faster than linearly with a function's
  // size, and one callback testing a thousand conditions made the build slow.
  const functions: Code[] = [];
  const calls: Dispatched[] = [];
  let chunks = 0;
  // Runs of rules a table holds (rule-table.ts) are one call each, between the chunks of the other rules.
  // A phase that pauses is dispatched in parts (program.ts) and has no rule tables: its part is its rules.
  const parts = pausing.length > 0 ? undefined : tables?.segments(phase, rules);
  for (const segment of parts ?? [{ kind: "rules", rules } as const]) {
    if (segment.kind === "table") {
      calls.push({ code: tables!.call(tests, segment.table, answered) });
      continue;
    }
    const inChunk = dispatched(`if (r != ${RULE_NEXT}) return r;`, segment.rules);
    for (let first = 0; first < inChunk.length; first += RULES_PER_CHUNK) {
      const chunk = inChunk.slice(first, first + RULES_PER_CHUNK);
      const name = `rule_chunk_${phaseDefinition(phase).label}${nameSuffix}_${chunks++}`;
      functions.push(`function ${name}(ctx: u32): i32 {`, ...grouped(tests, chunk, MIN_RULES_PER_GROUP).map((line) => code`  ${line}`), `  return ${RULE_NEXT};`, "}");
      const bits = chunk.every((r) => r.bits !== undefined) ? chunk.flatMap((r) => r.bits!) : undefined;
      const call = `{ const r = ${name}(ctx); if (r == ${RULE_STOP}) break; if (r == ${RULE_ANSWERED}) ${answered}${paused} }`;
      // A chunk of rules that all need a bit is a group of its own, tested before the call.
      calls.push({ bits, code: bits === undefined ? call : `if (${tests.anyOf(bits)}) ${call}` });
    }
  }
  // And such chunks are grouped in turn.
  return { functions, statements: grouped(tests, calls, 2) };
}

/** The statements in order, runs of at least `minimum` that need bits wrapped in their group's test. */
function grouped(tests: TestPlan, statements: readonly Dispatched[], minimum: number): Code[] {
  return groupRuleRuns(statements, minimum, RULES_PER_GROUP).flatMap((g) =>
    g.kind === "single" ? [g.run.code] : [`if (${tests.anyOf(g.bits)}) {`, ...g.runs.map((s) => code`  ${s.code}`), "}"],
  );
}
