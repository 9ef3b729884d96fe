// AssemblyScript: the runtime half of `match[N]`, the groups of a rule's `matches`. Compiled by asc, not tsc.
//
// (Not to be confused with captures.ts, which copies request values for the response phase.)
//
// A rule that reads `match[N]` runs matchGroupsFind first thing in its actions, over the value its condition
// matched, or, for a one-pass pattern, tests its condition with matchGroupsOnePass instead of the DFA: a Pike VM over the program compiler/regex/group-program.ts builds (its format is documented there; the
// reference runner with the same algorithm is `runGroupProgram`). Every thread advances one byte at a time, at
// most one per instruction, so the pass is linear in the subject with no backtracking. Its memory is the static
// scratch area the generated filter reserves for its largest program, reused by every rule and request:
//
//   offset             size       field
//   0                  8          the subject (Str)
//   8                  4          1 when the subject matched
//   16                 4S         the best match's slots: start and end offset per group, -1 when absent
//   16 + 4S            4S         slots of the thread being followed (addThread)
//   16 + 8S            4N         per instruction: the generation that last reached it
//   16 + 8S + 4N       3 lists    the current and next thread lists and the stack of addThread, N threads each,
//                                 a thread being its instruction and its S slots (i32s)
//
// A group's value is a slice of the subject (matchGroup): nothing is copied, and the subject, a value the
// callback already holds, stays valid until the callback returns.
import { ABSENT, EMPTY, Str, str, strLen, strPtr } from "./str";

// @ts-ignore: decorator
@inline const OP_SPLIT: u32 = 0;
// @ts-ignore: decorator
@inline const OP_CONSUME: u32 = 1;
// @ts-ignore: decorator
@inline const OP_SAVE: u32 = 2;
// @ts-ignore: decorator
@inline const OP_MATCH: u32 = 3;
// @ts-ignore: decorator
@inline const OP_CLEAR: u32 = 5;
// @ts-ignore: decorator
@inline const NO_ENTRY: u32 = 0xffff;

/** Generations tell which instructions the current step reached; never reset, except when they wrap. */
let generation: u32 = 0;

/**
 * Finds the leftmost-longest match of `program` in `subject` and keeps its groups in `scratch` for matchGroup.
 * Returns whether there is one (always, after the rule's `matches` held).
 */
export function matchGroupsFind(subject: Str, program: usize, scratch: usize): bool {
  const n = <usize>load<u16>(program);
  const s = <usize>load<u16>(program, 2);
  const first = <u32>load<u16>(program, 4);
  const later = <u32>load<u16>(program, 6);
  const sets = program + <usize>load<u16>(program, 8);
  const code = program + 10;
  const best = scratch + 16;
  const work = best + 4 * s;
  const marks = work + 4 * s;
  const threadSize = (1 + s) << 2;
  let current = marks + 4 * n;
  let next = current + n * threadSize;
  const stack = next + n * threadSize;
  const input = strPtr(subject);
  const length = <i32>strLen(subject);

  store<u64>(scratch, subject);
  store<i32>(scratch, 0, 8);
  let count: usize = 0;
  nextStep(marks, n);
  if (first != NO_ENTRY) {
    // A fresh thread: every slot -1 (addThread sets slot 0 on its way in).
    clearSlots(work, s);
    count = addThread(code, n, s, first, 0, length, scratch, current, 0, stack);
  }
  for (let pos: i32 = 0; pos < length; pos++) {
    const matched = load<i32>(scratch, 8) != 0;
    if (count == 0 && (matched || later == NO_ENTRY)) break;
    const byte = <u32>load<u8>(input + <usize>pos);
    let nextCount: usize = 0;
    nextStep(marks, n);
    for (let t: usize = 0; t < count; t++) {
      const thread = current + t * threadSize;
      // A thread that started right of the best match can only find a later one.
      if (matched && load<i32>(thread, 4) > load<i32>(best)) continue;
      const pc = <usize>load<u32>(thread);
      const at = code + pc * 8;
      const set = sets + 32 * <usize>load<u16>(at, 4);
      if (((<u32>load<u8>(set + <usize>(byte >> 3)) >> (byte & 7)) & 1) == 0) continue;
      copySlots(work, thread + 4, s);
      nextCount = addThread(code, n, s, <u32>load<u16>(at, 2), pos + 1, length, scratch, next, nextCount, stack);
    }
    if (load<i32>(scratch, 8) == 0 && later != NO_ENTRY) {
      clearSlots(work, s);
      nextCount = addThread(code, n, s, later, pos + 1, length, scratch, next, nextCount, stack);
    }
    const swap = current;
    current = next;
    next = swap;
    count = nextCount;
  }
  return load<i32>(scratch, 8) != 0;
}

/**
 * Copies `s` slots (an even number: two per group). A few words: a loop of i64 moves is much cheaper than
 * memory.copy, which V8 runs as a call.
 */
function copySlots(to: usize, from: usize, s: usize): void {
  for (let i: usize = 0; i < s; i += 2) store<i64>(to + 4 * i, load<i64>(from + 4 * i));
}

/** Every slot -1: a fresh thread, no group seen. */
function clearSlots(to: usize, s: usize): void {
  for (let i: usize = 0; i < s; i += 2) store<i64>(to + 4 * i, -1);
}

/** Starts a step: instructions reached in an earlier one no longer count. */
function nextStep(marks: usize, n: usize): void {
  generation++;
  if (generation == 0) {
    // Wrapped: marks of 4 billion steps ago would look current.
    memory.fill(marks, 0, 4 * n);
    generation = 1;
  }
}

/**
 * Follows the thread at `pc` with the slots at `work` through splits and saves, in priority order, adding each
 * thread that waits for a byte to `list` (returning its new count) and recording matches in `scratch`.
 */
function addThread(code: usize, n: usize, s: usize, pc0: u32, pos: i32, length: i32, scratch: usize, list: usize, count: usize, stack: usize): usize {
  const best = scratch + 16;
  const work = best + 4 * s;
  const marks = work + 4 * s;
  const threadSize = (1 + s) << 2;
  let depth: usize = 0;
  let pc = pc0;
  for (;;) {
    const mark = marks + 4 * <usize>pc;
    if (load<u32>(mark) != generation) {
      store<u32>(mark, generation);
      const at = code + 8 * <usize>pc;
      const op = <u32>load<u16>(at);
      const a = <u32>load<u16>(at, 2);
      const b = <u32>load<u16>(at, 4);
      if (op == OP_SPLIT) {
        // `b` later, with the slots as they are now.
        const frame = stack + depth * threadSize;
        store<u32>(frame, b);
        copySlots(frame + 4, work, s);
        depth++;
        pc = a;
        continue;
      }
      if (op == OP_SAVE) {
        store<i32>(work + 4 * <usize>b, pos);
        pc = a;
        continue;
      }
      if (op == OP_CLEAR) {
        store<i64>(work + 8 * <usize>b, -1);
        pc = a;
        continue;
      }
      if (op == OP_CONSUME) {
        const thread = list + count * threadSize;
        store<u32>(thread, pc);
        copySlots(thread + 4, work, s);
        count++;
      } else if (op == OP_MATCH || pos == length) {
        // The leftmost start wins, then the longest end; the first thread to get there has the priority path.
        const start = load<i32>(work);
        if (load<i32>(scratch, 8) == 0 || start < load<i32>(best) || (start == load<i32>(best) && pos > load<i32>(best, 4))) {
          copySlots(best, work, s);
          store<i32>(scratch, 1, 8);
        }
      }
    }
    if (depth == 0) return count;
    depth--;
    const frame = stack + depth * threadSize;
    pc = load<u32>(frame);
    copySlots(work, frame + 4, s);
  }
  return count;
}

/**
 * matchGroupsFind for a one-pass program (compiler/regex/one-pass.ts, where the format is documented): one state,
 * and per byte the one entry that can read it, so no thread list; the same groups as the Pike VM would find.
 * Whether it found a match is whether the pattern's DFA matches, so a rule's condition may run this in place of
 * strMatches (compiler/lower/match-groups.ts): an absent value then matches nothing, as it does there.
 */
export function matchGroupsOnePass(subject: Str, program: usize, scratch: usize): bool {
  const s = <usize>load<u16>(program, 2);
  const sets = program + <usize>load<u16>(program, 6);
  const best = scratch + 16;
  const work = best + 4 * s;
  const input = strPtr(subject);
  const length = <i32>strLen(subject);
  store<u64>(scratch, subject);
  store<i32>(scratch, 0, 8);
  if (subject == ABSENT) return false;
  clearSlots(work, s);
  let state = <usize>load<u16>(program, 4);
  for (let pos: i32 = 0; ; pos++) {
    const entries = program + <usize>load<u16>(program + 8 + 2 * state);
    const count = <usize>load<u16>(entries);
    // The entry that reads the next byte: its actions wait until the matches here took the slots as they are.
    let taken: usize = 0;
    for (let e: usize = 0; e < count; e++) {
      const entry = entries + 2 + 8 * e;
      const kind = <u32>load<u16>(entry);
      if (kind == OP_CONSUME) {
        if (taken != 0 || pos == length) continue;
        const byte = <u32>load<u8>(input + <usize>pos);
        const set = sets + 32 * <usize>load<u16>(entry, 2);
        if (((<u32>load<u8>(set + <usize>(byte >> 3)) >> (byte & 7)) & 1) != 0) taken = entry;
      } else if ((kind == OP_MATCH || pos == length) && (load<i32>(scratch, 8) == 0 || pos > load<i32>(best, 4))) {
        copySlots(best, work, s);
        applyActions(best, program + <usize>load<u16>(entry, 6), pos);
        store<i32>(scratch, 1, 8);
      }
    }
    if (taken == 0) break;
    // Most steps save nothing (inside `.*`, a literal): no call for an empty list.
    const actions = program + <usize>load<u16>(taken, 6);
    const next = <usize>load<u16>(taken, 4);
    if (load<u16>(actions) != 0) applyActions(work, actions, pos);
    else if (next == state) {
      // A loop that saves nothing (`.*`, `[a-z0-9-]+`): the bytes in its set stay in this state, and no other
      // entry can read them (one-pass), so they go by with one set test each. A MATCH here on the way would be
      // overwritten by the one at the byte that leaves the loop: same slots, a longer match.
      const set = sets + 32 * <usize>load<u16>(taken, 2);
      while (pos + 1 < length) {
        const byte = <u32>load<u8>(input + <usize>(pos + 1));
        if (((<u32>load<u8>(set + <usize>(byte >> 3)) >> (byte & 7)) & 1) == 0) break;
        pos++;
      }
    }
    state = next;
  }
  return load<i32>(scratch, 8) != 0;
}

/** A one-pass action list: per action, save `pos` in a slot, or clear a group (both its slots). */
function applyActions(slots: usize, actions: usize, pos: i32): void {
  const count = <usize>load<u16>(actions);
  for (let i: usize = 0; i < count; i++) {
    const action = <usize>load<u16>(actions + 2 + 2 * i);
    if ((action & 1) != 0) store<i64>(slots + 4 * (action >> 1), -1);
    else store<i32>(slots + 4 * (action >> 1), pos);
  }
}

/** Group `index` of the last matchGroupsFind (0 is the whole match): a slice of its subject, or ABSENT. */
export function matchGroup(scratch: usize, index: i32): Str {
  if (load<i32>(scratch, 8) == 0) return ABSENT;
  const slots = scratch + 16 + 8 * <usize>index;
  const start = load<i32>(slots);
  const end = load<i32>(slots, 4);
  if (start < 0 || end < start) return ABSENT;
  const len = <usize>(end - start);
  if (len == 0) return EMPTY;
  return str(strPtr(load<u64>(scratch)) + <usize>start, len);
}
