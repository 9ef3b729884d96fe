// AssemblyScript: `replace "text" with EXPR` and `replace matches "regex" with EXPR` in a body phase
// (docs/language.md, "Replacing in a body"). The body is held whole by then (runtime/body.ts); the new body is built
// in the callback's arena and written back with proxy_set_buffer_bytes only when something was replaced. The
// generated callback keeps the result in its body global, so later rules of the phase read the new body.
import { LOG_WARN } from "./abi";
import { log } from "./log";
import { arenaAlloc } from "./memory";
import { matchGroupsFind } from "./match-groups";
import { ABSENT, Str, str, strLen, strPtr } from "./str";
import { REPLACE_MAX } from "./string-builders";
import { strIndexOf } from "./string-views";

@external("env", "proxy_set_buffer_bytes")
declare function proxy_set_buffer_bytes(bufferType: u32, start: u32, size: u32, dataPtr: usize, dataSize: usize): u32;

// Texts are functions: a module links their bytes only when it calls them.
function textTooLong(): usize {
  return memory.data<u8>([114, 101, 112, 108, 97, 99, 101, 58, 32, 116, 104, 101, 32, 98, 111, 100, 121, 32, 119, 111, 117, 108, 100, 32, 103, 114, 111, 119, 32, 98, 121, 32, 109, 111, 114, 101, 32, 116, 104, 97, 110, 32, 49, 32, 77, 105, 66, 44, 32, 108, 101, 102, 116, 32, 117, 110, 99, 104, 97, 110, 103, 101, 100]);
}

/** The match findNext found last, as offsets into the body. */
let foundStart: usize = 0;
let foundEnd: usize = 0;

/**
 * The next match at or after `pos`: of the literal `from` when `program` is 0, else the leftmost-longest match of the
 * group program (runtime/match-groups.ts) over the rest of the body. `later` is the same program without its
 * `^`-anchored entry, for searches that do not start at the body's first byte.
 */
function findNext(body: Str, pos: usize, from: Str, program: usize, later: usize, scratch: usize): bool {
  if (program == 0) {
    const at = strIndexOf(body, from, pos);
    if (at < 0) return false;
    foundStart = <usize>at;
    foundEnd = foundStart + strLen(from);
    return true;
  }
  const len = strLen(body);
  if (!matchGroupsFind(str(strPtr(body) + pos, len - pos), pos == 0 ? program : later, scratch)) return false;
  // Group 0 (the whole match) is the first pair of the best match's slots, at offset 16 of the scratch.
  foundStart = pos + <usize>load<i32>(scratch, 16);
  foundEnd = pos + <usize>load<i32>(scratch, 20);
  return true;
}

/**
 * Where the first pass keeps the matches it found (start and end offsets, u32 each), so the second pass does not
 * search again: a fixed number, so the memory stays fixed whatever the body holds. Matches past them (a body with
 * more than RECORDED) are searched for again by the second pass, from where the last recorded one ended.
 */
// @ts-ignore: decorator
@inline const RECORDED: u64 = 256;
const recorded = memory.data(<i32>RECORDED * 8, 8);

/**
 * Every non-overlapping match, left to right, becomes `to`; an empty match inserts `to` and moves on one byte, and
 * an empty match at the end counts (as JavaScript's replaceAll with a global regex). Two passes over the body: the
 * first finds the matches and sizes the result, so the arena holds exactly the new body; the second writes it,
 * taking the first RECORDED matches from the first pass. Returns the body in force afterwards.
 */
function replaceAll(bufferType: u32, body: Str, from: Str, program: usize, later: usize, scratch: usize, to: Str): Str {
  // An absent replacement (a missing header, say) replaces nothing, as `set` of an absent value sets nothing.
  if (to == ABSENT) return body;
  const len = strLen(body);
  const n = strLen(to);
  let count: u64 = 0;
  let matched: u64 = 0;
  let pos: usize = 0;
  while (pos <= len && findNext(body, pos, from, program, later, scratch)) {
    if (count < RECORDED) {
      store<u32>(recorded + <usize>count * 8, <u32>foundStart);
      store<u32>(recorded + <usize>count * 8, <u32>foundEnd, 4);
    }
    count++;
    matched += <u64>(foundEnd - foundStart);
    pos = foundEnd == foundStart ? foundEnd + 1 : foundEnd;
  }
  if (count == 0) return body;
  // In 64 bits: count * n can pass 4 GiB. The body may grow by at most REPLACE_MAX: memory stays bounded by the
  // request, not by the square of it.
  const size = <u64>len - matched + count * <u64>n;
  if (size > <u64>len + REPLACE_MAX) {
    log(LOG_WARN, str(textTooLong(), 63));
    return body;
  }
  const p = strPtr(body);
  const dst = arenaAlloc(<usize>size);
  let w = dst;
  pos = 0;
  // The same matches as the first pass found, in the same order: recorded, then searched again past them.
  for (let i: u64 = 0; i < count; i++) {
    if (i < RECORDED) {
      foundStart = <usize>load<u32>(recorded + <usize>i * 8);
      foundEnd = <usize>load<u32>(recorded + <usize>i * 8, 4);
    } else findNext(body, pos, from, program, later, scratch);
    const start = foundStart;
    const end = foundEnd;
    memory.copy(w, p + pos, start - pos);
    w += start - pos;
    memory.copy(w, strPtr(to), n);
    w += n;
    if (end == start) {
      // An empty match keeps the byte it stands before and moves past it.
      if (start < len) {
        store<u8>(w, load<u8>(p + start));
        w++;
      }
      pos = start + 1;
    } else pos = end;
  }
  if (pos < len) {
    memory.copy(w, p + pos, len - pos);
    w += len - pos;
  }
  const replaced = str(dst, w - dst);
  // Envoy's Buffer::copyFrom (source/extensions/common/wasm/context.cc): start 0 drains `len` bytes, all of the
  // held body, and prepends the new one.
  proxy_set_buffer_bytes(bufferType, 0, <u32>len, dst, w - dst);
  return replaced;
}

/** `replace "from" with to` over the held body of `bufferType` (0 request, 1 response). */
export function bodyReplace(bufferType: u32, body: Str, from: Str, to: Str): Str {
  return replaceAll(bufferType, body, from, 0, 0, 0, to);
}

/** `replace matches "regex" with to`: `program` and `later` as findNext takes them, run in `scratch`. */
export function bodyReplaceMatches(bufferType: u32, body: Str, program: usize, later: usize, scratch: usize, to: Str): Str {
  return replaceAll(bufferType, body, ABSENT, program, later, scratch, to);
}
