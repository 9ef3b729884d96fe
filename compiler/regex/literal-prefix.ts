import { parseRegex } from "./parse.js";
import type { RegexNode } from "./syntax.js";

/**
 * The ASCII text a pattern like `^/v1/` stands for, when matching it is the same as `starts_with` that text: one
 * alternative, anchored at the start only, every item a single byte. Otherwise undefined. Lowering then emits a
 * prefix test instead of a DFA table and the matcher.
 */
export function literalPrefix(pattern: string): string | undefined {
  const parsed = parseRegex(pattern);
  if (!parsed.ok || parsed.regex.alternatives.length !== 1) return undefined;
  const only = parsed.regex.alternatives[0]!;
  if (!only.anchoredStart || only.anchoredEnd) return undefined;
  const items: readonly RegexNode[] = only.body.kind === "concat" ? only.body.items : [only.body];
  let text = "";
  for (const item of items) {
    const byte = item.kind === "set" ? singleByte(item.set) : undefined;
    if (byte === undefined || byte >= 0x80) return undefined;
    text += String.fromCharCode(byte);
  }
  return text === "" ? undefined : text;
}

/** The one byte of a set that holds exactly one, else undefined. */
export function singleByte(set: { has(b: number): boolean }): number | undefined {
  let found: number | undefined;
  for (let b = 0; b < 256; b++) {
    if (!set.has(b)) continue;
    if (found !== undefined) return undefined;
    found = b;
  }
  return found;
}
