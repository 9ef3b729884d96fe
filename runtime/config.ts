// The plugin configuration: a JSON object of parameter values and `disabled_rules`. It is copied into a block that
// lives until the next proxy_on_configure; decoded strings and lists are written into the same block, so values
// handed to rules stay valid for as long as the configuration does. Bad configuration never traps: the generated
// code keeps each parameter's default unless a value of the right type arrives, and the runtime logs why.
//
// Packed list format (also emitted by the compiler for defaults): u32 count, then per item u32 length and bytes.
// Address table format: u32 count, then per entry 16 address bytes and a prefix-length byte.
import { proxy_get_buffer_bytes, STATUS_OK, BUFFER_PLUGIN_CONFIGURATION, LOG_WARN } from "./abi";
import { allocBlock, freeBlock } from "./memory";
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr, bytesEqual } from "./str";
import { logParts } from "./log";
import { parseIp } from "./net";

let block: usize = 0;
let pos: usize = 0;
let end: usize = 0;
let out: usize = 0;
let key: Str = ABSENT;
const returnPtr = memory.data(8);

/**
 * Reads the configuration of `size` bytes. False when it is empty (all defaults, silently) or not a JSON object
 * (all defaults, with a warning). Call at the start of proxy_on_configure, while the arena is empty.
 */
export function configBegin(size: u32): bool {
  freeBlock(block);
  block = 0;
  if (size == 0) return false;
  block = allocBlock(<usize>size * 4 + 64);
  if (proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, returnPtr, returnPtr + 4) != STATUS_OK) return false;
  const len = <usize>load<u32>(returnPtr + 4);
  memory.copy(block, <usize>load<u32>(returnPtr), len);
  pos = block;
  end = block + len;
  out = (end + 7) & ~7;
  skipSpace();
  if (pos == end) return false; // only white space: all defaults
  const start = pos;
  if (!skipValue() || load<u8>(start) != 123) {
    warn(str(INVALID_JSON(), 57), ABSENT);
    return false;
  }
  skipSpace();
  if (pos != end) {
    warn(str(INVALID_JSON(), 57), ABSENT);
    return false;
  }
  pos = start + 1;
  return true;
}

/**
 * For a filter without params or named rules: any configuration beyond `{}` is ignored with a warning, without
 * carrying a JSON parser in the module.
 */
export function configIgnored(size: u32): void {
  if (size == 0) return;
  if (proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, returnPtr, returnPtr + 4) != STATUS_OK) return;
  const p = <usize>load<u32>(returnPtr);
  const len = <usize>load<u32>(returnPtr + 4);
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c != 32 && c != 9 && c != 10 && c != 13 && c != 123 && c != 125) {
      warn(str(IGNORED(), 70), ABSENT);
      return;
    }
  }
}

/** Moves to the next key of the top-level object; its value is read by one of the `config*` readers next. */
export function configNextKey(): bool {
  skipSpace();
  if (pos < end && load<u8>(pos) == 44) pos++;
  skipSpace();
  if (pos >= end || load<u8>(pos) == 125) return false;
  key = readString();
  skipSpace();
  pos++; // ':'
  skipSpace();
  return true;
}

export function configKeyIs(name: Str): bool {
  return strLen(key) == strLen(name) && bytesEqual(strPtr(key), strPtr(name), strLen(name));
}

export function configString(): Str {
  if (load<u8>(pos) == 34) return readString();
  skipValue();
  return ABSENT;
}

export function configInt(): i64 {
  let negative = false;
  let p = pos;
  if (p < end && load<u8>(p) == 45) {
    negative = true;
    p++;
  }
  let v: i64 = 0;
  let digits = 0;
  while (p < end && load<u8>(p) >= 48 && load<u8>(p) <= 57 && digits < 18) {
    v = v * 10 + <i64>(load<u8>(p) - 48);
    p++;
    digits++;
  }
  const start = pos;
  skipValue();
  if (digits == 0 || p != pos) {
    pos = start;
    skipValue();
    return ABSENT_INT;
  }
  return negative ? -v : v;
}

/** 1 for true, 0 for false, -1 for any other value. */
export function configBool(): i32 {
  const c = load<u8>(pos);
  skipValue();
  if (c == 116) return 1;
  if (c == 102) return 0;
  return -1;
}

/** A list of strings in the packed list format, or 0 when the value is not one. */
export function configList(): usize {
  if (load<u8>(pos) != 91) {
    skipValue();
    return 0;
  }
  const list = out;
  out += 4;
  let count: u32 = 0;
  pos++;
  skipSpace();
  while (pos < end && load<u8>(pos) != 93) {
    if (load<u8>(pos) != 34) {
      skipList();
      return 0;
    }
    const lengthAt = out;
    out += 4;
    const item = readString();
    // readString wrote the decoded bytes at `out`; move them behind the length.
    memory.copy(lengthAt + 4, strPtr(item), strLen(item));
    store<u32>(lengthAt, <u32>strLen(item));
    out = lengthAt + 4 + strLen(item);
    count++;
    skipSpace();
    if (pos < end && load<u8>(pos) == 44) pos++;
    skipSpace();
  }
  pos++;
  store<u32>(list, count);
  return list;
}

/** A list of addresses and CIDRs as an address table, or 0 when any item is not one. */
export function configAddressList(): usize {
  const list = configList();
  if (list == 0) return 0;
  const count = load<u32>(list);
  const table = (out + 3) & ~3;
  out = table + 4 + <usize>count * 17;
  store<u32>(table, count);
  let item = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    const len = <usize>load<u32>(item);
    if (!parseCidr(item + 4, len, table + 4 + <usize>i * 17)) return 0;
    item += 4 + len;
  }
  return table;
}

function parseCidr(p: usize, len: usize, entry: usize): bool {
  let slash = len;
  for (let i: usize = 0; i < len; i++) if (load<u8>(p + i) == 47) slash = i;
  if (!parseIp(str(p, slash), entry)) return false;
  const v4 = load<u32>(entry) == 0 && load<u32>(entry + 4) == 0 && load<u16>(entry + 8) == 0 && load<u16>(entry + 10) == 0xffff;
  let prefix = v4 ? 32 : 128;
  if (slash < len) {
    let v = 0;
    if (slash + 1 == len || len - slash > 4) return false;
    for (let i = slash + 1; i < len; i++) {
      const c = <i32>load<u8>(p + i);
      if (c < 48 || c > 57) return false;
      v = v * 10 + c - 48;
    }
    if (v > prefix) return false;
    prefix = v;
  }
  store<u8>(entry + 16, <u8>(v4 ? prefix + 96 : prefix));
  return true;
}

/** Skips the current key's value with a warning that the key is unknown. */
export function configUnknownKey(): void {
  skipValue();
  warn(str(UNKNOWN_KEY(), 44), key);
}

/** Logs that the current key had the wrong type; its default stays in force. */
export function configWrongType(): void {
  warn(str(WRONG_TYPE(), 51), key);
}

export function listContains(list: usize, s: Str): bool {
  if (s == ABSENT) return false;
  const count = load<u32>(list);
  const len = strLen(s);
  let item = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    const itemLen = <usize>load<u32>(item);
    if (itemLen == len && bytesEqual(item + 4, strPtr(s), len)) return true;
    item += 4 + itemLen;
  }
  return false;
}

function warn(message: Str, subject: Str): void {
  logParts(LOG_WARN, message, subject, str(0, 0));
}

function skipSpace(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c != 32 && c != 9 && c != 10 && c != 13) return;
    pos++;
  }
}

function skipList(): void {
  // Used after a bad list item: skip to the list's end, keeping nesting.
  let depth = 1;
  while (pos < end && depth > 0) {
    const c = load<u8>(pos);
    if (c == 34) {
      skipStringRaw();
      continue;
    }
    if (c == 91 || c == 123) depth++;
    if (c == 93 || c == 125) depth--;
    pos++;
  }
}

function skipStringRaw(): bool {
  pos++;
  while (pos < end) {
    const c = load<u8>(pos);
    if (c == 92) {
      pos += 2;
      continue;
    }
    pos++;
    if (c == 34) return true;
    if (c < 32) return false;
  }
  return false;
}

/** Skips one JSON value, checking its syntax. */
function skipValue(): bool {
  skipSpace();
  if (pos >= end) return false;
  const c = load<u8>(pos);
  if (c == 34) return skipStringRaw();
  if (c == 123 || c == 91) {
    const close: u8 = c == 123 ? 125 : 93;
    pos++;
    skipSpace();
    if (pos < end && load<u8>(pos) == close) {
      pos++;
      return true;
    }
    while (pos < end) {
      if (c == 123) {
        skipSpace();
        if (pos >= end || load<u8>(pos) != 34 || !skipStringRaw()) return false;
        skipSpace();
        if (pos >= end || load<u8>(pos) != 58) return false;
        pos++;
      }
      if (!skipValue()) return false;
      skipSpace();
      if (pos >= end) return false;
      const d = load<u8>(pos++);
      if (d == close) return true;
      if (d != 44) return false;
    }
    return false;
  }
  const start = pos;
  while (pos < end) {
    const d = load<u8>(pos);
    if (d == 44 || d == 125 || d == 93 || d == 32 || d == 10 || d == 13 || d == 9) break;
    pos++;
  }
  const len = pos - start;
  if (len == 4 && (bytesEqual(start, TRUE_WORD(), 4) || bytesEqual(start, NULL_WORD(), 4))) return true;
  if (len == 5 && bytesEqual(start, FALSE_WORD(), 5)) return true;
  for (let i: usize = 0; i < len; i++) {
    const e = load<u8>(start + i);
    if (!((e >= 48 && e <= 57) || e == 45 || e == 43 || e == 46 || e == 101 || e == 69)) return false;
  }
  return len > 0;
}

function hex(c: u32): u32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 0;
}

/** Decodes the string at `pos` into the output area (UTF-8). The syntax was checked by configBegin. */
function readString(): Str {
  pos++;
  const start = out;
  while (pos < end) {
    const c = load<u8>(pos++);
    if (c == 34) break;
    if (c != 92) {
      store<u8>(out++, c);
      continue;
    }
    const e = load<u8>(pos++);
    if (e == 110) store<u8>(out++, 10);
    else if (e == 116) store<u8>(out++, 9);
    else if (e == 114) store<u8>(out++, 13);
    else if (e == 98) store<u8>(out++, 8);
    else if (e == 102) store<u8>(out++, 12);
    else if (e == 117 && pos + 4 <= end) {
      const cp = (hex(load<u8>(pos)) << 12) | (hex(load<u8>(pos + 1)) << 8) | (hex(load<u8>(pos + 2)) << 4) | hex(load<u8>(pos + 3));
      pos += 4;
      if (cp < 0x80) {
        store<u8>(out++, <u8>cp);
      } else if (cp < 0x800) {
        store<u8>(out++, <u8>(0xc0 | (cp >> 6)));
        store<u8>(out++, <u8>(0x80 | (cp & 0x3f)));
      } else {
        store<u8>(out++, <u8>(0xe0 | (cp >> 12)));
        store<u8>(out++, <u8>(0x80 | ((cp >> 6) & 0x3f)));
        store<u8>(out++, <u8>(0x80 | (cp & 0x3f)));
      }
    } else store<u8>(out++, e);
  }
  return str(start, out - start);
}

// Static data is emitted only for functions that are compiled, so unused messages cost nothing.
// @ts-ignore: decorator
@inline function TRUE_WORD(): usize {
  return memory.data<u8>([116, 114, 117, 101]);
}
// @ts-ignore: decorator
@inline function NULL_WORD(): usize {
  return memory.data<u8>([110, 117, 108, 108]);
}
// @ts-ignore: decorator
@inline function FALSE_WORD(): usize {
  return memory.data<u8>([102, 97, 108, 115, 101]);
}
/** plugin configuration is not a JSON object: using defaults */
// @ts-ignore: decorator
@inline function INVALID_JSON(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,32,105,115,32,110,111,116,32,97,32,74,83,79,78,32,111,98,106,101,99,116,58,32,117,115,105,110,103,32,100,101,102,97,117,108,116,115]);
}
/** plugin configuration: unknown key, ignored: */
// @ts-ignore: decorator
@inline function UNKNOWN_KEY(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,58,32,117,110,107,110,111,119,110,32,107,101,121,44,32,105,103,110,111,114,101,100,58,32]);
}
/** plugin configuration: wrong type, default kept for */
// @ts-ignore: decorator
@inline function WRONG_TYPE(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,58,32,119,114,111,110,103,32,116,121,112,101,44,32,100,101,102,97,117,108,116,32,107,101,112,116,32,102,111,114,32]);
}
/** plugin configuration ignored: this filter has no params or named rules */
// @ts-ignore: decorator
@inline function IGNORED(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,32,105,103,110,111,114,101,100,58,32,116,104,105,115,32,102,105,108,116,101,114,32,104,97,115,32,110,111,32,112,97,114,97,109,115,32,111,114,32,110,97,109,101,100,32,114,117,108,101,115]);
}
