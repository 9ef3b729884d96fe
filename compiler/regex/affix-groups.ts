import type { ByteSet } from "./byteset.js";
import { singleByte } from "./literal-prefix.js";
import { parseRegex } from "./parse.js";
import type { RegexNode } from "./syntax.js";

/**
 * The match groups of the commonest capturing patterns without a regex engine: `^LIT(CLASS*)LIT$`, `^LIT(CLASS+)$`,
 * `^LIT(CLASS*)` and the like (`^/old/(.*)$`, `^([a-z0-9-]+)[.]shop[.]example$`): one alternative anchored with
 * `^`, literal bytes, one group around a repeated class with no upper bound, then literal bytes and `$`, or nothing
 * and no `$`. Such a pattern has at most one way to match a subject, so a prefix and a suffix comparison and one
 * loop over the bytes between (each tested against the class) find it, with the same groups the group programs
 * (group-program.ts, one-pass.ts) find:
 *
 * - with `$`, the match is the whole subject, and the group is what lies between the prefix and the suffix;
 * - without `$` (and so without a suffix), the leftmost-longest match is the prefix and the longest run of class
 *   bytes after it, which is the group.
 *
 * The match holds when the prefix and suffix are there, every byte between is in the class, and there are at least
 * `min` of them. Linear in the subject, nothing allocated: runtime/match-affix.ts writes the groups where
 * matchGroup reads them.
 *
 * The program (little-endian u16 numbers, then bytes):
 *
 *   offset  field
 *   0       prefix length P
 *   2       suffix length X
 *   4       min: the fewest class bytes the group holds
 *   6       1 when the pattern ends with `$`, else 0
 *   8       the class: 32 bytes, bit i of byte i >> 3 (as in group-program.ts)
 *   40      the prefix's P bytes, then the suffix's X bytes
 */
export const AFFIX_HEADER = 40;

export interface AffixShape {
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  readonly set: ByteSet;
  readonly min: number;
  readonly anchoredEnd: boolean;
}

/** The shape of `pattern` when it is one of the above, else undefined (the pattern keeps its group program). */
export function affixShape(pattern: string): AffixShape | undefined {
  const parsed = parseRegex(pattern, { groups: true });
  if (!parsed.ok || parsed.regex.alternatives.length !== 1) return undefined;
  const only = parsed.regex.alternatives[0]!;
  if (!only.anchoredStart) return undefined;
  const items = flatten(only.body);
  const at = items.findIndex((item) => item.kind === "group");
  if (at < 0) return undefined;
  const group = items[at]!;
  if (group.kind !== "group" || group.index !== 1) return undefined;
  const repeat = group.item;
  if (repeat.kind !== "repeat" || repeat.max !== Infinity || repeat.item.kind !== "set" || repeat.min > 0xffff) return undefined;
  const prefix = literalBytes(items.slice(0, at));
  const suffix = literalBytes(items.slice(at + 1));
  if (prefix === undefined || suffix === undefined) return undefined;
  // Without `$`, a suffix would have to be found after a run that may also hold its bytes: left to the programs.
  if (!only.anchoredEnd && suffix.length > 0) return undefined;
  return { prefix, suffix, set: repeat.item.set, min: repeat.min, anchoredEnd: only.anchoredEnd };
}

/** The program of an affix pattern (the format above), or undefined when the pattern has another shape. */
export function affixProgram(pattern: string): Uint8Array | undefined {
  const shape = affixShape(pattern);
  if (shape === undefined) return undefined;
  const bytes = new Uint8Array(AFFIX_HEADER + shape.prefix.length + shape.suffix.length);
  if (bytes.length > 0xffff) return undefined;
  const view = new DataView(bytes.buffer);
  view.setUint16(0, shape.prefix.length, true);
  view.setUint16(2, shape.suffix.length, true);
  view.setUint16(4, shape.min, true);
  view.setUint16(6, shape.anchoredEnd ? 1 : 0, true);
  for (let b = 0; b < 256; b++) if (shape.set.has(b)) bytes[8 + (b >> 3)]! |= 1 << (b & 7);
  bytes.set(shape.prefix, AFFIX_HEADER);
  bytes.set(shape.suffix, AFFIX_HEADER + shape.prefix.length);
  return bytes;
}

/** The scratch bytes matchGroupsAffix uses: subject, matched flag, pad, and the slots of groups 0 and 1. */
export const AFFIX_SCRATCH_BYTES = 16 + 4 * 4;

/**
 * The reference runner of an affix program, the algorithm of runtime/match-affix.ts: the slots of groups 0 and 1
 * (start and end offsets), or undefined for no match.
 */
export function runAffix(program: Uint8Array, input: Uint8Array): Int32Array | undefined {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const p = view.getUint16(0, true);
  const x = view.getUint16(2, true);
  const min = view.getUint16(4, true);
  const anchoredEnd = view.getUint16(6, true) !== 0;
  const n = input.length;
  if (n < p + x + min) return undefined;
  for (let i = 0; i < p; i++) if (input[i] !== program[AFFIX_HEADER + i]) return undefined;
  for (let i = 0; i < x; i++) if (input[n - x + i] !== program[AFFIX_HEADER + p + i]) return undefined;
  const inClass = (byte: number) => ((program[8 + (byte >> 3)]! >> (byte & 7)) & 1) !== 0;
  let end = p;
  const limit = anchoredEnd ? n - x : n;
  while (end < limit && inClass(input[end]!)) end++;
  if (anchoredEnd && end !== limit) return undefined;
  if (end - p < min) return undefined;
  return Int32Array.of(0, anchoredEnd ? n : end, p, end);
}

/** The items of a sequence, nested sequences opened (a non-ASCII literal is a sequence of its bytes). */
function flatten(node: RegexNode): RegexNode[] {
  if (node.kind === "concat") return node.items.flatMap(flatten);
  return node.kind === "empty" ? [] : [node];
}

/** The bytes of items that are each one byte, or undefined. */
function literalBytes(items: readonly RegexNode[]): number[] | undefined {
  const bytes: number[] = [];
  for (const item of items) {
    const byte = item.kind === "set" ? singleByte(item.set) : undefined;
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return bytes;
}
