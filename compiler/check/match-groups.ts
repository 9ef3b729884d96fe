import type { Binary, Expression, Reference, Rule } from "../../grammar/ast.js";
import { error } from "../../grammar/diagnostic.js";
import { compileGroupProgram } from "../regex/group-program.js";
import type { CheckContext } from "./context.js";
import { matchGroupIndex, matchWithoutMatches } from "./errors/match-groups.js";
import { inferExpression } from "./expressions.js";
import type { MatchSource } from "./result.js";

/**
 * `match[N]`: group N of the one `matches` of the rule's condition, readable in the rule's actions. What `match`
 * may refer to is decided once per rule (matchScopeOf); each `match[N]` is then checked against it.
 */

/** Where `match` is read: the source it refers to, or why there is none. */
export type MatchScope =
  | { readonly kind: "source"; readonly rule: Rule; readonly binary: Binary }
  | { readonly kind: "none"; readonly why: string; readonly hint: string };

/** In a condition or outside a rule. */
export const MATCH_IN_CONDITION: MatchScope = {
  kind: "none",
  why: "it is set when the condition's `matches` succeeds, so only the rule's actions can read it",
  hint: "read `match[N]` in the actions: `when request.path matches \"^/old/(.*)$\" redirect 301 \"/new/${match[1]}\"`",
};
export const MATCH_OUTSIDE_RULE: MatchScope = {
  kind: "none",
  why: "it refers to the `matches` of a rule's condition, and this is not in a rule",
  hint: "read `match[N]` in the actions of a rule whose condition has one `matches`",
};
/** An `else` branch runs when the rule's condition did not hold: its `matches` took no groups. */
export const MATCH_IN_ELSE: MatchScope = {
  kind: "none",
  why: "this `else` branch runs when the rule's condition did not hold, so its `matches` set no groups",
  hint: "read `match[N]` in the actions of the rule's own `when`, or give the branch a rule of its own",
};

/** Rules of `on local_reply` run inside another rule's reply, where no groups are kept for them. */
export const MATCH_IN_LOCAL_REPLY: MatchScope = {
  kind: "none",
  why: "`on local_reply` rules run while another rule's reply is sent, and keep no groups of their own `matches`",
  hint: "compare the value in the condition, or set the header in the rule that replies",
};

/** What `match` refers to in the actions of `rule`. */
export function matchScopeOf(rule: Rule): MatchScope {
  if (rule.condition === undefined) {
    return { kind: "none", why: "the rule has no condition", hint: "add `when FIELD matches \"PATTERN\"` with a group in the pattern" };
  }
  const found: { binary: Binary; guarded: boolean }[] = [];
  collectMatches(rule.condition, false, found);
  if (found.length === 0) {
    return { kind: "none", why: "the rule's condition has no `matches`", hint: "`match[N]` is a group of the condition's `matches \"PATTERN\"`" };
  }
  if (found.length > 1) {
    return {
      kind: "none",
      why: `the rule's condition has ${found.length} \`matches\`, and \`match\` cannot tell which one it means`,
      hint: "keep one `matches` in the condition (put alternatives inside its pattern: `^/(?:a|b)/(.*)$`), or split the rule",
    };
  }
  const only = found[0]!;
  if (only.guarded) {
    return {
      kind: "none",
      why: "the condition's `matches` is under `or` or `not` (or inside a comparison), so the actions may run without it having matched",
      hint: "join the `matches` to the rest of the condition with `and` only, or split the rule",
    };
  }
  return { kind: "source", rule, binary: only.binary };
}

/** The `matches` in `e`, each with whether it sits anywhere but under `and` and parentheses. */
function collectMatches(e: Expression, guarded: boolean, found: { binary: Binary; guarded: boolean }[]): void {
  switch (e.kind) {
    case "Paren":
      return collectMatches(e.expression, guarded, found);
    case "Not":
      return collectMatches(e.operand, true, found);
    case "Binary":
      if (e.op === "matches") found.push({ binary: e, guarded });
      collectMatches(e.left, guarded || e.op !== "and", found);
      collectMatches(e.right, guarded || e.op !== "and", found);
      return;
    case "Call":
      for (const arg of e.args) collectMatches(arg, true, found);
      return;
    default:
      return;
  }
}

/** Resolves `match[N]` (a one-segment reference named `match` with a key); returns its type. */
export function resolveMatchGroup(ctx: CheckContext, reference: Reference): "string" | undefined {
  const key = reference.key!;
  const scope = ctx.matchScope;
  if (scope.kind === "none") {
    ctx.report(matchWithoutMatches(reference.span, scope.why, scope.hint));
    inferExpression(ctx, key);
    return undefined;
  }
  if (key.kind !== "IntLiteral") {
    ctx.report(matchGroupIndex(key.span, "the group number of `match` must be a literal whole number", "write `match[0]` for the whole match, `match[1]` for the first group"));
    inferExpression(ctx, key);
    return undefined;
  }
  ctx.types.set(key, "int");
  const source = matchSourceOf(ctx, scope.rule, scope.binary);
  // A pattern that does not compile is already reported.
  if (source === undefined) return undefined;
  const index = Number(key.value);
  if (!Number.isSafeInteger(index) || index < 0 || index > source.groups) {
    const groups = source.groups === 0 ? "no capturing groups" : source.groups === 1 ? "1 capturing group" : `${source.groups} capturing groups`;
    ctx.report(
      matchGroupIndex(
        key.span,
        `\`match[${key.value}]\` does not exist: the pattern has ${groups}`,
        source.groups === 0
          ? "`match[0]` is the whole match; put `( )` around the part to read as `match[1]`"
          : `use \`match[0]\` (the whole match) to \`match[${source.groups}]\`; \`(?:...)\` groups are not counted`,
      ),
    );
    return undefined;
  }
  ctx.matchGroups.set(reference, { source, index });
  return "string";
}

/** The rule's source, with its group program compiled on first use; undefined when the pattern does not compile. */
function matchSourceOf(ctx: CheckContext, rule: Rule, binary: Binary): MatchSource | undefined {
  const known = ctx.matchSources.get(rule);
  if (known !== undefined) return known ?? undefined;
  // A pattern the DFA compiler refused is already reported.
  if (binary.right.kind !== "RegexLiteral" || !ctx.regexTables.has(binary.right)) return undefined;
  const literal = binary.right;
  const compiled = compileGroupProgram(literal.pattern);
  if (!compiled.ok) {
    // Reported once per rule, at the pattern: what is too large is the pattern, for the groups it is read for.
    for (const problem of compiled.errors) ctx.report(error(problem.code, literal.span, problem.message, problem.hint));
    ctx.matchSources.set(rule, null);
    return undefined;
  }
  const source: MatchSource = {
    subject: binary.left,
    pattern: literal,
    program: compiled.onePass ?? compiled.program,
    onePass: compiled.onePass !== undefined,
    groups: compiled.groups,
  };
  ctx.matchSources.set(rule, source);
  return source;
}
