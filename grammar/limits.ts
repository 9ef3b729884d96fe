import type { IToken, TokenType } from "chevrotain";
import { isArithmetic, type Action, type Expression, type ParamDecl, type Rule, type Scope, type Statement } from "./ast.js";
import { error, type Diagnostic } from "./diagnostic.js";
import * as t from "./tokens.js";
import { children, ruleBranches } from "./walk.js";

/**
 * The limits a rule file must stay within (docs/language.md, "Limits"). The parser, the AST builder and every
 * walker over the AST (checker, lint, formatter, lowering) recurse once per level of nesting; these limits bound
 * that recursion far below Node's stack, so a hostile or generated file gets a located diagnostic, never a stack
 * overflow.
 */

/**
 * Levels of brackets (`(`, `[`, calls), `not` and `${...}`, counted together. Hand-written conditions rarely pass
 * 5; 64 leaves generated files room while each level costs the parser a few dozen stack frames at most.
 */
export const MAX_NESTING = 64;

/**
 * Binary operators (`and`, `or`, comparisons, `+ - * / %`) in one expression. `a or b or c` is a left-nested tree, so every
 * operator is one more level for each recursive walker: 1,000 keeps the deepest tree a fraction of the stack,
 * and is 500 or-ed comparisons, past the point where a list and `in` is the better way to write it.
 */
export const MAX_OPERATORS = 1000;

/**
 * Arithmetic operators nested in one another (`a - b - c` is two deep). The generated code nests one call per
 * operator, and the AssemblyScript compiler recurses over it: 200 levels cost it half a minute and 1,000 crashed
 * it. Written arithmetic is a few operators deep; 64 matches MAX_NESTING.
 */
export const MAX_ARITHMETIC_DEPTH = 64;

/**
 * Characters in one rule file (16 MiB). Large generated files (thousands of rules) stay far below it; a file past
 * it is refused before lexing rather than taking minutes and gigabytes to diagnose.
 */
export const MAX_FILE_CHARS = 16 * 1024 * 1024;

/**
 * UTF-8 bytes in a param or rule name. The plugin configuration's key table (runtime/config.ts) stores each name's
 * length in 14 bits; no written name comes near it.
 */
export const MAX_NAME_BYTES = (1 << 14) - 1;

/**
 * `for` blocks inside one another. Each level is a few parser and checker frames; written files nest two or three,
 * and 32 stays far from the stack (5,000 levels overflowed it).
 */
export const MAX_SCOPE_NESTING = 32;

/** E0133 at the first `{` of a `for` block nested more than MAX_SCOPE_NESTING deep, found before parsing. */
export function scopesTooDeep(tokens: readonly IToken[]): Diagnostic | undefined {
  const opened: boolean[] = [];
  let depth = 0;
  let afterFor = false;
  for (const token of tokens) {
    if (token.tokenType === t.For) afterFor = true;
    else if (token.tokenType === t.LCurly) {
      opened.push(afterFor);
      if (afterFor && ++depth > MAX_SCOPE_NESTING) {
        return error(
          "E0133",
          { start: token.startOffset, end: token.startOffset + 1 },
          `\`for\` blocks nested too deeply: more than ${MAX_SCOPE_NESTING} inside one another`,
          "join the tests of nested blocks in the rules' `when`, or split the file's scopes",
        );
      }
      afterFor = false;
    } else if (token.tokenType === t.RCurly) {
      if (opened.pop() === true) depth--;
    }
  }
  return undefined;
}

export interface NestingScan {
  /** Set when the tokens nest deeper than MAX_NESTING: the first token past the limit. */
  readonly tooDeep?: Diagnostic;
  /** The nesting level each string token sits at: its `${...}` parts start one deeper. */
  readonly stringLevels: Map<IToken, number>;
}

/** Tokens after which a statement is over, whatever brackets were left open (recovery closes them). */
const OUTSIDE_EXPRESSIONS: ReadonlySet<TokenType> = new Set([
  ...t.STATEMENT_KEYWORDS,
  ...t.ACTION_KEYWORDS,
  t.When,
  t.Else,
  t.Equals,
  t.LCurly,
  t.RCurly,
  t.Semicolon,
  t.With,
  t.To,
]);

/**
 * Measures how deep `tokens` nest, starting at `level` (the level of the string whose `${...}` they come from).
 * Every `(` or `[` is one level, and so is every `not` before it: `not` applies to the next comparison, so a run
 * of them stays open until `and`, `or`, `,` or a closing bracket ends that comparison.
 */
export function scanNesting(tokens: readonly IToken[], level: number, base: number): NestingScan {
  const stringLevels = new Map<IToken, number>();
  const open: number[] = [];
  let bracketLevels = 0;
  let nots = 0;
  let previous: IToken | undefined;
  for (const token of tokens) {
    const type = token.tokenType;
    const afterDot = previous?.tokenType === t.Dot;
    previous = token;
    if (type === t.Not) nots++;
    else if (type === t.LParen || type === t.LBracket) {
      open.push(nots + 1);
      bracketLevels += nots + 1;
      nots = 0;
    } else if (type === t.RParen || type === t.RBracket) {
      bracketLevels -= open.pop() ?? 0;
      nots = 0;
    } else if (type === t.And || type === t.Or || type === t.Comma) nots = 0;
    else if (type === t.StringLiteral) stringLevels.set(token, level + bracketLevels + nots);
    else if (OUTSIDE_EXPRESSIONS.has(type) && !afterDot) {
      open.length = 0;
      bracketLevels = 0;
      nots = 0;
    }
    if (level + bracketLevels + nots > MAX_NESTING) return { tooDeep: tooDeep(token, base), stringLevels };
  }
  return { stringLevels };
}

function tooDeep(token: IToken, base: number): Diagnostic {
  const start = base + token.startOffset;
  return error(
    "E0120",
    { start, end: start + token.image.length },
    `expression nested too deeply: more than ${MAX_NESTING} levels of brackets, \`not\` and \`\${...}\``,
    "name inner parts with `param`, or split the condition across several rules",
  );
}

/**
 * Reports each statement holding an expression with more than MAX_OPERATORS operators and returns the
 * statements without them, so no walker after the parser ever sees such a tree. Iterative: the trees it measures
 * may be as deep as their operator count.
 */
export function withinOperatorLimit(statements: readonly Statement[], diagnostics: Diagnostic[]): Statement[] {
  return statements.flatMap((statement): Statement[] => {
    // A scope keeps its place; the rules inside it are measured one by one.
    if (statement.kind === "Scope") return [{ ...statement, statements: withinOperatorLimit(statement.statements, diagnostics) as (Rule | Scope)[] }];
    const problem = statementExpressions(statement)
      .map((e) => tooManyOperators(e) ?? arithmeticTooDeep(e))
      .find((d) => d !== undefined);
    if (problem !== undefined) diagnostics.push(problem);
    return problem === undefined ? [statement] : [];
  });
}

/** The diagnostic for an expression with more than MAX_OPERATORS operators, if it has that many. */
export function tooManyOperators(expression: Expression): Diagnostic | undefined {
  const operators = countOperators(expression);
  if (operators <= MAX_OPERATORS) return undefined;
  return error(
    "E0121",
    expression.span,
    `too many operators in one expression: ${operators.toLocaleString("en-US")} (\`and\`, \`or\`, comparisons and arithmetic count; the limit is ${MAX_OPERATORS.toLocaleString("en-US")})`,
    'compare against a list with `in` (`request.path in ["/a", "/b"]`), or split the condition across several rules',
  );
}

/**
 * The diagnostic for arithmetic nested more than MAX_ARITHMETIC_DEPTH operators deep, if it is. Called on trees
 * within MAX_OPERATORS only, so recursing is safe.
 */
export function arithmeticTooDeep(expression: Expression): Diagnostic | undefined {
  let deepest: Expression | undefined;
  const depth = (e: Expression): number => {
    let inner = 0;
    for (const child of children(e)) inner = Math.max(inner, depth(child));
    const here = inner + (e.kind === "Binary" && isArithmetic(e.op) ? 1 : 0);
    if (here > MAX_ARITHMETIC_DEPTH && deepest === undefined) deepest = e;
    return here;
  };
  depth(expression);
  if (deepest === undefined) return undefined;
  return error(
    "E0124",
    deepest.span,
    `arithmetic nested too deeply: more than ${MAX_ARITHMETIC_DEPTH} operators of \`+ - * / %\` inside one another`,
    "compute the value in several steps, or from fewer terms",
  );
}

function statementExpressions(statement: Rule | ParamDecl): Expression[] {
  if (statement.kind === "ParamDecl") return [statement.value];
  return ruleBranches(statement).flatMap((branch) => [...(branch.condition === undefined ? [] : [branch.condition]), ...branch.actions.flatMap(nodesIn)]);
}

/**
 * Every AST node an action holds (its values, and names and levels too, which have no operators), found by shape
 * rather than by a list of actions: grammar/ cannot see the action registry, and a new action is covered as is.
 */
function nodesIn(action: Action): Expression[] {
  const found: Expression[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      if ("kind" in value && value !== action) found.push(value as Expression);
      else for (const [key, inner] of Object.entries(value)) if (key !== "span") visit(inner);
    }
  };
  for (const [key, value] of Object.entries(action)) if (key !== "span") visit(value);
  return found;
}

function countOperators(root: Expression): number {
  let operators = 0;
  const pending: Expression[] = [root];
  for (let expression = pending.pop(); expression !== undefined; expression = pending.pop()) {
    if (expression.kind === "Binary") operators++;
    for (const child of children(expression)) pending.push(child);
  }
  return operators;
}

/** Reports each param and rule name longer than MAX_NAME_BYTES in UTF-8. */
export function namesWithinLimit(statements: readonly Statement[], diagnostics: Diagnostic[]): void {
  for (const statement of statements) {
    if (statement.kind === "Scope") {
      namesWithinLimit(statement.statements, diagnostics);
      continue;
    }
    const name = statement.name;
    if (name === undefined) continue;
    const text = name.kind === "Identifier" ? name.name : name.value;
    const bytes = utf8Length(text);
    if (bytes <= MAX_NAME_BYTES) continue;
    diagnostics.push(
      error(
        "E0123",
        name.span,
        `${statement.kind === "ParamDecl" ? "param" : "rule"} name too long: ${bytes.toLocaleString("en-US")} bytes of UTF-8 (the limit is ${MAX_NAME_BYTES.toLocaleString("en-US")})`,
        "choose a shorter name",
      ),
    );
  }
}

/** Bytes as the configuration key table encodes the name (compiler/lower/program.ts), lone surrogates as U+FFFD. */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A file longer than MAX_FILE_CHARS, refused before lexing. */
export function fileTooLarge(length: number): Diagnostic {
  return error(
    "E0122",
    { start: 0, end: 0 },
    `the rule file is too large: ${length.toLocaleString("en-US")} characters (the limit is ${MAX_FILE_CHARS.toLocaleString("en-US")})`,
    "split the rules across several filters",
  );
}
