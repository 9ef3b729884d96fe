import type { ByteSet } from "./byteset.js";

/**
 * The parsed form of a pattern: already desugared to bytes. Classes, `.`, escapes and (case-folded) literals are
 * all `set` nodes; a non-ASCII literal is a `concat` of its UTF-8 bytes; groups leave no node of their own.
 * `size` estimates the number of NFA states the node expands to, so oversized repetitions are rejected before any
 * automaton is built.
 */
export type RegexNode = EmptyNode | SetNode | ConcatNode | AltNode | RepeatNode | GroupNode;

export interface EmptyNode {
  readonly kind: "empty";
  readonly size: number;
}

export interface SetNode {
  readonly kind: "set";
  readonly set: ByteSet;
  readonly size: number;
}

export interface ConcatNode {
  readonly kind: "concat";
  readonly items: readonly RegexNode[];
  readonly size: number;
}

export interface AltNode {
  readonly kind: "alt";
  readonly items: readonly RegexNode[];
  readonly size: number;
}

/** `max` is Infinity for `*`, `+` and `{n,}`. */
export interface RepeatNode {
  readonly kind: "repeat";
  readonly item: RegexNode;
  readonly min: number;
  readonly max: number;
  readonly size: number;
}

/**
 * A capturing group, numbered from 1 by its `(` left to right. Only the match-group compiler (group-program.ts)
 * asks the parser for these; for the DFA a group is its item, and the parser leaves no node for it.
 */
export interface GroupNode {
  readonly kind: "group";
  readonly index: number;
  readonly item: RegexNode;
  readonly size: number;
}

/** One alternative of the whole pattern, with its anchors: `^` and `$` exist only at this level. */
export interface TopAlternative {
  readonly anchoredStart: boolean;
  readonly anchoredEnd: boolean;
  readonly body: RegexNode;
}

export interface ParsedRegex {
  readonly alternatives: readonly TopAlternative[];
}

export const EMPTY: EmptyNode = { kind: "empty", size: 0 };

export function setNode(set: ByteSet): SetNode {
  return { kind: "set", set, size: 1 };
}

export function concatNode(items: readonly RegexNode[]): RegexNode {
  const kept = items.filter((item) => item.kind !== "empty");
  if (kept.length === 0) return EMPTY;
  if (kept.length === 1) return kept[0]!;
  return { kind: "concat", items: kept, size: kept.reduce((sum, item) => sum + item.size, 0) };
}

export function altNode(items: readonly RegexNode[]): RegexNode {
  if (items.length === 1) return items[0]!;
  return { kind: "alt", items, size: items.reduce((sum, item) => sum + item.size, 1) };
}

export function groupNode(index: number, item: RegexNode): GroupNode {
  // Two save instructions around the item.
  return { kind: "group", index, item, size: item.size + 2 };
}

export function repeatNode(item: RegexNode, min: number, max: number): RegexNode {
  if (max === 0 || item.kind === "empty") return EMPTY;
  if (min === 1 && max === 1) return item;
  // Mirrors the expansion in nfa.ts: `min` copies, then one looped copy or (max - min) optional copies.
  const optional = max === Infinity ? item.size + 1 : (max - min) * (item.size + 1);
  return { kind: "repeat", item, min, max, size: min * item.size + optional };
}
