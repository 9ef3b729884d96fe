import type { ByteSet } from "./byteset.js";
import { RegexCode } from "./codes.js";
import type { RegexError } from "./error.js";
import { buildOnePass } from "./one-pass.js";
import { parseRegex } from "./parse.js";
import type { RegexNode, TopAlternative } from "./syntax.js";

/**
 * Match groups (`match[N]` after `matches`): where the groups of a pattern matched, found by a second pass over a
 * subject the DFA (index.ts) already matched. The DFA answers only yes or no; the groups need the path the match
 * took, so this compiles the pattern to a Thompson NFA with save instructions and runs it as a Pike VM: all
 * threads advance together one byte at a time, at most one thread per instruction, so the pass is
 * O(subject length x instructions) with no backtracking, and its memory is fixed when the filter is built (the
 * scratch area below, static, reused by every request).
 *
 * Semantics (docs/language.md, "Match groups"): the leftmost match, and among those starting there the longest
 * (what the DFA's search finds); among the paths through the pattern that give that match, the first in
 * priority order: alternatives left to right, repetitions greedy. A group inside a repetition holds what the
 * last iteration matched, and is absent if the last iteration did not go through it; a group that took no part in
 * the match is absent. (These are ECMAScript's rules for a given match, which the reference interpreter uses.)
 *
 * The program (all numbers little-endian u16):
 *
 *   offset  field
 *   0       instruction count N
 *   2       slot count S = 2 x (groups + 1): slots 2g and 2g + 1 are where group g starts and ends (group 0 is the
 *           whole match)
 *   4       entry at offset 0 of the subject: every top-level alternative (0xFFFF = none)
 *   6       entry at later offsets: the alternatives not anchored with `^` (0xFFFF = none)
 *   8       offset of the byte sets from the program's start
 *   10      N instructions of 8 bytes: op, a, b, 0
 *             SPLIT a b      continue at a, and at b with lower priority
 *             CONSUME a b    read one byte in byte set b (32 bytes, bit i of byte i >> 3), continue at a
 *             SAVE a b       slot b = the current offset, continue at a
 *             MATCH          the pattern matched here
 *             MATCH_AT_END   the pattern matched if the subject ends here (`$`)
 *             CLEAR a b      group b is absent again (slots 2b and 2b + 1 = -1), continue at a: each iteration of a
 *                            repetition starts so, so a group holds what the last iteration matched, or nothing
 *   ...     the byte sets, 32 bytes each
 *
 * runtime/match-groups.ts runs the program; `runGroupProgram` below is the same algorithm in TypeScript for
 * tests.
 */
export const GROUP_OP = { split: 0, consume: 1, save: 2, match: 3, matchAtEnd: 4, clear: 5 } as const;

export const GROUP_PROGRAM_HEADER = 10;
const INSTRUCTION_SIZE = 8;
const NONE = 0xffff;

/**
 * The scratch area the runtime needs is 3 lists of N threads of (1 + S) i32s; this bounds it (24 KiB), and so the
 * work per subject byte. A pattern past it is E0318.
 */
export const MAX_GROUP_CELLS = 2048;

export type GroupProgramResult =
  | {
      readonly ok: true;
      /** The Pike VM program (below); `onePass` its fast form (one-pass.ts) when the pattern allows one. */
      readonly program: Uint8Array;
      readonly onePass: Uint8Array | undefined;
      readonly groups: number;
    }
  | { readonly ok: false; readonly errors: readonly RegexError[] };

interface Instruction {
  op: number;
  a: number;
  b: number;
}

/** Compiles `pattern` (already accepted by compileRegex) to a match-group program. */
export function compileGroupProgram(pattern: string): GroupProgramResult {
  const parsed = parseRegex(pattern, { groups: true });
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const builder = new GroupProgramBuilder();
  const program = builder.build(parsed.regex.alternatives);
  const slots = 2 * (builder.groups + 1);
  const instructions = builder.instructions.length;
  if (instructions * (1 + slots) > MAX_GROUP_CELLS || instructions >= NONE) {
    return {
      ok: false,
      errors: [
        {
          code: RegexCode.groupsTooLarge,
          message: `this pattern is too large to take \`match[N]\` groups from (${instructions} instructions x ${slots} group offsets; at most ${MAX_GROUP_CELLS} cells)`,
          offset: 0,
          length: pattern.length,
          hint: "use fewer groups (write `(?:...)` for groups you do not read) or a shorter pattern, e.g. `{1,3}` instead of `{1,30}`",
        },
      ],
    };
  }
  return { ok: true, program, onePass: buildOnePass(program), groups: builder.groups };
}

/**
 * The bytes of scratch memory runtime/match-groups.ts needs for `program` (the layout is documented there); a
 * one-pass program needs only the header and the two slot arrays.
 */
export function groupScratchBytes(program: Uint8Array, onePass: boolean): number {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const n = view.getUint16(0, true);
  const s = view.getUint16(2, true);
  // subject (8), matched flag (4), pad (4), best slots, work slots, mark per instruction, 3 lists of N threads
  return onePass ? 16 + 8 * s : 16 + 4 * (2 * s + n + 3 * n * (1 + s));
}

/** The numbers of the groups inside `node`. */
function groupsIn(node: RegexNode): number[] {
  switch (node.kind) {
    case "group":
      return [node.index, ...groupsIn(node.item)];
    case "concat":
    case "alt":
      return node.items.flatMap(groupsIn);
    case "repeat":
      return groupsIn(node.item);
    default:
      return [];
  }
}

class GroupProgramBuilder {
  readonly instructions: Instruction[] = [];
  private readonly sets: ByteSet[] = [];
  groups = 0;

  build(alternatives: readonly TopAlternative[]): Uint8Array {
    const match = this.add(GROUP_OP.match, 0, 0);
    const matchAtEnd = this.add(GROUP_OP.matchAtEnd, 0, 0);
    const entries = alternatives.map((alternative) => {
      // SAVE 0, body, SAVE 1, then the match instruction the alternative's `$` asks for.
      const end = this.add(GROUP_OP.save, alternative.anchoredEnd ? matchAtEnd : match, 1);
      return { anchored: alternative.anchoredStart, pc: this.add(GROUP_OP.save, this.node(alternative.body, end), 0) };
    });
    const first = this.choice(entries.map((e) => e.pc));
    const later = this.choice(entries.filter((e) => !e.anchored).map((e) => e.pc));
    return this.encode(first, later);
  }

  private add(op: number, a: number, b: number): number {
    this.instructions.push({ op, a, b });
    return this.instructions.length - 1;
  }

  /** A chain of splits trying `targets` in order; NONE for none. */
  private choice(targets: readonly number[]): number {
    if (targets.length === 0) return NONE;
    let pc = targets[targets.length - 1]!;
    for (let i = targets.length - 2; i >= 0; i--) pc = this.add(GROUP_OP.split, targets[i]!, pc);
    return pc;
  }

  private setIndex(set: ByteSet): number {
    let index = this.sets.indexOf(set);
    if (index < 0) index = this.sets.push(set) - 1;
    return index;
  }

  /** Builds `node` backwards, as nfa.ts does: the instruction that matches `node` and then continues at `next`. */
  private node(node: RegexNode, next: number): number {
    switch (node.kind) {
      case "empty":
        return next;
      case "set":
        return this.add(GROUP_OP.consume, next, this.setIndex(node.set));
      case "concat": {
        let pc = next;
        for (let i = node.items.length - 1; i >= 0; i--) pc = this.node(node.items[i]!, pc);
        return pc;
      }
      case "alt":
        return this.choice(node.items.map((item) => this.node(item, next)));
      case "group": {
        this.groups = Math.max(this.groups, node.index);
        const close = this.add(GROUP_OP.save, next, 2 * node.index + 1);
        return this.add(GROUP_OP.save, this.node(node.item, close), 2 * node.index);
      }
      case "repeat":
        return this.repeat(node.item, node.min, node.max, next);
    }
  }

  /**
   * `x{min,max}` as nfa.ts expands it: `min` copies, then `x*` or nested optionals, greedy (the item first). Each
   * copy starts by clearing the groups inside it, so a group keeps only the last iteration's part.
   */
  private repeat(item: RegexNode, min: number, max: number, next: number): number {
    const inside = groupsIn(item);
    const iteration = (then: number) => inside.reduceRight((pc, group) => this.add(GROUP_OP.clear, pc, group), this.node(item, then));
    let pc = next;
    if (max === Infinity) {
      const loop = this.add(GROUP_OP.split, 0, next);
      this.instructions[loop]!.a = iteration(loop);
      pc = loop;
    } else {
      for (let i = min; i < max; i++) {
        const split = this.add(GROUP_OP.split, 0, next);
        this.instructions[split]!.a = iteration(pc);
        pc = split;
      }
    }
    for (let i = 0; i < min; i++) pc = iteration(pc);
    return pc;
  }

  private encode(first: number, later: number): Uint8Array {
    const n = this.instructions.length;
    const setsOffset = GROUP_PROGRAM_HEADER + n * INSTRUCTION_SIZE;
    const bytes = new Uint8Array(setsOffset + 32 * this.sets.length);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, n, true);
    view.setUint16(2, 2 * (this.groups + 1), true);
    view.setUint16(4, first, true);
    view.setUint16(6, later, true);
    view.setUint16(8, setsOffset, true);
    this.instructions.forEach((instruction, pc) => {
      const at = GROUP_PROGRAM_HEADER + pc * INSTRUCTION_SIZE;
      view.setUint16(at, instruction.op, true);
      view.setUint16(at + 2, instruction.a, true);
      view.setUint16(at + 4, instruction.b, true);
    });
    this.sets.forEach((set, i) => {
      for (let b = 0; b < 256; b++) if (set.has(b)) bytes[setsOffset + 32 * i + (b >> 3)]! |= 1 << (b & 7);
    });
    return bytes;
  }
}

/**
 * The reference runner: exactly the algorithm of runtime/match-groups.ts. Returns the slots (start, end per
 * group, -1 when the group took no part) of the leftmost-longest match, or undefined when there is none.
 */
export function runGroupProgram(program: Uint8Array, input: Uint8Array): Int32Array | undefined {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const n = view.getUint16(0, true);
  const s = view.getUint16(2, true);
  const first = view.getUint16(4, true);
  const later = view.getUint16(6, true);
  const setsOffset = view.getUint16(8, true);
  const op = (pc: number) => view.getUint16(GROUP_PROGRAM_HEADER + pc * INSTRUCTION_SIZE, true);
  const argA = (pc: number) => view.getUint16(GROUP_PROGRAM_HEADER + pc * INSTRUCTION_SIZE + 2, true);
  const argB = (pc: number) => view.getUint16(GROUP_PROGRAM_HEADER + pc * INSTRUCTION_SIZE + 4, true);

  const mark = new Int32Array(n).fill(-1);
  let current: { pc: number; slots: Int32Array }[] = [];
  let next: { pc: number; slots: Int32Array }[] = [];
  let best: Int32Array | undefined;

  // Adds the thread at `pc` and everything it reaches without reading a byte, in priority order.
  const addThread = (list: typeof current, pc0: number, slots0: Int32Array, pos: number, generation: number) => {
    const stack: { pc: number; slots: Int32Array }[] = [{ pc: pc0, slots: slots0.slice() }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      let pc = frame.pc;
      const slots = frame.slots;
      for (;;) {
        if (mark[pc] === generation) break;
        mark[pc] = generation;
        const kind = op(pc);
        if (kind === GROUP_OP.split) {
          stack.push({ pc: argB(pc), slots: slots.slice() });
          pc = argA(pc);
        } else if (kind === GROUP_OP.save) {
          slots[argB(pc)] = pos;
          pc = argA(pc);
        } else if (kind === GROUP_OP.clear) {
          slots[2 * argB(pc)] = -1;
          slots[2 * argB(pc) + 1] = -1;
          pc = argA(pc);
        } else if (kind === GROUP_OP.consume) {
          list.push({ pc, slots: slots.slice() });
          break;
        } else {
          if (kind === GROUP_OP.match || pos === input.length) {
            if (best === undefined || slots[0]! < best[0]! || (slots[0] === best[0] && pos > best[1]!)) best = slots.slice();
          }
          break;
        }
      }
    }
  };

  const fresh = new Int32Array(s).fill(-1);
  if (first !== NONE) addThread(current, first, fresh, 0, 0);
  for (let pos = 0; pos < input.length; pos++) {
    if (current.length === 0 && (best !== undefined || later === NONE)) break;
    const byte = input[pos]!;
    const generation = pos + 1;
    next = [];
    for (const thread of current) {
      // A thread that started right of the best match can only find a later one.
      if (best !== undefined && thread.slots[0]! > best[0]!) continue;
      const set = setsOffset + 32 * argB(thread.pc);
      if (((program[set + (byte >> 3)]! >> (byte & 7)) & 1) !== 0) addThread(next, argA(thread.pc), thread.slots, pos + 1, generation);
    }
    if (best === undefined && later !== NONE) addThread(next, later, fresh, pos + 1, generation);
    current = next;
  }
  return best;
}
