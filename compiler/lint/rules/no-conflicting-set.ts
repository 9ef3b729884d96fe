import type { Action, HeaderAssign } from "../../../grammar/ast.js";
import type { RuleInfo } from "../../check/result.js";
import { PHASES } from "../../phases.js";
import { ruleBranches } from "../../../grammar/walk.js";
import { drawsRandom } from "../analysis/random-draws.js";
import { ConstantFolder } from "../analysis/constant.js";
import { expressionKey } from "../analysis/expression-key.js";
import { headerKey, headersRead, headerWrites, mapOfPhase, type HeaderKey, type HeaderMap } from "../analysis/headers.js";
import { actionExpressions, isTerminator } from "../../actions/registry.js";
import type { TextEdit } from "../fix.js";
import { coversComment, removal } from "../fix-ranges.js";
import { placePhrase } from "../place.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * A `set` whose value never reaches anyone, because a later `set` of the same header replaces it in every case
 * where the first one ran. Deliberately conservative: across rules it is reported only when the later rule is
 * unconditional or has the very same condition, nothing in between reads the header or ends the phase, and the
 * later rule's condition reads nothing the rules in between change.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-conflicting-set",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow setting a header that a later rule or action always sets to a different value.",
    fixable: "code",
    messages: {
      overwrittenInRule: "this value of `{{name}}` is never used: the same rule sets `{{name}}` again {{place}}",
      overwrittenByRule: "this value of `{{name}}` is never used: the rule {{place}} sets `{{name}}` to a different value {{when}}",
    },
    hints: {
      overwrittenInRule: "keep one of the two `set`s",
      overwrittenByRule: "keep one of them, or give them different conditions; for a fallback, put `set_default` after the rules that may set it",
    },
  }),
  checkFile(context: FileContext): void {
    const folder = new ConstantFolder(context.checked);
    for (const phase of PHASES) {
      const rules = context.checked.rules.filter((r) => r.phase === phase).map((info) => summarize(context, folder, info, mapOfPhase(phase)));
      for (const summary of rules) reportWithinRule(context, summary);
      reportAcrossRules(context, rules);
    }
  },
};

/** What one rule does to the header map of its phase, as far as this rule cares. */
interface RuleSummary {
  readonly info: RuleInfo;
  readonly map: HeaderMap;
  /** The actions that run: those up to and including the first terminator. */
  readonly actions: readonly Action[];
  /** Canonical condition, "" for a rule that always runs. */
  readonly condition: string;
  readonly ends: boolean;
  readonly stops: boolean;
  readonly conditionReads: ReadonlySet<HeaderKey>;
  readonly reads: ReadonlySet<HeaderKey>;
  readonly writes: ReadonlySet<HeaderKey>;
  readonly removedPrefixes: readonly string[];
  /** Headers whose last touch in this rule is a `set`: the value the rule leaves behind. */
  readonly finalSets: ReadonlyMap<string, HeaderAssign>;
  /** Headers of finalSets that the rule reads (condition included) before that set replaces them. */
  readonly readBeforeFinalSet: ReadonlySet<string>;
}

function summarize(context: FileContext, folder: ConstantFolder, info: RuleInfo, map: HeaderMap): RuleSummary {
  const all = info.rule.actions;
  const end = all.findIndex(isTerminator);
  const actions = end < 0 ? all : all.slice(0, end + 1);
  const condition = info.rule.condition;
  const always = condition === undefined || folder.value(condition) === true;
  const conditionReads = condition === undefined ? new Set<HeaderKey>() : headersRead([condition], context.checked);
  // What `else` branches read counts as read by the rule; their writes are not counted, so they never make a
  // warning, only prevent one.
  const elseExpressions = ruleBranches(info.rule).slice(1).flatMap((b) => [...(b.condition === undefined ? [] : [b.condition]), ...b.actions.flatMap(actionExpressions)]);
  const reads = new Set([...conditionReads, ...headersRead([...actions.flatMap(actionExpressions), ...elseExpressions], context.checked)]);
  const writes = new Set<HeaderKey>();
  const removedPrefixes: string[] = [];
  const finalSets = new Map<string, HeaderAssign>();
  const readSoFar = new Set(conditionReads);
  const readBeforeSet = new Map<string, boolean>();
  for (const action of actions) {
    const actionReads = headersRead(actionExpressions(action), context.checked);
    for (const key of actionReads) readSoFar.add(key);
    const written = headerWrites(action);
    for (const name of written.names) {
      writes.add(headerKey(map, name));
      finalSets.delete(name);
    }
    removedPrefixes.push(...written.prefixes);
    for (const prefix of written.prefixes) for (const name of [...finalSets.keys()]) if (name.startsWith(prefix)) finalSets.delete(name);
    for (const key of actionReads) if (key.startsWith(`${map}:`)) finalSets.delete(key.slice(map.length + 1));
    if (action.kind === "HeaderAssign" && action.op === "set") {
      finalSets.set(action.name.value, action);
      readBeforeSet.set(action.name.value, readSoFar.has(headerKey(map, action.name.value)));
    }
  }
  return {
    info,
    map,
    actions,
    // A rule with `else` branches runs some branch under no condition the others share.
    condition: info.rule.elseBranches !== undefined ? `else@${info.rule.span.start}` : always ? "" : expressionKey(condition!),
    ends: end >= 0,
    // A `stop` in any branch may end the phase before later rules.
    stops: ruleBranches(info.rule).some((branch) => branch.actions.find(isTerminator)?.kind === "Stop"),
    conditionReads,
    reads,
    writes,
    removedPrefixes,
    finalSets,
    readBeforeFinalSet: new Set([...finalSets.keys()].filter((name) => readBeforeSet.get(name) === true)),
  };
}

/** `set "x" = a` then, later in the same rule and with nothing reading x in between, `set "x" = b`. */
function reportWithinRule(context: FileContext, summary: RuleSummary): void {
  const pending = new Map<string, HeaderAssign>();
  for (const action of summary.actions) {
    for (const key of headersRead(actionExpressions(action), context.checked)) if (key.startsWith(`${summary.map}:`)) pending.delete(key.slice(summary.map.length + 1));
    const isSet = action.kind === "HeaderAssign" && action.op === "set";
    if (isSet) {
      const earlier = pending.get(action.name.value);
      if (earlier !== undefined && expressionKey(earlier.value) !== expressionKey(action.value)) {
        const place = placePhrase(context.source, action.span.start, earlier.span.start);
        const fix = deadSetRemoval(context, summary, earlier);
        context.report({ messageId: "overwrittenInRule", span: earlier.span, data: { name: action.name.value, place }, related: [{ span: action.span, message: "replaced here" }], ...(fix && { fix }) });
      }
      pending.set(action.name.value, action);
      continue;
    }
    const written = headerWrites(action);
    for (const name of written.names) pending.delete(name);
    for (const prefix of written.prefixes) for (const name of [...pending.keys()]) if (name.startsWith(prefix)) pending.delete(name);
  }
}

/**
 * The fix for a `set` that a later `set` of the same rule replaces before anything reads it: removing it changes
 * nothing the filter does. Not offered in a shadow rule, which reports each action it would have run, for a value
 * that draws random numbers (`random()`, `uuid()`: the later draws, which `filterc test` seeds, would change), nor
 * where the removal would take a comment with it.
 */
function deadSetRemoval(context: FileContext, summary: RuleSummary, dead: HeaderAssign): TextEdit | undefined {
  if (summary.info.rule.shadow !== undefined || drawsRandom(dead.value)) return undefined;
  const fix = removal(context.source.text, dead.span);
  return coversComment(context.program.comments, fix.span) ? undefined : fix;
}

/** Sorted positions of the rules that read, and that write, each header: "does any rule in [a, b) touch x?". */
class Positions {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, position: number): void {
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  }

  /** Whether `key` has a position p with from <= p < to. */
  within(key: string, from: number, to: number): boolean {
    const list = this.byKey.get(key);
    if (list === undefined) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo]! < to;
  }
}

function reportAcrossRules(context: FileContext, rules: readonly RuleSummary[]): void {
  const readers = new Positions();
  const writers = new Positions();
  const stops: number[] = [0];
  const sets = new Map<string, number[]>();
  rules.forEach((summary, position) => {
    for (const key of summary.reads) readers.add(key, position);
    for (const key of summary.writes) writers.add(key, position);
    stops.push(stops[position]! + (summary.stops ? 1 : 0));
    for (const name of summary.finalSets.keys()) {
      const list = sets.get(name);
      if (list === undefined) sets.set(name, [position]);
      else list.push(position);
    }
  });
  for (const [name, positions] of sets) {
    // From the last set backwards: the nearest later set with the same condition, and the nearest unconditional one.
    const nextWithCondition = new Map<string, number>();
    let nextUnconditional: number | undefined;
    for (let i = positions.length - 1; i >= 0; i--) {
      const position = positions[i]!;
      const earlier = rules[position]!;
      const candidates = [nextUnconditional, nextWithCondition.get(earlier.condition)].filter((p): p is number => p !== undefined);
      if (candidates.length > 0 && !earlier.ends) {
        const later = Math.min(...candidates);
        if (overwrites(rules, readers, writers, stops, name, position, later)) {
          const replacement = rules[later]!.finalSets.get(name)!;
          const assign = earlier.finalSets.get(name)!;
          if (expressionKey(assign.value) !== expressionKey(replacement.value)) {
            context.report({
              messageId: "overwrittenByRule",
              span: assign.span,
              data: { name, place: placePhrase(context.source, rules[later]!.info.rule.span.start, assign.span.start), when: rules[later]!.condition === "" ? "whenever it runs" : "under the same condition" },
              related: [{ span: replacement.span, message: "replaced here" }],
            });
          }
        }
      }
      if (earlier.condition === "") nextUnconditional = position;
      nextWithCondition.set(earlier.condition, position);
    }
  }
}

/** Whether the later rule's set surely replaces the earlier's before anything could read it. */
function overwrites(rules: readonly RuleSummary[], readers: Positions, writers: Positions, stops: readonly number[], name: string, earlier: number, later: number): boolean {
  const map = rules[earlier]!.map;
  const key = headerKey(map, name);
  // A `stop` in between would keep the later rule from running.
  if (stops[later]! - stops[earlier + 1]! > 0) return false;
  // A read in between, or in the later rule before its set, uses the earlier value.
  if (readers.within(key, earlier + 1, later)) return false;
  const laterRule = rules[later]!;
  if (laterRule.readBeforeFinalSet.has(name)) return false;
  // A condition that reads what the rules from the earlier one on change may no longer hold.
  for (const read of laterRule.conditionReads) {
    if (writers.within(read, earlier, later)) return false;
    const header = read.slice(read.indexOf(":") + 1);
    for (let p = earlier; p < later; p++) if (rules[p]!.removedPrefixes.some((prefix) => header.startsWith(prefix))) return false;
  }
  return true;
}

export default rule;
