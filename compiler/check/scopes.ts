import type { Binary, ElseBranch, Expression, Reference, Rule, Scope, Span } from "../../grammar/ast.js";
import type { CheckContext } from "./context.js";
import { inferExpression } from "./expressions.js";
import { invalidHost, invalidHostSuffix, invalidPathPrefix, redundantScope, unreachableScope } from "./errors/scopes.js";

/**
 * `for host "..." { }`, `for host suffix "..." { }`, `for path prefix "..." { }` (docs/language.md, "Scoping rules
 * to hosts and paths").
 *
 * A scope is part of the condition of every rule inside it: the checker hands lowering and lint each such rule
 * with its scopes' tests joined to every branch by `and` (`request.hostname == "api.example.com"`,
 * `request.hostname ends_with ".example.com"`, `request.path starts_with "/api/"`). So the rule runs exactly as if
 * it had been written with those tests, sees the values earlier rules left, and lint's reachability and conflict
 * analyses see the scopes. Lowering answers the scopes' tests of a phase through one test set per value (one pass
 * over the hostname, one over the path: compiler/lower/test-sets.ts), so a request's cost does not grow with the
 * number of scopes.
 *
 * A path prefix cannot hold `?` or `#` (E0297), so `request.path starts_with PREFIX` (the path with its query)
 * holds exactly when the path without its query starts with PREFIX.
 */

/** Checks every scope's literal and its nesting; reports each problem once, however many rules the scope holds. */
export function checkScope(ctx: CheckContext, scope: Scope, outer: readonly Scope[]): void {
  const value = scope.value.value;
  const problem =
    scope.target === "host" ? hostProblem(value) : scope.target === "host suffix" ? suffixProblem(value) : pathPrefixProblem(value);
  if (problem !== undefined) {
    const report = scope.target === "host" ? invalidHost : scope.target === "host suffix" ? invalidHostSuffix : invalidPathPrefix;
    ctx.report(report(scope.value.span, value, problem.why, problem.fix));
    return;
  }
  for (const enclosing of outer) {
    if (outer.some((o) => invalidLiteral(o))) return;
    const relation = relate(enclosing, scope);
    if (relation === "disjoint") ctx.report(unreachableScope(scope.value.span, describe(scope), describe(enclosing), enclosing.value.span));
    else if (relation === "implied") ctx.report(redundantScope(scope.value.span, describe(scope), describe(enclosing), enclosing.value.span));
  }
}

/** How an inner scope relates to one around it: it can never match, it adds nothing, or it narrows (or is another value). */
function relate(outer: Scope, inner: Scope): "disjoint" | "implied" | "narrows" {
  const a = outer.value.value;
  const b = inner.value.value;
  if ((outer.target === "path prefix") !== (inner.target === "path prefix")) return "narrows";
  if (outer.target === "path prefix") return b.startsWith(a) ? (a === b ? "implied" : "narrows") : a.startsWith(b) ? "implied" : "disjoint";
  if (outer.target === "host" && inner.target === "host") return a === b ? "implied" : "disjoint";
  if (outer.target === "host") return a.endsWith(b) ? "implied" : "disjoint";
  if (inner.target === "host") return b.endsWith(a) ? "narrows" : "disjoint";
  // Two suffixes: the longer one requires the shorter.
  return b.endsWith(a) ? (a === b ? "implied" : "narrows") : a.endsWith(b) ? "implied" : "disjoint";
}

function invalidLiteral(scope: Scope): boolean {
  const value = scope.value.value;
  return (scope.target === "host" ? hostProblem(value) : scope.target === "host suffix" ? suffixProblem(value) : pathPrefixProblem(value)) !== undefined;
}

function describe(scope: Scope): string {
  return `for ${scope.target} "${scope.value.value}"`;
}

interface Problem {
  readonly why: string;
  /** The corrected literal or a sentence, for the hint. */
  readonly fix: string;
}

/** One DNS label as `request.hostname` can hold it: lower-case letters, digits, `-` and `_`, at most 63 bytes. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Why `value` can never equal `request.hostname` (no port, ASCII letters lower-cased), and the fix; undefined when it can. */
export function hostProblem(value: string): Problem | undefined {
  if (value === "") return { why: "the host is empty", fix: 'write a hostname, e.g. for host "api.example.com"' };
  if (value.startsWith("*.")) return { why: "a host is matched exactly, without wildcards", fix: `for host suffix "${value.slice(1)}" matches every name under it` };
  if (value.startsWith(".")) return { why: "a host cannot start with `.`", fix: `for host suffix "${value}" matches every name that ends with it` };
  if (value.startsWith("[")) {
    // request.hostname keeps an IPv6 literal's brackets, as a Host header writes it.
    return /^\[[0-9a-f:.]+\]$/.test(value) ? undefined : { why: "an IPv6 literal is written in lower-case hex between brackets, without a port", fix: "e.g. for host \"[2001:db8::1]\"" };
  }
  const port = /^(.*):([0-9]*)$/.exec(value);
  if (port !== undefined && port !== null) {
    return { why: "request.hostname has no port", fix: `for host "${port[1]!.toLowerCase()}", and \`when request.port == ${port[2] || "N"}\` on the rules that need the port` };
  }
  if (value !== value.toLowerCase()) return { why: "request.hostname is lower case, so a host with upper-case letters never matches", fix: `for host "${value.toLowerCase()}"` };
  if (value.endsWith(".")) return { why: "request.hostname keeps a trailing `.` only when the client sent one", fix: `for host "${value.slice(0, -1)}"` };
  if (value.length > 253) return { why: `a hostname is at most 253 bytes, and this one has ${value.length}`, fix: "check the name" };
  const bad = value.split(".").find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return {
      why: bad === "" ? "a hostname has no empty labels (`..`)" : `\`${bad}\` is not a hostname label: labels are letters, digits, \`-\` and \`_\`, at most 63 long, not starting or ending with \`-\``,
      fix: "e.g. for host \"api.example.com\"",
    };
  }
  return undefined;
}

/** A suffix starts with `.` (so it ends at a label boundary) followed by a valid hostname. */
export function suffixProblem(value: string): Problem | undefined {
  if (value.startsWith("*.")) return { why: "a suffix is written without `*`", fix: `for host suffix "${value.slice(1)}"` };
  if (!value.startsWith(".")) {
    const host = value.toLowerCase();
    return {
      why: "a host suffix starts with `.`, so that it matches whole labels (`.example.com` matches `a.example.com`, not `badexample.com`)",
      fix: `for host suffix ".${host}"; add for host "${host}" for the name itself`,
    };
  }
  const inner = hostProblem(value.slice(1));
  return inner === undefined ? undefined : { why: inner.why, fix: inner.fix.replace('for host "', 'for host suffix ".') };
}

/** A path prefix starts with `/` and holds no `?` or `#`: it is compared with the path without its query. */
export function pathPrefixProblem(value: string): Problem | undefined {
  if (!value.startsWith("/")) return { why: "a path starts with `/`", fix: `for path prefix "/${value}"` };
  const query = [...value].findIndex((c) => c === "?" || c === "#");
  if (query >= 0) {
    return {
      why: `a path prefix is compared with the path without its query, so it cannot hold \`${value[query]}\``,
      fix: `for path prefix "${value.slice(0, query)}", and test the query in the rules' \`when\` (request.query["name"])`,
    };
  }
  return undefined;
}

/**
 * The rule as lowering and lint see it: each branch's condition joined with the scopes' tests (a plain `else`
 * gets them as its condition), so no branch runs outside the scopes. `tests` are the scopes' condition nodes,
 * outermost first, typed by `scopeTest`.
 */
export function scopedRule(ctx: CheckContext, rule: Rule, tests: readonly Expression[]): Rule {
  const join = (condition: Expression | undefined): Expression => {
    let joined = tests[0]!;
    for (const test of [...tests.slice(1), ...(condition === undefined ? [] : [condition])]) joined = and(ctx, joined, test);
    return joined;
  };
  const elseBranches = rule.elseBranches?.map((branch): ElseBranch => ({ ...branch, condition: join(branch.condition) }));
  return { ...rule, condition: join(rule.condition), ...(elseBranches && { elseBranches }) };
}

/** The test a scope stands for, checked (typed, its field resolved) in the phase being checked. */
export function scopeTest(ctx: CheckContext, scope: Scope): Expression {
  const head: Span = { start: scope.span.start, end: scope.value.span.end };
  const field = scope.target === "path prefix" ? "path" : "hostname";
  const reference: Reference = {
    kind: "Reference",
    span: scope.targetSpan,
    segments: [
      { kind: "Identifier", span: scope.targetSpan, name: "request" },
      { kind: "Identifier", span: scope.targetSpan, name: field },
    ],
  };
  const op = scope.target === "host" ? "==" : scope.target === "host suffix" ? "ends_with" : "starts_with";
  const test: Binary = { kind: "Binary", span: head, op, opSpan: scope.targetSpan, left: reference, right: scope.value };
  inferExpression(ctx, test);
  return test;
}

function and(ctx: CheckContext, left: Expression, right: Expression): Binary {
  const joined: Binary = { kind: "Binary", span: right.span, op: "and", opSpan: right.span, left, right };
  ctx.typed(joined, "bool");
  return joined;
}
