import type { Let, Program, Reference, Rule } from "../../grammar/ast.js";
import { programRules, ruleBranches } from "../../grammar/walk.js";
import { isAddressValue } from "../address-values.js";
import type { ValueType } from "../fields.js";
import { FUNCTIONS } from "../functions/registry.js";
import { isPhase, phaseDefinition, PHASES, type Phase } from "../phases.js";
import type { CheckContext } from "./context.js";
import { variableNameTaken, variableNeverRead, variableNotScalar, variableReadTooEarly, variableTypeClash } from "./errors/variables.js";
import { inferExpression } from "./expressions.js";
import { MATCH_IN_ELSE, MATCH_IN_LOCAL_REPLY, matchScopeOf } from "./match-groups.js";
import { FIELD_ROOTS } from "./references.js";
import type { StreamPosition, VariableInfo, VariableSite } from "./result.js";

/**
 * Request-scoped variables: `let NAME = EXPR` sets NAME for the later actions of its rule's branch and for the
 * rules that run after it in the stream, in the order of the phase table (compiler/phases.ts), not of the file.
 * A variable is read by its bare name, in one namespace with params.
 */

/** Names the language gives a meaning to: a variable of one of them could not be read. (A function: the modules import each other.) */
function isReserved(name: string): boolean {
  return FIELD_ROOTS.has(name) || FUNCTIONS.has(name) || name === "match" || name === "true" || name === "false";
}

/**
 * Finds every `let` before any rule is checked, so that a rule may read a variable a rule later in the file sets
 * for it (a response rule above the request rule). Each variable's type is its first `let`'s value's type in stream
 * order, inferred quietly: the rule's own check reports that value's problems.
 */
export function collectVariables(ctx: CheckContext, program: Program): void {
  const sites: VariableSite[] = [];
  // Every rule, inside `for` blocks too, numbered as checkRule numbers them.
  const rules = programRules(program.statements).map(({ rule }) => rule);
  rules.forEach((rule, index) => {
    if (!isPhase(rule.phase.name)) return;
    const phase = rule.phase.name;
    for (const branch of ruleBranches(rule)) {
      branch.actions.forEach((action, i) => {
        if (action.kind === "Let") sites.push({ let: action, position: { phase, rule: index, branch: branch.index, action: i } });
      });
    }
  });
  sites.sort((a, b) => compareStream(a.position, b.position));
  const found = new Map<string, { sites: VariableSite[]; type: ValueType | undefined; typedBy?: Let; address: boolean }>();
  for (const site of sites) {
    const name = site.let.name.name;
    const param = ctx.params.get(name);
    if (param !== undefined) ctx.report(variableNameTaken(site.let.name.span, name, param.info?.decl.name.span));
    else if (isReserved(name)) ctx.report(variableNameTaken(site.let.name.span, name, undefined));
    const entry = found.get(name) ?? { sites: [], type: undefined, address: true };
    found.set(name, entry);
    entry.sites.push(site);
    const { type, address } = quietType(ctx, site, rules[site.position.rule]!);
    if (entry.type === undefined && type !== undefined && type !== "list") {
      entry.type = type;
      entry.typedBy = site.let;
    }
    entry.address &&= address;
    // Published as it grows: a later `let` may read the variable (`let n = n + 1`).
    ctx.variables.set(name, { name, type: entry.type, address: entry.address, sites: entry.sites, ...(entry.typedBy && { typedBy: entry.typedBy }) });
  }
}

/** The type of a `let`'s value, and whether it is an address, without reporting anything. */
function quietType(ctx: CheckContext, site: VariableSite, rule: Rule): { type: ValueType | undefined; address: boolean } {
  const scratch = ctx.scratch();
  scratch.phase = site.position.phase;
  scratch.position = site.position;
  scratch.matchScope = site.position.branch > 0 ? MATCH_IN_ELSE : phaseDefinition(site.position.phase).runsOn !== "callback" ? MATCH_IN_LOCAL_REPLY : matchScopeOf(rule);
  const type = inferExpression(scratch, site.let.value);
  return { type, address: isAddressValue(site.let.value, scratch.references) };
}

/**
 * Once every rule is checked: a variable no reference reads is a warning at each of its `let`s. One whose name is
 * taken (E0277) cannot be read, and says so already.
 */
export function reportUnreadVariables(ctx: CheckContext): void {
  const read = new Set<string>();
  for (const resolution of ctx.references.values()) if (resolution.kind === "variable") read.add(resolution.variable.name);
  for (const variable of ctx.variables.values()) {
    if (!read.has(variable.name) && !ctx.params.has(variable.name) && !isReserved(variable.name)) for (const site of variable.sites) ctx.report(variableNeverRead(site.let.name.span, variable.name));
  }
}

/** Checks a `let` in its rule: its value's type against the variable's. */
export function checkVariableSet(ctx: CheckContext, action: Let, type: ValueType | undefined): void {
  const name = action.name.name;
  const variable = ctx.variables.get(name);
  if (type === undefined || variable === undefined) return;
  if (type === "list") {
    ctx.report(variableNotScalar(action.value.span, name));
    return;
  }
  if (variable.type !== undefined && variable.typedBy !== undefined && type !== variable.type) {
    ctx.report(variableTypeClash(action.value.span, name, type, variable.typedBy.value.span, variable.type));
  }
}

/** A read of a variable: reported when no `let` of it can have run before; returns its type. */
export function resolveVariable(ctx: CheckContext, reference: Reference, variable: VariableInfo): ValueType | undefined {
  ctx.references.set(reference, { kind: "variable", variable });
  const read = ctx.position;
  if (read !== undefined && ctx.phase !== undefined && !variable.sites.some((site) => mayPrecede(site.position, read))) {
    ctx.report(variableReadTooEarly(reference.span, variable.name, variable.sites.map((s) => s.let.span), whyTooEarly(variable.sites[0]!.position, read)));
  }
  return variable.type;
}

/**
 * Whether what runs at `set` can have run before what runs at `read` in one stream. Within a phase, rules run in
 * file order and a rule's actions in order, in the branch that was taken. The phases with a callback of their own
 * run in the table's order; `on local_reply` rules run inside whichever callback replies, so any of those may
 * precede them, while what a local_reply rule sets ends with the reply. A value crosses from one callback to a
 * later one only in the stream's state, which the recording phase writes (runtime/streams.ts): what a body phase or
 * `response_headers` sets is seen in that phase alone.
 */
export function mayPrecede(set: StreamPosition, read: StreamPosition): boolean {
  if (set.phase === read.phase) return set.rule < read.rule || (set.rule === read.rule && set.branch === read.branch && set.action < read.action);
  if (!runsInCallback(set.phase)) return false;
  if (!runsInCallback(read.phase)) return true;
  return PHASES.indexOf(set.phase) < PHASES.indexOf(read.phase) && isRecorded(set.phase);
}

function isRecorded(phase: Phase): boolean {
  return phaseDefinition(phase).stream === "records";
}

function runsInCallback(phase: Phase): boolean {
  return phaseDefinition(phase).runsOn === "callback";
}

/** The order of the stream: callback phases by the table, local replies after them, then file and action order. */
function compareStream(a: StreamPosition, b: StreamPosition): number {
  const rank = (p: StreamPosition) => (runsInCallback(p.phase) ? PHASES.indexOf(p.phase) : PHASES.length);
  return rank(a) - rank(b) || a.rule - b.rule || a.branch - b.branch || a.action - b.action;
}

/** The hint of E0275, from where the variable is first set. */
function whyTooEarly(set: StreamPosition, read: StreamPosition): string {
  if (set.phase !== read.phase) {
    if (!runsInCallback(set.phase)) return `it is set in \`on ${set.phase}\` rules, which run on a reply after every other rule: set it in an earlier phase`;
    if (PHASES.indexOf(set.phase) < PHASES.indexOf(read.phase) && !isRecorded(set.phase)) {
      const recorded = PHASES.find(isRecorded)!;
      return `it is set in \`${set.phase}\`, and only what \`${recorded}\` rules set is kept for later phases: set it in \`${recorded}\`, or read it in \`${set.phase}\``;
    }
    return `it is set in \`${set.phase}\`, which runs after \`${read.phase}\`: set it in \`${read.phase}\` or earlier`;
  }
  if (set.rule > read.rule) return "it is set by a rule further down, and rules of a phase run in file order: move the `let` up";
  if (set.branch !== read.branch) return "it is set in another branch of this rule, which does not run when this one does: set it before the rule";
  return read.action < 0 ? "it is set by this rule's actions, which run after its condition: set it in an earlier rule" : "it is set by a later action of this rule: move the `let` before the read";
}
