/**
 * `replace "TEXT" with EXPR` and `replace matches "REGEX" with EXPR` (docs/language.md, "Replacing in a body"),
 * written from the language reference over byte strings (model.ts): every non-overlapping match left to right,
 * each the longest one at the leftmost position where one starts (found by brute force with the reference's own
 * pattern translation, regex.ts: `^` only at the body's start, `$` only at its end); an empty match inserts the
 * replacement and moves on one byte, and an empty match at the end counts.
 */
import type { Replace } from "../../grammar/ast.js";
import { toBytes } from "./model.js";
import { exactRegExp } from "./regex.js";

/** The body after the action, given its replacement as bytes. */
export function replaceInBody(body: string, action: Replace, to: string): string {
  const find = action.target.kind === "RegexLiteral" ? patternFinder(action.target.pattern) : literalFinder(toBytes(action.target.value));
  let out = "";
  let pos = 0;
  while (pos <= body.length) {
    const match = find(body, pos);
    if (match === undefined) break;
    const [start, end] = match;
    out += body.slice(pos, start) + to;
    if (end === start) {
      out += body.slice(start, start + 1);
      pos = start + 1;
    } else pos = end;
  }
  return pos < body.length ? out + body.slice(pos) : out;
}

type Finder = (body: string, from: number) => readonly [number, number] | undefined;

function literalFinder(text: string): Finder {
  return (body, from) => {
    const at = body.indexOf(text, from);
    return at < 0 ? undefined : [at, at + text.length];
  };
}

function patternFinder(pattern: string): Finder {
  return (body, from) => {
    for (let start = from; start <= body.length; start++) {
      for (let end = body.length; end >= start; end--) {
        if (exactRegExp(pattern, start === 0, end === body.length).test(body.slice(start, end))) return [start, end];
      }
    }
    return undefined;
  };
}
