import type { Program } from "./ast.js";

/**
 * What formatting must preserve, and a way to say where two programs differ. Formatting may move code between
 * lines, respell strings and drop optional separators, so spans and the `raw` spelling of strings are left out;
 * everything else, including Paren nodes and whether a rule had braces, must be equal. Comments must keep their
 * text (less trailing white space) and order.
 */

/** The program as plain data without positions or spellings. */
export function meaningOf(program: Program): unknown {
  return { statements: strip(program.statements), comments: program.comments.map((c) => c.text.trimEnd()), imports: strip(program.imports ?? []) };
}

/** Undefined when equal, else the path of the first difference, e.g. `statements.2.condition.right.value`. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Object.is(a, b)) return undefined;
  const here = path === "" ? "(root)" : path;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return here;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

const PRESENTATION_KEYS: ReadonlySet<string> = new Set(["span", "opSpan", "targetSpan", "raw"]);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (!PRESENTATION_KEYS.has(key)) out[key] = strip(value);
  return out;
}
