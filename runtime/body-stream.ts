// Streaming body phases (compiler/lower/body-stream.ts): a phase whose rules only detect lets every chunk go on at
// once (ACTION_CONTINUE) and runs its patterns' test-set automaton (compiler/regex/test-set.ts, the u16 format)
// over each chunk as it passes, keeping the automaton's state, the bytes seen and the tests completed so far per
// stream and direction. At the end of the stream the phase's rules decide from those bits. Nothing is held: the
// state is a block of 16 bytes plus one word per 32 tests, kept in the stream's entry of the stream table
// (runtime/streams.ts) and freed at the end of the body or at proxy_on_delete.
import { proxy_get_buffer_bytes } from "./abi";
import { allocBlock, freeBlock } from "./memory";
import { hostValue, HOST_RETURN, strPtr, strLen } from "./str";
import { streamBodies } from "./streams";

// The state block of one body: the automaton's state (u32), 4 spare bytes, the bytes seen (u64), then the result
// words (bit k = test k of the table, set once the test completed).
const STATE_DFA: usize = 0;
const STATE_SEEN: usize = 8;
const STATE_BITS: usize = 16;

/** The bytes of the body seen by the last bodyStreamChunk that ended a body: what `size(body)` is then. */
let seenAtEnd: u64 = 0;

/**
 * One chunk of a streamed body: `size` is the chunk's length (a filter that continues holds nothing, so Envoy's
 * buffer is this chunk alone: decodeData/encodeData in source/common/http/filter_manager.cc). Runs the test-set
 * `table` (0 when the phase tests only the body's size) over it from where the last chunk left the automaton.
 * Returns false until the end of the stream; then the completed tests are in the `words` words at `bits`, the body's
 * size is bodyStreamSeen(), the stream's state is freed, and it returns true. The arena must be empty.
 */
export function bodyStreamChunk(ctx: u32, bufferType: u32, size: u32, endOfStream: u32, table: usize, words: u32, bits: usize): bool {
  const slot = streamBodies(ctx, true) + (<usize>bufferType << 2);
  let state = <usize>load<u32>(slot);
  if (state == 0) {
    state = allocBlock(STATE_BITS + (<usize>words << 2));
    memory.fill(state, 0, STATE_BITS + (<usize>words << 2));
    store<u32>(slot, <u32>state);
    if (table != 0) {
      store<u32>(state + STATE_DFA, <u32>load<u16>(table, 4));
      markTests(table, state, <u32>load<u16>(table, 4), 0);
    }
  }
  if (size > 0) {
    store<u64>(state + STATE_SEEN, load<u64>(state + STATE_SEEN) + <u64>size);
    if (table != 0) scan(table, state, bufferType, size);
  }
  if (endOfStream == 0) return false;
  if (table != 0) markTests(table, state, load<u32>(state + STATE_DFA), 2);
  memory.copy(bits, state + STATE_BITS, <usize>words << 2);
  seenAtEnd = load<u64>(state + STATE_SEEN);
  freeBlock(state);
  store<u32>(slot, 0);
  return true;
}

/** The size of the body the last bodyStreamChunk ended. */
export function bodyStreamSeen(): i64 {
  return <i64>seenAtEnd;
}

/**
 * Frees the states of stream `ctx`'s bodies still being streamed (a stream reset before their end): proxy_on_delete,
 * before streamClose forgets the stream.
 */
export function bodyStreamClose(ctx: u32): void {
  const bodies = streamBodies(ctx, false);
  if (bodies == 0) return;
  freeBlock(<usize>load<u32>(bodies));
  freeBlock(<usize>load<u32>(bodies, 4));
}

/** Runs the automaton over the host's current chunk (read into the arena), as runtime/test-set.ts testSetRun does. */
function scan(table: usize, state: usize, bufferType: u32, size: u32): void {
  const dead = <u32>load<u16>(table, 6);
  let s = load<u32>(state + STATE_DFA);
  // Past DEAD no test can complete any more: the rest of the body need not be read.
  if (s == dead) return;
  const chunk = hostValue(proxy_get_buffer_bytes(bufferType, 0, size, HOST_RETURN, HOST_RETURN + 4));
  const stateCount = <usize>load<u16>(table, 2);
  const map = table + 12;
  const rows = map + 256;
  const slots = rows + (stateCount << 3);
  const p = strPtr(chunk);
  const n = strLen(chunk);
  for (let i: usize = 0; i < n && s != dead; i++) {
    const row = rows + (<usize>s << 3);
    const slot = slots + ((<usize>load<u16>(row, 6) + <usize>load<u8>(map + <usize>load<u8>(p + i))) << 2);
    s = <u32>load<u16>(slot) == s ? <u32>load<u16>(slot, 2) : <u32>load<u16>(row, 4);
    const list = load<u16>(rows + (<usize>s << 3));
    if (list != 0) markTests(table, state, s, 0);
  }
  store<u32>(state + STATE_DFA, s);
}

/** Sets the bits of automaton state `s`'s `now` list (`which` 0) or `end` list (`which` 2) in the state block. */
function markTests(table: usize, state: usize, s: u32, which: usize): void {
  const stateCount = <usize>load<u16>(table, 2);
  const rows = table + 12 + 256;
  const lists = rows + (stateCount << 3) + (<usize>load<u16>(table, 10) << 2);
  const list = lists + <usize>load<u16>(rows + (<usize>s << 3) + which);
  const count = <usize>load<u16>(list);
  const bits = state + STATE_BITS;
  for (let j: usize = 0; j < count; j++) {
    const test = <u32>load<u16>(list + 2 + (j << 1));
    const word = bits + (<usize>(test >> 5) << 2);
    store<u32>(word, load<u32>(word) | (<u32>1 << (test & 31)));
  }
}
