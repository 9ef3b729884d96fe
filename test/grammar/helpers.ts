import { expect } from "vitest";
import type { IToken } from "chevrotain";
import { astBuilder } from "../../grammar/build-ast.js";
import type { ProgramCstNode } from "../../grammar/cst.js";
import { lex } from "../../grammar/lexer.js";
import { scanNesting } from "../../grammar/limits.js";
import { parseTokens } from "../../grammar/parser.js";
import { parse, parseExpression, type Expression, type Program } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { renderDiagnostics } from "../../compiler/render.js";

/** Parses text that must be valid and returns its program. */
export function parseOk(text: string): Program {
  const { program, diagnostics } = parse(new Source("rules.fw", text));
  expect(diagnostics).toEqual([]);
  return program;
}

/** Parses a lone expression that must be valid. */
export function expressionOk(text: string): Expression {
  const { expression, diagnostics } = parseExpression(new Source("expr", text));
  expect(diagnostics).toEqual([]);
  expect(expression).toBeDefined();
  return expression!;
}

/** Diagnostics as `code line:column message`, the form most error tests compare. */
export function errorsOf(text: string): string[] {
  const source = new Source("rules.fw", text);
  return parse(source).diagnostics.map((d) => {
    const { line, column } = source.position(d.span.start);
    return `${d.code} ${line}:${column} ${d.message}`;
  });
}

/** The rendered diagnostics of a file, as `filterc lint` prints them without color. */
export function rendered(text: string): string {
  const source = new Source("rules.fw", text);
  return renderDiagnostics(source, parse(source).diagnostics);
}

/** Drops spans so that tests can compare tree shapes; span tests look at spans separately. */
export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== "span" && key !== "opSpan") out[key] = shape(value);
  }
  return out;
}

/** The source text a span covers. */
export function textAt(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** A reference node without spans, for building expected shapes: ref("request.path"), ref("request.header", str("x")). */
export function ref(path: string, key?: unknown): unknown {
  const segments = path.split(".").map((name) => ({ kind: "Identifier", name }));
  return key === undefined ? { kind: "Reference", segments } : { kind: "Reference", segments, key };
}

export function str(value: string, raw = value): unknown {
  return { kind: "StringLiteral", value, raw };
}

export function int(value: number): unknown {
  return { kind: "IntLiteral", value };
}

export function bin(op: string, left: unknown, right: unknown): unknown {
  return { kind: "Binary", op, left, right };
}

/** The statements of one parse of the whole file, without statement runs or shapes: what a large file's parse must equal. */
export function parsedWhole(text: string) {
  const lexed = lex(text);
  const parsed = parseTokens(lexed.tokens as IToken[], "program");
  expect(parsed.errors).toEqual([]);
  return astBuilder.buildProgram(parsed.cst as ProgramCstNode, [], scanNesting(lexed.tokens, 0, 0).stringLevels);
}
