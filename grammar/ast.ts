/**
 * The abstract syntax tree of a rule file.
 *
 * Every node is readonly, has a `kind` discriminant and a `span` of character offsets into the source text
 * (start inclusive, end exclusive). Line and column are derived from offsets only when a diagnostic is rendered
 * (see grammar/source.ts). The parser keeps syntax permissive where a precise diagnostic is more useful later:
 * a phase or log level is an Identifier here and the checker says which names exist.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Identifier {
  readonly kind: "Identifier";
  readonly span: Span;
  readonly name: string;
}

/** A string without interpolation. `value` is decoded; `raw` is the text between the quotes. */
export interface StringLiteral {
  readonly kind: "StringLiteral";
  readonly span: Span;
  readonly value: string;
  readonly raw: string;
}

/** A string with at least one `${...}`; parts alternate between text and expressions. */
export interface TemplateString {
  readonly kind: "TemplateString";
  readonly span: Span;
  readonly parts: readonly TemplatePart[];
}

export type TemplatePart = TemplateText | Expression;

export interface TemplateText {
  readonly kind: "TemplateText";
  readonly span: Span;
  readonly value: string;
}

/**
 * The pattern of `matches`. Only `\\` and `\"` are string escapes here; every other backslash sequence is kept
 * for the regex compiler, so `"^/v\d+$"` reaches it as `^/v\d+$`.
 */
export interface RegexLiteral {
  readonly kind: "RegexLiteral";
  readonly span: Span;
  readonly pattern: string;
}

export interface IntLiteral {
  readonly kind: "IntLiteral";
  readonly span: Span;
  readonly value: number;
}

export interface BoolLiteral {
  readonly kind: "BoolLiteral";
  readonly span: Span;
  readonly value: boolean;
}

export interface ListLiteral {
  readonly kind: "ListLiteral";
  readonly span: Span;
  readonly items: readonly Expression[];
}

/**
 * A dotted name, optionally indexed: `strict`, `request.path`, `request.header["x-id"]`. The checker resolves a
 * single segment to a param and several to a field. Segments after a dot may be keywords (`request.path`).
 */
export interface Reference {
  readonly kind: "Reference";
  readonly span: Span;
  readonly segments: readonly Identifier[];
  readonly key?: Expression;
}

/** `exists(x)`, `lower(x)`. */
export interface Call {
  readonly kind: "Call";
  readonly span: Span;
  readonly callee: Identifier;
  readonly args: readonly Expression[];
}

export type BinaryOperator =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "contains"
  | "starts_with"
  | "ends_with"
  | "in"
  | "contains any"
  | "starts_with any"
  | "ends_with any"
  | "matches"
  | "and"
  | "or"
  | ArithmeticOperator;

/**
 * `+ - * / %` on 64-bit ints (docs/language.md, Arithmetic). They are Binary nodes like the comparisons, so every
 * walker and the operator limit (E0121) see them as they are; unlike the others they yield an int, not a bool.
 */
export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";

export const ARITHMETIC_OPERATORS: ReadonlySet<BinaryOperator> = new Set<BinaryOperator>(["+", "-", "*", "/", "%"]);

/** Whether a Binary node is arithmetic (an int) rather than a comparison or logic (a bool). */
export function isArithmetic(op: BinaryOperator): op is ArithmeticOperator {
  return ARITHMETIC_OPERATORS.has(op);
}

/**
 * For `matches` the right operand is a RegexLiteral. `opSpan` covers the operator token, and for `contains any`
 * (and `starts_with any`, `ends_with any`: any item of a list) the word `any` too.
 */
export interface Binary {
  readonly kind: "Binary";
  readonly span: Span;
  readonly op: BinaryOperator;
  readonly opSpan: Span;
  readonly left: Expression;
  readonly right: Expression;
}

export interface Not {
  readonly kind: "Not";
  readonly span: Span;
  readonly operand: Expression;
}

/** Parentheses as written, kept so the formatter can reproduce them. */
export interface Paren {
  readonly kind: "Paren";
  readonly span: Span;
  readonly expression: Expression;
}

export type Expression =
  | StringLiteral
  | TemplateString
  | RegexLiteral
  | IntLiteral
  | BoolLiteral
  | ListLiteral
  | Reference
  | Call
  | Binary
  | Not
  | Paren;

/** `set`, `add`, `set_default`: the header map of the rule's phase. */
export interface HeaderAssign {
  readonly kind: "HeaderAssign";
  readonly span: Span;
  readonly op: "set" | "add" | "set_default";
  readonly name: StringLiteral;
  readonly value: Expression;
}

export interface HeaderRemove {
  readonly kind: "HeaderRemove";
  readonly span: Span;
  readonly name: StringLiteral;
}

/** `remove prefix "x-envoy-"` */
export interface HeaderRemovePrefix {
  readonly kind: "HeaderRemovePrefix";
  readonly span: Span;
  readonly prefix: StringLiteral;
}

export interface HeaderRename {
  readonly kind: "HeaderRename";
  readonly span: Span;
  readonly from: StringLiteral;
  readonly to: StringLiteral;
}

/**
 * `set query "k" = EXPR` and `remove query "k"`: a parameter of the request's query string (request phase only).
 * `value` is present exactly when `op` is "set".
 */
export interface QueryParam {
  readonly kind: "QueryParam";
  readonly span: Span;
  readonly op: "set" | "remove";
  readonly key: StringLiteral;
  readonly value?: Expression;
}

/** `rewrite path EXPR` */
export interface RewritePath {
  readonly kind: "RewritePath";
  readonly span: Span;
  readonly value: Expression;
}

/** `rewrite prefix "/old/" to "/new/"` */
export interface RewritePrefix {
  readonly kind: "RewritePrefix";
  readonly span: Span;
  readonly from: StringLiteral;
  readonly to: Expression;
}

export interface Deny {
  readonly kind: "Deny";
  readonly span: Span;
  readonly status: Expression;
  readonly body?: Expression;
}

/** One `"name" = EXPR` entry of `respond ... with { }`. */
export interface HeaderEntry {
  readonly kind: "HeaderEntry";
  readonly span: Span;
  readonly name: StringLiteral;
  readonly value: Expression;
}

export interface Respond {
  readonly kind: "Respond";
  readonly span: Span;
  readonly status: Expression;
  readonly body?: Expression;
  readonly headers: readonly HeaderEntry[];
}

export interface Redirect {
  readonly kind: "Redirect";
  readonly span: Span;
  readonly status?: Expression;
  readonly location: Expression;
}

export interface Log {
  readonly kind: "Log";
  readonly span: Span;
  readonly level: Identifier;
  readonly message: Expression;
}

/** `by EXPR`, `by EXPR only ["a", "b"]` or `by EXPR limit 32` of a `count`. */
export interface CountLabel {
  readonly kind: "CountLabel";
  /** From `by` to the end of the bound (or of the expression). */
  readonly span: Span;
  readonly value: Expression;
  readonly only?: ListLiteral;
  readonly limit?: IntLiteral;
}

/** `count "name"` or `count "name" by EXPR ...`: a counter, one per label value with `by`. */
export interface Count {
  readonly kind: "Count";
  readonly span: Span;
  readonly name: StringLiteral;
  readonly by?: CountLabel;
}

/** `observe "name" EXPR`: records an int in a histogram. */
export interface Observe {
  readonly kind: "Observe";
  readonly span: Span;
  readonly name: StringLiteral;
  readonly value: Expression;
}

/**
 * `replace "text" with EXPR` or `replace matches "regex" with EXPR`: in a body phase, every non-overlapping match in
 * the body, left to right, becomes the value of EXPR (docs/language.md, "Replacing in a body").
 */
export interface Replace {
  readonly kind: "Replace";
  readonly span: Span;
  /** A literal text (StringLiteral) or, after `matches`, a pattern (RegexLiteral). */
  readonly target: StringLiteral | RegexLiteral;
  readonly value: Expression;
}

/**
 * `limit N per UNIT [by EXPR] [burst M] [buckets K] [headers off]`: a token bucket per key in shared data (docs/language.md,
 * "Rate limits"); with `via`, a global limit that the rate limit service decides instead. `rate` and `burst` are int literals or param references.
 */
export interface Limit {
  readonly kind: "Limit";
  readonly span: Span;
  readonly rate: IntLiteral | Reference;
  readonly unit: Identifier;
  readonly by?: Expression;
  readonly burst?: IntLiteral | Reference;
  readonly buckets?: IntLiteral;
  /** `headers off`: the 429 goes without `retry-after` and the `x-ratelimit-*` headers. */
  readonly headersOff?: true;
  /** `via "CLUSTER" ...`: a global limit, decided by the rate limit service on that cluster (docs/language.md). */
  readonly via?: LimitVia;
}

/** `via "CLUSTER" [timeout 20ms] [on failure allow|deny]` of a global `limit`. */
export interface LimitVia {
  readonly span: Span;
  readonly cluster: StringLiteral;
  /** `timeout 20ms` / `timeout 1s`, in milliseconds as written. */
  readonly timeout?: { readonly span: Span; readonly ms: number; readonly written: string };
  readonly failure?: { readonly span: Span; readonly choice: "allow" | "deny" };
}

/**
 * `authorize with "CLUSTER" [grpc] [timeout 200ms] [on failure allow|deny] [send headers [..]] [path EXPR]
 * [copy headers [..]]`: external authorization (docs/language.md, "External authorization"). The request waits
 * for the service on CLUSTER, over HTTP (the default) or gRPC (envoy.service.auth.v3.Authorization/Check).
 */
export interface Authorize {
  readonly kind: "Authorize";
  readonly span: Span;
  readonly cluster: StringLiteral;
  readonly grpc?: true;
  readonly timeout?: LimitVia["timeout"];
  readonly failure?: LimitVia["failure"];
  /** `send headers [...]`: the request headers the service gets (lowercase names). */
  readonly sendHeaders?: HeaderNames;
  /** `path EXPR`: the path of the HTTP call (HTTP mode). */
  readonly path?: Expression;
  /** `copy headers [...]`: the headers of an allowing answer set on the request (HTTP mode). */
  readonly copyHeaders?: HeaderNames;
}

/** A list of header names written as string literals, as `authorize` takes them. */
export interface HeaderNames {
  readonly span: Span;
  readonly names: readonly StringLiteral[];
}

export interface Stop {
  readonly kind: "Stop";
  readonly span: Span;
}

/**
 * `let NAME = EXPR`: a request-scoped variable (docs/language.md, Variables), read by its bare name like a param
 * by later actions and later rules of the stream.
 */
export interface Let {
  readonly kind: "Let";
  readonly span: Span;
  readonly name: Identifier;
  readonly value: Expression;
}

export type Action =
  | HeaderAssign
  | HeaderRemove
  | HeaderRemovePrefix
  | HeaderRename
  | QueryParam
  | RewritePath
  | RewritePrefix
  | Deny
  | Respond
  | Redirect
  | Log
  | Stop
  | Let

  | Count
  | Observe
  | Replace
  | Limit
  | Authorize;

/**
 * `[rule "name"] on PHASE [when CONDITION] ACTION` or `... { ACTION; ACTION }`, optionally followed by `else`
 * branches. `condition` and `actions` are the first branch.
 */
export interface Rule {
  readonly kind: "Rule";
  readonly span: Span;
  readonly name?: StringLiteral;
  /**
   * `rule "name" shadow on ...`: the rule reports what it would do and enforces nothing. An object, so that the
   * formatter's equivalence check, which ignores spans, still sees whether the keyword is there.
   */
  readonly shadow?: { readonly span: Span };
  readonly phase: Identifier;
  readonly condition?: Expression;
  readonly actions: readonly Action[];
  /** True when the actions were written in `{ }`, so the formatter keeps the block. */
  readonly block: boolean;
  /** `else when C ...` and `else ...` in source order; absent when the rule has none. */
  readonly elseBranches?: readonly ElseBranch[];
}

/**
 * `else [when CONDITION] (ACTION | { ACTIONS })`: a branch of the rule before it, which runs when no earlier
 * branch's condition held. Only the last branch may lack a condition (the checker says so otherwise).
 */
export interface ElseBranch {
  readonly kind: "ElseBranch";
  /** Starts at the `else` keyword. */
  readonly span: Span;
  readonly condition?: Expression;
  readonly actions: readonly Action[];
  readonly block: boolean;
}

/** `param name = LITERAL` */
export interface ParamDecl {
  readonly kind: "ParamDecl";
  readonly span: Span;
  readonly name: Identifier;
  readonly value: Expression;
}

/** What a scope tests (docs/language.md, "Scoping rules to hosts and paths"). */
export type ScopeTarget = "host" | "host suffix" | "path prefix";

export const SCOPE_TARGETS: readonly ScopeTarget[] = ["host", "host suffix", "path prefix"];

/**
 * `for host "api.example.com" { ... }`, `for host suffix ".example.com" { ... }`, `for path prefix "/api/" { ... }`:
 * the rules (and scopes) inside run only for requests the scope matches. `statements` holds only rules and scopes;
 * params are file-wide and stay at the top level.
 */
export interface Scope {
  readonly kind: "Scope";
  /** From `for` to the closing `}`. */
  readonly span: Span;
  readonly target: ScopeTarget;
  /** The words after `for`: `host suffix`. */
  readonly targetSpan: Span;
  readonly value: StringLiteral;
  readonly statements: readonly (Rule | Scope)[];
}

export type Statement = Rule | ParamDecl | Scope;

/**
 * `import "common.fw"`: the imported file's statements take this place (compiler/imports.ts resolves the path,
 * relative to the importing file, and composes the files). Not a `Statement`: the checker and the code generator
 * only ever see programs whose imports have been resolved.
 */
export interface Import {
  readonly kind: "Import";
  readonly span: Span;
  readonly path: StringLiteral;
}

/** `# ...` through the end of the line; `text` excludes the `#`. */
export interface Comment {
  readonly kind: "Comment";
  readonly span: Span;
  readonly text: string;
}

export interface Program {
  readonly kind: "Program";
  readonly span: Span;
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  /** The file's `import` lines in source order; absent when it has none (and after compiler/imports.ts composed it). */
  readonly imports?: readonly Import[];
}

export type Node =
  | Program
  | Statement
  | Import
  | Action
  | ElseBranch
  | Expression
  | HeaderEntry
  | CountLabel
  | TemplateText
  | Identifier
  | Comment;
