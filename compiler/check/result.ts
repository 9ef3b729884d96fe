import type { Expression, Let, ParamDecl, Program, Reference, RegexLiteral, Rule } from "../../grammar/ast.js";
import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { FieldInfo, ValueType } from "../fields.js";
import type { Phase } from "../phases.js";

/** What a Reference names, decided by the checker. */
export type Resolution =
  | { readonly kind: "field"; readonly field: FieldInfo; /** the constant key of a keyed field, lower-cased for headers */ readonly key?: string }
  | { readonly kind: "param"; readonly param: ParamInfo }
  | { readonly kind: "variable"; readonly variable: VariableInfo };

/** Where a rule's condition or action runs in a stream: a condition is action -1 of its branch. */
export interface StreamPosition {
  readonly phase: Phase;
  /** The rule's 0-based position in the file. */
  readonly rule: number;
  readonly branch: number;
  readonly action: number;
}

/** A `let` of a variable. */
export interface VariableSite {
  readonly let: Let;
  readonly position: StreamPosition;
}

/**
 * A request-scoped variable (`let NAME = EXPR`, compiler/check/variables.ts): its type is its first `let`'s (in the
 * order rules run), and it is an address when every `let` of it sets one.
 */
export interface VariableInfo {
  readonly name: string;
  readonly type: ValueType | undefined;
  /** The `let` whose value gave the type. */
  readonly typedBy?: Let;
  readonly address: boolean;
  /** Its `let`s in the order rules run. */
  readonly sites: readonly VariableSite[];
}

/** The `matches` that a rule's `match[N]` read the groups of (compiler/check/match-groups.ts). */
export interface MatchSource {
  /** The value matched: the left side of the `matches`. */
  readonly subject: Expression;
  readonly pattern: RegexLiteral;
  /**
   * The group program that finds the groups in the matched value: its one-pass form (compiler/regex/one-pass.ts)
   * when `onePass`, else the Pike VM program of compiler/regex/group-program.ts.
   */
  readonly program: Uint8Array;
  readonly onePass: boolean;
  /** The number of capturing groups: `match[0]` to `match[groups]` exist. */
  readonly groups: number;
}

/** A `match[N]`: group `index` of `source`. */
export interface MatchGroup {
  readonly source: MatchSource;
  readonly index: number;
}

export interface ParamInfo {
  readonly name: string;
  readonly type: ValueType;
  readonly decl: ParamDecl;
  /** The declared default as a JSON value: string, number, boolean or string[]. */
  readonly defaultValue: string | number | boolean | string[];
}

export interface RuleInfo {
  readonly rule: Rule;
  readonly phase: Phase;
  /** `rule "name"`, or undefined for an anonymous rule (it cannot be disabled at runtime). */
  readonly name?: string;
  /** 0-based position in the file, the order rules run in. */
  readonly index: number;
}

/**
 * The checker's view of a program. Present even when there are errors, so lint can keep going; lowering runs only
 * on an error-free result.
 */
export interface CheckedProgram {
  readonly program: Program;
  readonly rules: readonly RuleInfo[];
  readonly params: readonly ParamInfo[];
  readonly references: ReadonlyMap<Reference, Resolution>;
  /** The type of every expression that has one (absent-able strings are "string"). */
  readonly types: ReadonlyMap<Expression, ValueType>;
  /** The compiled table (compiler/regex) of every pattern that compiles: lowering uses it as it stands. */
  readonly regexTables: ReadonlyMap<RegexLiteral, Uint8Array>;
  /** Every `match[N]` that resolved (it is not in `references`). */
  readonly matchGroups: ReadonlyMap<Reference, MatchGroup>;
  /** The source of each rule whose actions read `match[N]`: only these rules run the group program. */
  readonly matchSources: ReadonlyMap<Rule, MatchSource>;
  /** The variables the program sets (`let`), in the order of their first `let` in the stream. */
  readonly variables: readonly VariableInfo[];
}

export interface CheckResult {
  readonly checked: CheckedProgram;
  readonly diagnostics: readonly Diagnostic[];
}
