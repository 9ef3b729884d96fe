import type { Binary, Call, Expression, TemplateString } from "../../grammar/ast.js";
import { isAddressValue } from "../address-values.js";
import { functionDefinition } from "../functions/registry.js";
import { parseIpOrCidr } from "../net.js";
import type { Phase } from "../phases.js";
import { literalPrefix } from "../regex/literal-prefix.js";
import { code, joinCode, type Code } from "../ir/code.js";
import { lowerAnyList } from "./any-list.js";
import type { LowerContext } from "./context.js";
import { lowerField } from "./field.js";
import { groupTestCode, lowerMatchGroup } from "./match-groups.js";
import { packAddressTable, packList } from "./static-data.js";
import { boolVariableText, lowerVariable, triStateBool, variableRead } from "./variables.js";

/** An expression as AssemblyScript: conditions are `bool`, strings `Str`, ints `i64`. */
export function lowerExpression(ctx: LowerContext, expr: Expression, phase: Phase): Code {
  switch (expr.kind) {
    case "Paren":
      return code`(${lowerExpression(ctx, expr.expression, phase)})`;
    case "StringLiteral":
      return ctx.data.text(expr.value);
    case "IntLiteral":
      return `<i64>${expr.value}`;
    case "BoolLiteral":
      return expr.value ? "true" : "false";
    case "TemplateString":
      return lowerTemplate(ctx, expr, phase);
    case "Reference": {
      const group = lowerMatchGroup(ctx, expr);
      if (group !== undefined) return group;
      const resolution = ctx.resolve(expr);
      if (resolution.kind === "param") {
        if (resolution.param.type === "list") ctx.listParams.add(resolution.param.name);
        return ctx.paramGlobal(resolution.param);
      }
      if (resolution.kind === "variable") return lowerVariable(resolution.variable);
      return lowerField(ctx, resolution.field, resolution.key, phase);
    }
    case "Not":
      return code`!(${lowerExpression(ctx, expr.operand, phase)})`;
    case "Call":
      return lowerCall(ctx, expr, phase);
    case "Binary":
      return lowerBinary(ctx, expr, phase);
    case "RegexLiteral":
    case "ListLiteral":
      throw new Error(`internal: ${expr.kind} outside its operator`);
  }
}

/** Any scalar as text: what interpolation and header values need. */
export function lowerText(ctx: LowerContext, expr: Expression, phase: Phase): Code {
  const digits = digitsFieldText(ctx, expr);
  if (digits !== undefined) return digits;
  const variable = variableRead(ctx, expr);
  if (variable?.type === "bool") return boolVariableText(variable);
  const value = lowerExpression(ctx, expr, phase);
  switch (ctx.typeOf(expr)) {
    case "int":
      return code`intText(${value})`;
    case "bool":
      return code`boolText(${value})`;
    default:
      return value;
  }
}

/**
 * An int field the proxy hands over as decimal text (`response.status`), as text: the digits as they stand, less
 * leading zeros, which is what formatting the parsed number would give, without parsing and formatting.
 */
function digitsFieldText(ctx: LowerContext, expr: Expression): string | undefined {
  if (expr.kind === "Paren") return digitsFieldText(ctx, expr.expression);
  if (expr.kind !== "Reference" || ctx.checked.matchGroups.has(expr)) return undefined;
  const resolution = ctx.resolve(expr);
  if (resolution.kind !== "field" || resolution.field.type !== "int" || resolution.field.source.from !== "response-header") return undefined;
  return `digitsText(${ctx.headers.read("response", resolution.field.source.header)})`;
}

function lowerTemplate(ctx: LowerContext, expr: TemplateString, phase: Phase): Code {
  const parts = expr.parts
    .map((part) => (part.kind === "TemplateText" ? (part.value === "" ? undefined : ctx.data.text(part.value)) : lowerText(ctx, part, phase)))
    .filter((part): part is Code => part !== undefined);
  return concatenate(parts);
}

function concatenate(parts: Code[]): Code {
  if (parts.length === 0) return "EMPTY";
  if (parts.length === 1) return parts[0]!;
  if (parts.length <= 3) return code`concat${parts.length}(${joinCode(parts, ", ")})`;
  // The runtime joins three at a time: five parts take two joins, not three.
  return concatenate([concatenate(parts.slice(0, 3)), ...parts.slice(3)]);
}

/** A builtin call, lowered by its function's module (compiler/functions/). */
function lowerCall(ctx: LowerContext, call: Call, phase: Phase): Code {
  const seen = ctx.bodyStreams.size(ctx.checked, call, phase);
  if (seen !== undefined) return seen;
  const definition = functionDefinition(call.callee.name);
  if (definition === undefined) throw new Error(`internal: unknown function ${call.callee.name}`);
  return definition.lower(
    {
      ctx,
      phase,
      value: (expr) => lowerExpression(ctx, expr, phase),
      typeOf: (expr) => ctx.typeOf(expr),
      constant: (value) => ctx.data.text(value),
    },
    call,
  );
}

/** runtime/arithmetic.ts: each passes an absent operand on and makes `/ 0` and `% 0` absent. */
const arithmeticFunctions: Record<string, string> = { "+": "intAdd", "-": "intSub", "*": "intMul", "/": "intDiv", "%": "intRem" };
const intOperators: Record<string, string> = { "==": "intEq", "!=": "intNe", "<": "intLt", "<=": "intLe", ">": "intGt", ">=": "intGe" };
const stringOperators: Record<string, string> = { contains: "strContains", starts_with: "strStartsWith", ends_with: "strEndsWith" };

function lowerBinary(ctx: LowerContext, expr: Binary, phase: Phase): Code {
  // Where a test's value is this node's value (TestPlan.requiredBits finds rules' tests by it).
  const site = { node: expr, phase };
  const left = () => lowerExpression(ctx, expr.left, phase);
  const right = () => lowerExpression(ctx, expr.right, phase);
  // A body test of a streaming body phase is answered by the automaton that ran over the chunks (body-stream.ts).
  const streamed = ctx.bodyStreams.predicate(expr, phase);
  if (streamed !== undefined) return streamed;
  switch (expr.op) {
    case "and":
    case "or":
      return lowerChain(ctx, expr, phase);
    case "matches": {
      if (expr.right.kind !== "RegexLiteral") throw new Error("internal: matches needs a regex literal");
      const literal = expr.right;
      const pattern = literal.pattern;
      const subject = left();
      const groups = groupTestCode(ctx, literal, phase, subject);
      if (groups !== undefined) return groups;
      const prefix = literalPrefix(pattern);
      if (prefix !== undefined) {
        const test = { kind: "prefix", value: new TextEncoder().encode(prefix) } as const;
        return ctx.tests.test(subject, { kind: "string", pattern: test }, () => code`strStartsWith(${subject}, ${ctx.data.text(prefix)})`, site);
      }
      return ctx.tests.test(
        subject,
        { kind: "string", pattern: { kind: "regex", pattern } },
        () => code`strMatches(${subject}, ${ctx.data.bytes(ctx.regexTable(literal), `/${pattern}/`)})`,
        site,
      );
    }
    case "in":
      return lowerIn(ctx, expr, phase);
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return code`${arithmeticFunctions[expr.op]!}(${left()}, ${right()})`;
    case "contains any":
    case "starts_with any":
    case "ends_with any":
      return lowerAnyList(ctx, expr, phase);
    case "contains":
    case "starts_with":
    case "ends_with":
      return constantTest(ctx, expr, phase, testKinds[expr.op]!, (subject, value) => code`${stringOperators[expr.op]!}(${subject}, ${value})`);
    default: {
      const type = ctx.typeOf(expr.left);
      if (type === "int") return code`${intOperators[expr.op]!}(${left()}, ${right()})`;
      if (type === "bool" && (variableRead(ctx, expr.left) ?? variableRead(ctx, expr.right)) !== undefined) {
        // An unset bool variable compares as absent (variables.ts).
        const value = (e: Expression) => lowerExpression(ctx, e, phase);
        return code`${intOperators[expr.op]!}(${triStateBool(ctx, expr.left, value)}, ${triStateBool(ctx, expr.right, value)})`;
      }
      if (type === "bool") return code`(${left()} ${expr.op === "==" ? "==" : "!="} ${right()})`;
      const equals = constantTest(ctx, expr, phase, "equals", (subject, value) => code`strEquals(${subject}, ${value})`);
      if (expr.op === "==") return equals;
      if (expr.op === "!=") return code`!${equals}`;
      throw new Error(`internal: ${expr.op} on ${type}`);
    }
  }
}

/** From this many terms on, an `and` or `or` chain is printed as a balanced tree (see lowerChain). */
export const BALANCED_CHAIN_MIN_TERMS = 16;

/**
 * `a or b or c` parses left-nested, and asc compiles nested binary expressions recursively: a chain of a thousand
 * terms overflowed its stack. Long chains are printed as a balanced tree instead, nesting log2 of the terms deep;
 * `&&` and `||` are associative, so the terms are evaluated in the same order and short-circuit at the same term.
 */
function lowerChain(ctx: LowerContext, expr: Binary, phase: Phase): Code {
  const operator = expr.op === "and" ? "&&" : "||";
  const terms = chainTerms(expr, expr.op);
  if (terms.length < BALANCED_CHAIN_MIN_TERMS) {
    return code`(${lowerExpression(ctx, expr.left, phase)} ${operator} ${lowerExpression(ctx, expr.right, phase)})`;
  }
  return balanced(terms.map((term) => lowerExpression(ctx, term, phase)), operator);
}

/** The operands of a chain of one operator, left to right (parentheses end it: they print as they are). */
function chainTerms(expr: Expression, op: string): Expression[] {
  if (expr.kind !== "Binary" || expr.op !== op) return [expr];
  return [...chainTerms(expr.left, op), ...chainTerms(expr.right, op)];
}

function balanced(terms: readonly Code[], operator: string): Code {
  if (terms.length === 1) return terms[0]!;
  const middle = terms.length >> 1;
  return code`(${balanced(terms.slice(0, middle), operator)} ${operator} ${balanced(terms.slice(middle), operator)})`;
}

const testKinds: Record<string, "prefix" | "suffix" | "contains"> = { starts_with: "prefix", ends_with: "suffix", contains: "contains" };

/** A string test; against a literal it may be answered by the value's test set (test-sets.ts). */
function constantTest(
  ctx: LowerContext,
  expr: Binary,
  phase: Phase,
  kind: "equals" | "prefix" | "suffix" | "contains",
  single: (subject: Code, value: Code) => Code,
): Code {
  const subject = lowerExpression(ctx, expr.left, phase);
  const right = expr.right.kind === "Paren" ? expr.right.expression : expr.right;
  if (right.kind !== "StringLiteral") return single(subject, lowerExpression(ctx, expr.right, phase));
  const value = right.value;
  const pattern = { kind, value: new TextEncoder().encode(value) };
  // `!=` negates this test: its node's value is not the test's.
  const site = expr.op === "!=" ? undefined : { node: expr, phase };
  return ctx.tests.test(subject, { kind: "string", pattern }, () => single(subject, ctx.data.text(value)), site);
}

function lowerIn(ctx: LowerContext, expr: Binary, phase: Phase): Code {
  const subject = lowerExpression(ctx, expr.left, phase);
  const addresses = isAddressValue(expr.left, ctx.checked.references);
  const list = expr.right.kind === "Paren" ? expr.right.expression : expr.right;
  if (list.kind === "ListLiteral") {
    const items = list.items.map((item) => (item.kind === "StringLiteral" ? item.value : ""));
    if (addresses) {
      const ranges = items.map((item) => {
        const range = parseIpOrCidr(item);
        if (range === undefined) throw new Error(`internal: ${item} passed the checker but is not an address`);
        return range;
      });
      const site = { node: expr, phase };
      return ctx.tests.test(subject, { kind: "address", list: ranges }, () => code`ipInList(${subject}, ${ctx.data.bytes(packAddressTable(ranges), items.join(" "))})`, site);
    }
    return code`listContains(${ctx.data.bytes(packList(items), items.join(" "))}, ${subject})`;
  }
  if (list.kind === "Reference") {
    const resolution = ctx.resolve(list);
    if (resolution.kind !== "param") throw new Error("internal: `in` needs a list or a list param");
    const global = ctx.paramGlobal(resolution.param);
    (addresses ? ctx.addressParams : ctx.listParams).add(resolution.param.name);
    return addresses ? code`ipInList(${subject}, ${global}_addresses)` : code`listContains(${global}, ${subject})`;
  }
  throw new Error("internal: `in` needs a list");
}
