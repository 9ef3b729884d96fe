import type { Expression, Reference, RegexLiteral, Rule } from "../../grammar/ast.js";
import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { ValueType } from "../fields.js";
import type { Phase } from "../phases.js";
import type { RegexResult } from "../regex/index.js";
import type { Source } from "../../grammar/source.js";
import { MATCH_OUTSIDE_RULE, type MatchScope } from "./match-groups.js";
import type { MatchGroup, MatchSource, ParamInfo, Resolution, StreamPosition, VariableInfo } from "./result.js";

/** compiler/regex's compileRegex, as a type so tests can pass a stand-in. */
export type RegexCompiler = (pattern: string) => RegexResult;

export interface CheckOptions {
  /**
   * The text the program was parsed from. Optional: it only sharpens the position of regex errors in patterns
   * that mix `\\` and `\d` escapes, which the decoded pattern alone cannot tell apart.
   */
  readonly source?: Source;
  /** Defaults to compiler/regex's compileRegex. */
  readonly compileRegex?: RegexCompiler;
}

/**
 * A declared param as the checker sees it: `info` is undefined when the default is not a literal, so uses of the
 * param are neither typed nor reported again.
 */
export interface ParamEntry {
  readonly info: ParamInfo | undefined;
}

/** Everything the checks share while walking one program. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly references = new Map<Reference, Resolution>();
  readonly types = new Map<Expression, ValueType>();
  readonly regexTables = new Map<RegexLiteral, Uint8Array>();
  readonly params = new Map<string, ParamEntry>();
  /** List params whose items were already checked as IP ranges, so a param used twice is reported once. */
  readonly addressListsChecked = new Set<string>();
  /** `match[N]` and the rules' sources (null: the group program did not compile, already reported). */
  readonly matchGroups = new Map<Reference, MatchGroup>();
  readonly matchSources = new Map<Rule, MatchSource | null>();
  /** What `match` refers to where the checker is (match-groups.ts). */
  matchScope: MatchScope = MATCH_OUTSIDE_RULE;
  /** The phase of the rule being checked; undefined for an unknown phase, which turns phase checks off. */
  phase: Phase | undefined;
  /** The variables of the program by name (variables.ts), known before any rule is checked. */
  variables = new Map<string, VariableInfo>();
  /** Where the condition or action being checked runs, for the order of variables; undefined outside a rule. */
  position: StreamPosition | undefined;

  constructor(
    readonly compileRegex: RegexCompiler,
    readonly source: Source | undefined,
  ) {}

  /** A context that shares this one's names but keeps its own diagnostics and types: to infer a type quietly. */
  scratch(): CheckContext {
    const scratch = new CheckContext(this.compileRegex, this.source);
    for (const [name, entry] of this.params) scratch.params.set(name, entry);
    scratch.variables = this.variables;
    return scratch;
  }

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** Records an expression's type and hands it back, so inference reads `return ctx.typed(e, "bool")`. */
  typed(expression: Expression, type: ValueType | undefined): ValueType | undefined {
    if (type !== undefined) this.types.set(expression, type);
    return type;
  }
}
