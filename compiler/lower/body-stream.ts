import type { Binary, Call, Expression } from "../../grammar/ast.js";
import { children, ruleActions, ruleConditions } from "../../grammar/walk.js";
import { actionDefinition } from "../actions/registry.js";
import type { CheckedProgram, RuleInfo } from "../check/result.js";
import { callbackPhases, phaseDefinition, type Phase, type PhaseDefinition } from "../phases.js";
import { compileTestSet, isWideTestSet, type TestPattern } from "../regex/test-set.js";
import type { Code } from "../ir/code.js";
import { bytesKey, type StaticData } from "./static-data.js";

/**
 * Streaming body phases (issue 15). A body phase whose rules only detect lets every chunk go on at once instead of
 * holding the body: each chunk runs through one automaton of all the phase's body patterns (a test set,
 * compiler/regex/test-set.ts), whose state is kept per stream between chunks (runtime/body-stream.ts), and at the
 * end of the stream the rules decide from the tests the automaton completed. A pattern split over two chunks still
 * matches, nothing is held, and maxBody does not apply.
 *
 * A phase streams when every rule of it
 * - has only actions that observe (`log`, `count`, `observe`, `let`: ActionDefinition.shadow.effect "observes";
 *   an action that changes traffic, or a shadow rule's enforcing action that the configuration may switch on,
 *   needs the whole body before it may let any of it go), and
 * - uses the body only in streamable predicates: `contains "lit"`, `starts_with "lit"`, `ends_with "lit"`,
 *   `matches "re"` with the body on the left, and `size(body)` (the bytes seen: all of them at the end). A body
 *   compared with `==`, interpolated, passed to another function, or whose `match[N]` groups a rule reads, is
 *   needed whole: the phase holds it as before (compiler/lower/body-phase.ts).
 * This module is the one place that decides; new body actions need only not be "observes".
 */

/** Why a body phase holds its body, for `filterc build --verbose`; undefined when it streams. */
export type HoldReason = { readonly rule: RuleInfo; readonly why: string };

/** A streaming phase: its tests, in the order of their bits. */
interface StreamedPhase {
  readonly patterns: readonly TestPattern[];
  /** The automaton of the patterns, u16 format; undefined when the phase tests only the body's size. */
  readonly table?: Uint8Array;
  /** Each predicate node's bit. */
  readonly bits: ReadonlyMap<Expression, number>;
}

/** How a body phase treats its body, as `filterc build --verbose` reports it. */
export interface BodyPhaseMode {
  readonly phase: Phase;
  readonly streams: boolean;
  /** The first rule that makes a holding phase hold, and why. */
  readonly hold?: HoldReason;
}

/** A streaming phase keeps its automaton this small at most; a larger one holds the body as before. */
const MAX_STREAM_STATES = 16_384;

const TEST_KINDS: Readonly<Record<string, "prefix" | "suffix" | "contains">> = { contains: "contains", starts_with: "prefix", ends_with: "suffix" };

/** The streaming decision of every body phase of a program, made once before lowering. */
export class BodyStreams {
  private readonly streamed = new Map<Phase, StreamedPhase>();
  readonly modes: readonly BodyPhaseMode[];

  constructor(checked: CheckedProgram) {
    const modes: BodyPhaseMode[] = [];
    for (const phase of callbackPhases()) {
      if (phaseDefinition(phase).body === undefined) continue;
      const rules = checked.rules.filter((r) => r.phase === phase);
      if (rules.length === 0) continue;
      const decided = decidePhase(checked, rules);
      if ("hold" in decided) modes.push({ phase, streams: false, hold: decided.hold });
      else {
        this.streamed.set(phase, decided);
        modes.push({ phase, streams: true });
      }
    }
    this.modes = modes;
  }

  /** Whether `phase` streams its body. */
  streams(phase: Phase): boolean {
    return this.streamed.has(phase);
  }

  /** Whether any phase streams: proxy_on_delete then forgets the stream's automaton states. */
  any(): boolean {
    return this.streamed.size > 0;
  }

  /** Whether some body phase with rules holds its body (reads the whole body into BODY_GLOBAL). */
  anyHeld(): boolean {
    return this.modes.some((m) => !m.streams);
  }

  /** A streamable predicate of a streaming phase, as the test of the automaton that answers it; else undefined. */
  predicate(expr: Binary, phase: Phase): Code | undefined {
    const bit = this.streamed.get(phase)?.bits.get(expr);
    return bit === undefined ? undefined : `testSetHas(${bitsGlobal(phase)}, ${bit})`;
  }

  /** `size(body)` in a streaming phase: the bytes seen, all of them by the end of the stream; else undefined. */
  size(checked: CheckedProgram, call: Call, phase: Phase): Code | undefined {
    if (!this.streams(phase) || call.callee.name !== "size" || call.args.length !== 1 || !isBody(checked, call.args[0]!)) return undefined;
    return "bodyStreamSeen()";
  }

  declarations(): string[] {
    return [...this.streamed].map(([phase, plan]) => `const ${bitsGlobal(phase)} = memory.data(${wordsOf(plan) * 4}, 4);`);
  }

  /**
   * The first statements of a streaming phase's callback: scan the chunk and let it go; at the end of the stream
   * go on to the rules, with the completed tests in the phase's bits.
   */
  prologue(definition: PhaseDefinition, phase: Phase, data: StaticData): string[] {
    const plan = this.streamed.get(phase)!;
    const table = plan.table === undefined ? "0" : data.bytes(plan.table, `streamed body tests of ${phase}: ${plan.patterns.length}`);
    const scan = `if (!bodyStreamChunk(ctx, ${definition.body!.bufferType}, size, endOfStream, ${table}, ${wordsOf(plan)}, ${bitsGlobal(phase)})) { resetArena(); return ACTION_CONTINUE; }`;
    // The request values the phase's rules read were captured by the request headers phase: a phase that does not
    // resume the stream itself (stream-state.ts responseStart) looks them up here, as bodyHold does when it holds.
    return definition.stream === "resumes" ? [scan] : [scan, "streamResume(ctx);"];
  }
}

/**
 * What `filterc build` prints for a body phase: whether it streams, or why it holds the body. `place` is where the
 * rule that makes it hold is (`file:line`).
 */
export function bodyPhaseNote(mode: BodyPhaseMode, place: (offset: number) => string): string {
  if (mode.streams) return `${mode.phase} streams: its rules only detect, so each chunk goes on at once (maxBody does not apply)`;
  const rule = mode.hold!.rule;
  const name = rule.name === undefined ? "the rule" : `rule "${rule.name}"`;
  return `${mode.phase} holds the body (at most maxBody): ${name} at ${place(rule.rule.span.start)}: ${mode.hold!.why}`;
}

function bitsGlobal(phase: Phase): string {
  return `BODY_TESTS_${phaseDefinition(phase).label}`;
}

function wordsOf(plan: StreamedPhase): number {
  return Math.max(1, Math.ceil(plan.patterns.length / 32));
}

/** Whether `expr` is the phase's body field itself. */
function isBody(checked: CheckedProgram, expr: Expression): boolean {
  if (expr.kind !== "Reference" || checked.matchGroups.has(expr)) return false;
  const resolution = checked.references.get(expr);
  return resolution?.kind === "field" && resolution.field.source.from === "body";
}

function decidePhase(checked: CheckedProgram, rules: readonly RuleInfo[]): StreamedPhase | { hold: HoldReason } {
  const patterns: TestPattern[] = [];
  const keys = new Map<string, number>();
  const bits = new Map<Expression, number>();
  const bitOf = (pattern: TestPattern): number => {
    const key = pattern.kind === "regex" ? `regex\0${pattern.pattern}` : `${pattern.kind}\0${bytesKey(pattern.value)}`;
    let bit = keys.get(key);
    if (bit === undefined) {
      bit = patterns.length;
      keys.set(key, bit);
      patterns.push(pattern);
    }
    return bit;
  };
  // Whether every use of the body inside `expr` is a streamable predicate (recording each predicate's test).
  const streamable = (expr: Expression): boolean => {
    if (isBody(checked, expr)) return false;
    if (expr.kind === "Binary" && isBody(checked, expr.left)) {
      const right = expr.right;
      if (expr.op === "matches" && right.kind === "RegexLiteral") {
        bits.set(expr, bitOf({ kind: "regex", pattern: right.pattern }));
        return true;
      }
      const kind = TEST_KINDS[expr.op];
      if (kind !== undefined && right.kind === "StringLiteral") {
        bits.set(expr, bitOf({ kind, value: new TextEncoder().encode(right.value) }));
        return true;
      }
      return false;
    }
    if (expr.kind === "Call" && expr.callee.name === "size" && expr.args.length === 1 && isBody(checked, expr.args[0]!)) return true;
    return children(expr).every(streamable);
  };
  for (const rule of rules) {
    const enforcing = ruleActions(rule.rule).find((a) => actionDefinition(a).shadow.effect !== "observes");
    if (enforcing !== undefined) return { hold: { rule, why: `\`${actionDefinition(enforcing).keyword(enforcing)}\` changes the traffic` } };
    if (checked.matchSources.get(rule.rule) !== undefined && isBody(checked, checked.matchSources.get(rule.rule)!.subject)) {
      return { hold: { rule, why: "it reads match[N] groups of the body" } };
    }
    const expressions = [...ruleConditions(rule.rule), ...ruleActions(rule.rule).flatMap((a) => actionDefinition(a).expressions(a))];
    if (!expressions.every(streamable)) return { hold: { rule, why: "it uses the body other than in contains, starts_with, ends_with, matches with a literal, or size()" } };
  }
  if (patterns.length === 0) return { patterns, bits };
  const table = compileTestSet(patterns, MAX_STREAM_STATES);
  if (table === undefined || isWideTestSet(table)) return { hold: { rule: rules[0]!, why: "its body patterns need too large an automaton to stream" } };
  return { patterns, table, bits };
}
