import { expect } from "vitest";
import { parse, type Program } from "../../grammar/index.js";
import { formatSource } from "../../compiler/format.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";

/** Parses text that must be free of syntax errors; the rendered diagnostics make a failure readable. */
export function parseValid(text: string, name = "rules.fw"): Program {
  const source = new Source(name, text);
  const { program, diagnostics } = parse(source);
  expect(renderDiagnostics(source, diagnostics), text).toBe("");
  return program;
}

/** Formats text that must be valid. */
export function fmt(text: string): string {
  const result = formatSource(new Source("rules.fw", text));
  expect(result.text, `not formatted:\n${text}`).toBeDefined();
  return result.text!;
}

/**
 * What a program means for these tests: the AST without spans and without the spelling of strings (`raw`), and
 * the comments' text in order. Written apart from the library's own check so a bug there cannot hide here.
 */
export function meaning(program: Program): unknown {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).filter(([key]) => key !== "span" && key !== "opSpan" && key !== "targetSpan" && key !== "raw").map(([key, value]) => [key, strip(value)]));
  };
  return { statements: strip(program.statements), comments: program.comments.map((c) => c.text.trimEnd()) };
}
