import type { Side } from "../phases.js";

/**
 * The statements of a rule function, as the lowering of its actions produces them and the passes rewrite them.
 * Values inside statements are AssemblyScript expressions (`Code`); the statements themselves stay typed until the
 * printer, so that passes find what a statement writes by its fields, not by reading generated text.
 */

import type { Code } from "./code.js";

export type { Code };

/** How a header value was checked for CR, LF and NUL before it is written. */
export type ValueSafety =
  /** A literal: checked at compile time. */
  | { readonly kind: "constant" }
  /** Computed per request: the runtime checks it. */
  | { readonly kind: "runtime" }
  /** Computed once per configuration into `global`, whose check result is `<global>_safe`. */
  | { readonly kind: "configured"; readonly global: string };

export interface WriteHeader {
  readonly kind: "WriteHeader";
  readonly side: Side;
  readonly op: "set" | "add" | "set_default";
  /** The header name, as written in the rule. */
  readonly header: string;
  readonly name: Code;
  readonly value: Code;
  readonly safety: ValueSafety;
  /** The value when the rule wrote a string literal: what a rule table (lower/rule-table.ts) stores instead of code. */
  readonly literal?: string;
}

export interface RemoveHeader {
  readonly kind: "RemoveHeader";
  readonly side: Side;
  readonly header: string;
  readonly name: Code;
}

export interface RemoveHeaderPrefix {
  readonly kind: "RemoveHeaderPrefix";
  readonly side: Side;
  readonly prefix: string;
  readonly name: Code;
}

export interface RenameHeader {
  readonly kind: "RenameHeader";
  readonly side: Side;
  readonly from: string;
  readonly to: string;
  readonly fromName: Code;
  readonly toName: Code;
}

export interface RewritePath {
  readonly kind: "RewritePath";
  readonly value: Code;
}

export interface RewritePathPrefix {
  readonly kind: "RewritePathPrefix";
  readonly from: Code;
  readonly to: Code;
  /** Whether `to` has nothing to evaluate (the runtime then skips checking it). */
  readonly constant: boolean;
}

/**
 * A call of a runtime function (runtime/index.ts) for its effect: what a new action needs when no statement above
 * says what it does. Pair it with a HeaderChanged for each header it may change.
 */
export interface RuntimeCall {
  readonly kind: "RuntimeCall";
  readonly function: string;
  readonly args: readonly Code[];
}

export interface Log {
  readonly kind: "Log";
  /** The runtime's level constant without its `LOG_` prefix: `INFO`. */
  readonly level: string;
  readonly message: Code;
}

/** `let NAME = EXPR`: the variable's global (lower/variables.ts) takes the value. */
export interface SetVariable {
  readonly kind: "SetVariable";
  readonly global: string;
  readonly value: Code;
}

/** The rule function returns: RULE_NEXT, RULE_STOP or RULE_ANSWERED (see rule-result.ts). */
export interface Return {
  readonly kind: "Return";
  readonly result: number;
}

/**
 * A statement of a local reply's assembly (runtime/reply.ts), printed as it stands: replies are built by a few
 * runtime calls whose arguments the lowering already decided.
 */
export interface ReplyStep {
  readonly kind: "ReplyStep";
  readonly code: Code;
}

/**
 * A local reply whose status, body, details and headers are all constants: the call is `code`; the values are
 * kept too, so that a rule table (lower/rule-table.ts) can store the reply as data instead of code.
 */
export interface StaticReply {
  readonly kind: "StaticReply";
  readonly code: Code;
  readonly status: number;
  /** Undefined: no body. */
  readonly body?: string;
  readonly details: string;
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * A header of `side` changed: a cached read of it is stale. `value` is its new value when that is a constant. The
 * header cache pass (passes/header-cache.ts) turns this into the cache updates of the slots it concerns.
 */
export interface HeaderChanged {
  readonly kind: "HeaderChanged";
  readonly side: Side;
  /** An exact header name, or every header starting with a prefix. */
  readonly match: { readonly kind: "name" | "prefix"; readonly value: string };
  readonly value?: Code;
}

/** What the header cache pass leaves of a HeaderChanged: slot assignments and the test sets they make stale. */
export interface CacheUpdate {
  readonly kind: "CacheUpdate";
  readonly assignments: readonly { readonly slot: number; readonly value: Code; readonly staleSets: readonly number[] }[];
}

/**
 * The branches of a rule with `else`: the first arm whose condition holds runs (an arm without a condition always
 * does, and comes last). Each arm's actions run in blocks of their own, as a rule function's do; a `Return` in one
 * ends the rule there, so a terminating action ends only its own branch's path.
 */
export interface Branches<S = Statement> {
  readonly kind: "Branches";
  readonly arms: readonly BranchArm<S>[];
}

export interface BranchArm<S = Statement> {
  readonly condition?: Code;
  /** The coverage counter the arm counts its runs in (`filterc test --coverage`). */
  readonly coverageCounter?: string;
  readonly actions: readonly (readonly S[])[];
}

/** What actions lower to. */
export type Statement =
  | WriteHeader
  | RemoveHeader
  | RemoveHeaderPrefix
  | RenameHeader
  | RewritePath
  | RewritePathPrefix
  | RuntimeCall
  | Log
  | SetVariable
  | Return
  | ReplyStep
  | StaticReply
  | HeaderChanged
  | Branches;

/** What the printer takes: the header cache pass has turned every HeaderChanged into a CacheUpdate. */
export type ResolvedStatement = Exclude<Statement, HeaderChanged | Branches> | CacheUpdate | Branches<ResolvedStatement>;
