// The protocol buffers wire format, by hand, for the few messages filters exchange with Envoy's services (no
// protobuf runtime in the module). Encoding is two passes: a message's layout (ratelimit-messages.ts) first adds
// up the sizes of its fields with the *Size functions, allocates that many bytes in the arena, then writes them with
// the put* functions, each returning where the next field goes. Decoding scans a message field by field with
// pbNext, which leaves the field's number and value in globals; unknown fields are skipped, as protobuf does.
import { Str, str, strLen, strPtr } from "./str";

export const WIRE_VARINT: u32 = 0;
export const WIRE_FIXED64: u32 = 1;
export const WIRE_LEN: u32 = 2;
export const WIRE_FIXED32: u32 = 5;

export function pbVarintSize(value: u64): usize {
  let n: usize = 1;
  while (value >= 0x80) {
    value >>= 7;
    n++;
  }
  return n;
}

export function pbPutVarint(at: usize, value: u64): usize {
  while (value >= 0x80) {
    store<u8>(at++, <u8>(value | 0x80));
    value >>= 7;
  }
  store<u8>(at++, <u8>value);
  return at;
}

/** The bytes of a length-delimited field (a string, bytes or an embedded message) whose payload is `len` bytes. */
export function pbLenFieldSize(field: u32, len: usize): usize {
  return pbVarintSize(<u64>((field << 3) | WIRE_LEN)) + pbVarintSize(<u64>len) + len;
}

/** The tag and length of a length-delimited field; its payload follows at the returned position. */
export function pbPutLenHeader(at: usize, field: u32, len: usize): usize {
  return pbPutVarint(pbPutVarint(at, <u64>((field << 3) | WIRE_LEN)), <u64>len);
}

export function pbPutString(at: usize, field: u32, value: Str): usize {
  const len = strLen(value);
  at = pbPutLenHeader(at, field, len);
  memory.copy(at, strPtr(value), len);
  return at + len;
}

export function pbVarintFieldSize(field: u32, value: u64): usize {
  return pbVarintSize(<u64>(field << 3)) + pbVarintSize(value);
}

export function pbPutVarintField(at: usize, field: u32, value: u64): usize {
  return pbPutVarint(pbPutVarint(at, <u64>(field << 3)), value);
}

// The field pbNext read last.
export let pbField: u32 = 0;
export let pbWire: u32 = 0;
/** A varint field's value (fixed-width fields are skipped, not read: no message here has one). */
export let pbInt: u64 = 0;
/** A length-delimited field's payload, in place. */
export let pbBytes: Str = 0;

let varintEnd: usize = 0;

/** A varint at `at`, or the position 0 in varintEnd when it runs past `end` or past 10 bytes. */
function readVarint(at: usize, end: usize): u64 {
  let value: u64 = 0;
  for (let shift: u64 = 0; shift < 70 && at < end; shift += 7) {
    const b = load<u8>(at++);
    value |= (<u64>(b & 0x7f)) << shift;
    if (b < 0x80) {
      varintEnd = at;
      return value;
    }
  }
  varintEnd = 0;
  return 0;
}

/**
 * Reads the field at `at`, which ends before `end`: its number, wire type and value go to pbField, pbWire, pbInt
 * and pbBytes. Returns where the next field starts, or 0 when the bytes are not a well-formed field (a parse error
 * for protobuf too).
 */
export function pbNext(at: usize, end: usize): usize {
  const tag = readVarint(at, end);
  if (varintEnd == 0 || tag >> 3 == 0 || tag >> 3 > 0x1fffffff) return 0;
  at = varintEnd;
  pbField = <u32>(tag >> 3);
  pbWire = <u32>(tag & 7);
  if (pbWire == WIRE_VARINT) {
    pbInt = readVarint(at, end);
    return varintEnd;
  }
  if (pbWire == WIRE_LEN) {
    const len = readVarint(at, end);
    if (varintEnd == 0 || len > <u64>(end - varintEnd)) return 0;
    pbBytes = str(varintEnd, <usize>len);
    return varintEnd + <usize>len;
  }
  if (pbWire == WIRE_FIXED64) return end - at >= 8 ? at + 8 : 0;
  if (pbWire == WIRE_FIXED32) return end - at >= 4 ? at + 4 : 0;
  // Groups (3, 4) are not in proto3; 6 and 7 are no wire type.
  return 0;
}
