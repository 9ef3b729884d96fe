import { isArithmetic, type Binary, type Expression } from "../../../grammar/ast.js";
import { describeExpression } from "../../check/describe.js";
import type { CheckedProgram } from "../../check/result.js";
import { INT_FIELD_RANGES } from "../../fields.js";
import { expressionKey } from "../analysis/expression-key.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Comparisons joined by `and` that cannot all be true (`request.path == "/a" and request.path == "/b"`,
 * `x < 5 and x > 10`), and a comparison an int field can never satisfy (`destination.port > 70000`,
 * `response.status > 600`; the ranges are INT_FIELD_RANGES beside the fields).
 *
 * Sound under absent values: every comparison but `!=` is false on an absent value, so a conjunction is reported
 * only when its `==`, `<`, `in`, ... contradict each other or the field's range; a `!=` counts only against an
 * `==` of the same value, which requires the value to be present.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-contradictory-comparison",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow comparisons that can never be true together, or never at all for the field's range.",
    messages: {
      contradiction: "`{{text}}` contradicts `{{earlier}}`: joined by `and`, they are never both true, so {{consequence}}",
      outOfRange: "`{{text}}` is never true: `{{field}}` is between {{min}} and {{max}}, so {{consequence}}",
    },
    hints: {
      contradiction: "to accept either value, join the comparisons with `or` (or use `in [...]`); otherwise remove one",
      outOfRange: "check the number: {{field}} goes from {{min}} to {{max}}",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      const condition = info.rule.condition;
      if (condition !== undefined) visit(context, condition, condition);
    }
  },
};

/** Checks each `and` chain of the condition once, at its root, and every comparison outside a chain on its own. */
function visit(context: FileContext, expression: Expression, condition: Expression): void {
  const inner = unwrap(expression);
  if (inner.kind === "Binary" && inner.op === "and") {
    checkConjunction(context, conjuncts(inner), expression === condition);
    for (const term of conjuncts(inner)) visitBelow(context, term, condition);
    return;
  }
  if (inner.kind === "Binary" && inner.op !== "or") {
    checkConjunction(context, [inner], expression === condition);
    return;
  }
  visitBelow(context, inner, condition);
}

function visitBelow(context: FileContext, expression: Expression, condition: Expression): void {
  const inner = unwrap(expression);
  if (inner.kind === "Not") visit(context, inner.operand, condition);
  else if (inner.kind === "Binary" && inner.op === "or") {
    visit(context, inner.left, condition);
    visit(context, inner.right, condition);
  }
}

/** A comparison of a field or param with a literal, written either way round, as `subject op value`. */
interface Term {
  readonly node: Expression;
  readonly key: string;
  readonly subject: string;
  readonly op: string;
  readonly value: number | string | readonly string[];
}

/** An int subject's possible values as far as the terms so far allow, and the terms that narrowed them. */
interface Interval {
  min: number;
  max: number;
  minBy?: Term;
  maxBy?: Term;
}

function checkConjunction(context: FileContext, expressions: readonly Expression[], whole: boolean): void {
  const consequence = whole ? "the rule never runs" : "this part of the condition is never true";
  const intervals = new Map<string, Interval>();
  const equal = new Map<string, Term>();
  const unequal = new Map<string, Term[]>();
  const lists = new Map<string, Term>();
  for (const expression of expressions) {
    const term = termOf(context.checked, expression);
    if (term === undefined) continue;
    const conflict = typeof term.value === "number" ? intConflict(context.checked, intervals, unequal, term) : stringConflict(term, equal, unequal, lists);
    if (conflict === undefined) continue;
    const text = describeExpression(term.node);
    if (conflict.kind === "term") {
      context.report({ messageId: "contradiction", span: term.node.span, data: { text, earlier: describeExpression(conflict.term.node), consequence } });
    } else {
      const { min, max } = conflict.range;
      context.report({ messageId: "outOfRange", span: term.node.span, data: { text, field: term.subject, min, max, consequence } });
    }
    // One report per conjunction: the terms after a contradiction add nothing.
    return;
  }
}

type Conflict = { readonly kind: "term"; readonly term: Term } | { readonly kind: "range"; readonly range: { readonly min: number; readonly max: number } };

/** Narrows the subject's interval by an int comparison; what it contradicts, if the interval is left empty. */
function intConflict(checked: CheckedProgram, intervals: Map<string, Interval>, unequal: Map<string, Term[]>, term: Term): Conflict | undefined {
  const range = rangeOf(checked, term);
  const interval = intervals.get(term.key) ?? { min: range?.min ?? -Infinity, max: range?.max ?? Infinity };
  intervals.set(term.key, interval);
  const n = term.value as number;
  if (term.op === "!=") {
    unequal.set(term.key, [...(unequal.get(term.key) ?? []), term]);
    const only = interval.min === interval.max && interval.min === n ? (interval.minBy ?? interval.maxBy) : undefined;
    return only === undefined ? undefined : { kind: "term", term: only };
  }
  const before = { ...interval };
  narrow(interval, term);
  if (interval.min > interval.max) {
    // The bound this term moved crossed the other one: that bound's term, or the field's range.
    const other = interval.minBy === term && before.minBy !== term ? before.maxBy : before.minBy;
    if (other !== undefined) return { kind: "term", term: other };
    return range === undefined ? undefined : { kind: "range", range };
  }
  const ruledOut = interval.min === interval.max ? (unequal.get(term.key) ?? []).find((t) => t.value === interval.min) : undefined;
  return ruledOut === undefined ? undefined : { kind: "term", term: ruledOut };
}

/** Applies an int comparison other than `!=` to the interval. */
function narrow(interval: Interval, term: Term): void {
  const n = term.value as number;
  const raise = (min: number) => {
    if (min > interval.min) Object.assign(interval, { min, minBy: term });
  };
  const lower = (max: number) => {
    if (max < interval.max) Object.assign(interval, { max, maxBy: term });
  };
  switch (term.op) {
    case "==":
      raise(n);
      lower(n);
      return;
    case "<":
      lower(n - 1);
      return;
    case "<=":
      lower(n);
      return;
    case ">":
      raise(n + 1);
      return;
    case ">=":
      raise(n);
      return;
  }
}

/** Records a string comparison; the earlier one it contradicts, if any. */
function stringConflict(term: Term, equals: Map<string, Term>, unequals: Map<string, Term[]>, lists: Map<string, Term>): Conflict | undefined {
  const equal = equals.get(term.key);
  const unequal = unequals.get(term.key) ?? [];
  const list = lists.get(term.key);
  const value = term.value;
  let earlier: Term | undefined;
  if (term.op === "==" && typeof value === "string") {
    if (equal !== undefined && equal.value !== value) earlier = equal;
    else if (list !== undefined && !(list.value as readonly string[]).includes(value)) earlier = list;
    else earlier = unequal.find((t) => t.value === value);
    equals.set(term.key, term);
  } else if (term.op === "!=") {
    if (equal !== undefined && equal.value === value) earlier = equal;
    unequals.set(term.key, [...unequal, term]);
  } else if (term.op === "in" && Array.isArray(value)) {
    if (equal !== undefined && !value.includes(equal.value as string)) earlier = equal;
    else if (list !== undefined && !value.some((item) => (list.value as readonly string[]).includes(item))) earlier = list;
    lists.set(term.key, term);
  }
  return earlier === undefined ? undefined : { kind: "term", term: earlier };
}

function termOf(checked: CheckedProgram, expression: Expression): Term | undefined {
  const node = unwrap(expression);
  if (node.kind !== "Binary" || isArithmetic(node.op)) return undefined;
  const left = unwrap(node.left);
  const right = unwrap(node.right);
  // `in` on an address is CIDR membership (`10.1.2.3` is in `10.0.0.0/8`), not a list of values.
  if (node.op === "in" && isAddress(checked, left)) return undefined;
  if (isSubject(checked, left)) return term(node, left, node.op, right);
  if (isSubject(checked, right) && FLIPPED[node.op] !== undefined) return term(node, right, FLIPPED[node.op]!, left);
  return undefined;
}

const FLIPPED: Readonly<Record<string, string>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function term(node: Binary, subject: Expression, op: string, literal: Expression): Term | undefined {
  const base = { node, key: expressionKey(subject), subject: describeExpression(subject), op };
  if (literal.kind === "IntLiteral" && op in FLIPPED) return { ...base, value: literal.value };
  if (literal.kind === "StringLiteral" && (op === "==" || op === "!=")) return { ...base, value: literal.value };
  if (literal.kind === "ListLiteral" && op === "in" && literal.items.every((i) => i.kind === "StringLiteral")) {
    return { ...base, value: literal.items.map((i) => (i.kind === "StringLiteral" ? i.value : "")) };
  }
  return undefined;
}

/** A field or param: a value that is the same wherever the condition reads it. */
function isSubject(checked: CheckedProgram, expression: Expression): boolean {
  return expression.kind === "Reference" && checked.references.has(expression);
}

function isAddress(checked: CheckedProgram, expression: Expression): boolean {
  const resolution = expression.kind === "Reference" ? checked.references.get(expression) : undefined;
  return resolution?.kind === "field" && resolution.field.source.from === "property" && resolution.field.source.encoding === "address";
}

function rangeOf(checked: CheckedProgram, term: Term): { min: number; max: number } | undefined {
  const subject = unwrap((term.node as Binary).left);
  const reference = subject.kind === "Reference" ? subject : unwrap((term.node as Binary).right);
  if (reference.kind !== "Reference") return undefined;
  const resolution = checked.references.get(reference);
  return resolution?.kind === "field" ? INT_FIELD_RANGES[resolution.field.name] : undefined;
}

function conjuncts(expression: Expression): Expression[] {
  const inner = unwrap(expression);
  if (inner.kind === "Binary" && inner.op === "and") return [...conjuncts(inner.left), ...conjuncts(inner.right)];
  return [inner];
}

function unwrap(expression: Expression): Expression {
  return expression.kind === "Paren" ? unwrap(expression.expression) : expression;
}

export default rule;
