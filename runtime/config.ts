// The plugin configuration: a JSON object of parameter values and `disabled_rules`. It is copied into a block that
// lives until the next proxy_on_configure; decoded strings and lists are written into the same block, so values
// handed to rules stay valid for as long as the configuration does. Bad configuration never traps: a value of the
// wrong type keeps the parameter's default, and the runtime logs why.
//
// The compiler emits a key table, so this reads exactly the keys the filter has instead of building a general JSON
// tree: per entry a u16 (the kind in the low 2 bits, the name length in the other 14) and the name.
// `disabled_rules` comes first, then the params (entry i + 1 is param i), then the named rules; a zero u16 ends
// the table. configNext() returns the index of each param key, and the generated code reads its value with the
// reader for the param's type (configString, configInt, ...), so a filter carries only the readers it needs.
//
// Packed list format (also emitted by the compiler for defaults): u32 count, then per item u32 length and bytes.
// Address table format: u32 count, then per entry 16 address bytes and a prefix-length byte.
import { proxy_get_buffer_bytes, proxy_log, STATUS_OK, BUFFER_PLUGIN_CONFIGURATION, LOG_WARN } from "./abi";
import { allocBlock, arenaAlloc, freeBlock, promote } from "./memory";
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr, bytesEqual, hexDigit, hostValue, HOST_RETURN } from "./str";
import { logParts } from "./log";
import { parseCidr } from "./net";

export const CONFIG_PARAM: u32 = 1;
export const CONFIG_DISABLED_RULES: u32 = 2;
/** A named rule: never a key, but what `disabled_rules` items are looked up in. */
export const CONFIG_RULE: u32 = 3;

let block: usize = 0;
let keys: usize = 0;
let pos: usize = 0;
let out: usize = 0;
// The current key, decoded: u32 length and bytes.
let key: usize = 0;
// The current key's value: its first byte, where it starts and ends, and the room for a list's count that skip()
// decoded its strings behind.
let first: u32 = 0; // the value's first byte
let valueStart: usize = 0;
let valueEnd: usize = 0;
let value: usize = 0;
// The number of items of the array skip() passed last (the outermost, as nested ones finish first), or -1 when
// one of them is not a string.
let stringItems: i32 = 0;
// How many arrays and objects skip() is inside: it refuses a text nested deeper than MAX_DEPTH levels, as each level
// costs two wasm stack frames (about 100 bytes in V8), and 10,000 levels would overflow the stack and fail the
// configuration instead of keeping the defaults.
let depth: u32 = 0;
const MAX_DEPTH: u32 = 1000;
// A byte per key table entry, set for the rules `disabled_rules` names; in the arena, so it lives as long as
// proxy_on_configure.
let disabled: usize = 0;

/**
 * Reads the configuration of `size` bytes against the key table `table` of `entries` entries. False when it is
 * empty (all defaults, silently) or not a JSON object (all defaults, with a warning). Call at the start of
 * proxy_on_configure, while the arena is empty.
 */
export function configBegin(size: u32, table: usize, entries: u32): bool {
  freeBlock(block);
  keys = table;
  // Room for the text, its zero sentinel, and what is decoded from it: each string (at most as long as its JSON
  // form, plus a length) once per pass, and address tables. Taken even for no text, so `block` is always freed.
  block = allocBlock(<usize>size * 6 + 64);
  disabled = arenaAlloc(entries);
  memory.fill(disabled, 0, entries);
  if (size == 0) return false;
  const text = hostValue(proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, HOST_RETURN, HOST_RETURN + 4));
  if (text == ABSENT) return false;
  memory.copy(block, strPtr(text), strLen(text));
  const end = block + strLen(text);
  // Eight zero bytes end the text: no valid token contains a NUL, so no scan runs past them.
  store<u64>(end, 0);
  pos = block;
  space();
  if (pos == end) return false; // only white space: all defaults
  const start = pos;
  out = end + 8;
  const valid = load<u8>(start) == 123 && skip();
  space();
  if (!valid || pos != end) {
    key = end; // the sentinel reads as an empty key
    warn(20, 37);
    return false;
  }
  pos = start + 1;
  out = end + 8;
  return true;
}

/**
 * The table index of the next param key (its value is then read with the reader for its type), or -1 at the end of
 * the object. Unknown keys are skipped with a warning; the rules a `disabled_rules` list names are noted for
 * configEnabled().
 */
export function configNext(): i32 {
  while (true) {
    // 0 at the closing brace; never -1, as configBegin checked the syntax.
    if (item(125) == 0) return -1;
    const index = find(key, false);
    if (index < 0) {
      warn(57, 24);
    } else if (index != 0) {
      return index;
    } else {
      const list = configList();
      // skip() decoded the items one after the other up to `out`.
      for (let name = list + 4; list != 0 && name < out; name += 4 + <usize>load<u32>(name)) {
        const rule = find(name, true);
        if (rule >= 0) store<u8>(disabled + <usize>rule, 1);
      }
    }
  }
}

/** Whether the rule at `index` of the key table is on: no `disabled_rules` list named it. */
export function configEnabled(index: i32): bool {
  return load<u8>(disabled + <usize>index) == 0;
}

/** The value of the current key as a string, or ABSENT (with a warning) when it is not one. */
export function configString(): Str {
  if (first == 34) return str(value + 8, load<u32>(value + 4));
  wrongType();
  return ABSENT;
}

/** The value of the current key as a whole number (-?[0-9]{1,18}), or ABSENT_INT (with a warning). */
export function configInt(): i64 {
  let p = valueStart + <usize>(first == 45);
  const digits = valueEnd - p;
  let ok = digits > 0 && digits <= 18;
  let v: i64 = 0;
  for (; p < valueEnd; p++) {
    const d = <u32>load<u8>(p) - 48;
    if (d >= 10) ok = false;
    v = v * 10 + <i64>d;
  }
  if (ok) return first == 45 ? -v : v;
  wrongType();
  return ABSENT_INT;
}

/** The value of the current key as a bool: 1 or 0, or -1 (with a warning) when it is not one. */
export function configBool(): i32 {
  if (first == 116) return 1;
  if (first == 102) return 0;
  wrongType();
  return -1;
}

/** The value of the current key as a list of strings (packed), or 0 (with a warning) when it is not one. */
export function configList(): usize {
  // skip() decoded the items one after the other behind the count's room.
  if (first == 91 && stringItems >= 0) {
    store<i32>(value, stringItems);
    return value;
  }
  wrongType();
  return 0;
}

/**
 * The address table of the list configList() just returned, or 0 (with a warning) when an item is not an address;
 * 0 for no list. The table follows the items, which end where it starts.
 */
export function configAddressTable(list: usize): usize {
  if (list == 0) return 0;
  const table = out;
  store<u32>(table, load<u32>(list));
  let entry = table + 4;
  for (let address = list + 4; address < table; address += 4 + <usize>load<u32>(address)) {
    if (!parseCidr(address + 4, load<u32>(address), entry)) {
      wrongType();
      return 0;
    }
    entry += 17;
  }
  // Only now: a table refused halfway takes no room, so what is decoded after it stays within the block.
  out = entry;
  return table;
}

/**
 * For a filter without params or named rules: any configuration beyond `{}` is ignored with a warning, without
 * carrying a JSON parser in the module.
 */
export function configIgnored(size: u32): void {
  if (size == 0) return;
  if (proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, HOST_RETURN, HOST_RETURN + 4) != STATUS_OK) return;
  const p = <usize>load<u32>(HOST_RETURN);
  const len = <usize>load<u32>(HOST_RETURN + 4);
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c != 32 && c != 9 && c != 10 && c != 13 && c != 123 && c != 125) {
      proxy_log(LOG_WARN, IGNORED(), 70);
      return;
    }
  }
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

/** The key table index of the named rule whose name is decoded at `name` (u32 length, bytes); -1 if none. */
export function configRuleIndex(name: usize): i32 {
  return find(name, true);
}

/** The name of the key table's entry `index`, for warnings about it (runtime/shadow.ts). */
export function configEntryName(index: i32): Str {
  let entry = keys;
  for (let i = 0; i < index; i++) entry += 2 + <usize>(load<u16>(entry) >> 2);
  return str(entry + 2, <usize>(load<u16>(entry) >> 2));
}

/** The index of the key (or, with `rules`, the rule) whose name is decoded at `name`; -1 if there is none. */
function find(name: usize, rules: bool): i32 {
  let entry = keys;
  let head: u32;
  for (let i = 0; (head = load<u16>(entry)) != 0; i++) {
    const n = <usize>(head >> 2);
    if (((head & 3) == CONFIG_RULE) == rules && n == <usize>load<u32>(name) && bytesEqual(entry + 2, name + 4, n)) return i;
    entry += 2 + n;
  }
  return -1;
}

/** Skips white space and returns the byte after it. */
function space(): u32 {
  let c: u32;
  // Bits 9, 10, 13 and 32 of the mask: tab, line feed, carriage return, space.
  while ((c = load<u8>(pos)) <= 32 && ((<u64>0x1_0000_2600 >> <u64>c) & 1) != 0) pos++;
  return c;
}

/**
 * Reads the next item of the array or object whose closing bracket is `close` (`]` or `}`): in an object its key
 * (decoded at `key`) and `:`, then its value (see skip()) and the `,` after it. 1 when there was one, 0 at the
 * closing bracket (moved past it), -1 when the text is not JSON.
 */
function item(close: u32): i32 {
  if (eat(close)) return 0;
  const at = out;
  if (close == 125) {
    if (space() != 34 || !string() || !eat(58)) return -1;
    out += 4; // room for a list's count: skip() decodes the items behind it
  }
  const room = out - 4; // read only in an object
  const c = space();
  const start = pos;
  if (!skip()) return -1;
  // Only now: the items of a nested value set them too.
  key = at;
  first = c;
  valueStart = start;
  valueEnd = pos;
  value = room;
  // A `,` and another item, or the closing bracket.
  if (eat(44) ? space() == close : space() != close) return -1;
  return 1;
}

/** Moves past `c` after white space, if it is there. */
function eat(c: u32): bool {
  if (space() != c) return false;
  pos++;
  return true;
}

/**
 * Skips one JSON value, checking its syntax; strings are decoded on the way (see string()). False too for arrays and
 * objects nested more than MAX_DEPTH levels, counting the configuration's own object.
 */
function skip(): bool {
  const c = space();
  if (c == 34) return string();
  // `[` is `{` without bit 5.
  if ((c | 32) == 123) {
    pos++;
    // The items while all are strings, then -1 for good.
    let strings = 0;
    let next = -1;
    // '{' + 2 is '}', '[' + 2 is ']'. Every level leaves through `depth--`, refused or not, so no text leaves the
    // count changed for the next one.
    if (depth++ < MAX_DEPTH) while ((next = item(c + 2)) > 0) strings = first == 34 && strings >= 0 ? strings + 1 : -1;
    depth--;
    stringItems = strings;
    return next == 0;
  }
  // "true", "null", "false" (little-endian). Whatever follows a value is checked by its container.
  const word = load<u32>(pos);
  if (word == 0x65757274 || word == 0x6c6c756e) {
    pos += 4;
    return true;
  }
  if (word == 0x736c6166 && load<u8>(pos, 4) == 101) {
    pos += 5;
    return true;
  }
  // A number's spelling is not checked beyond its characters: configInt() checks the ints it reads.
  const start = pos;
  let d: u32;
  // Bit (d - 43) of NUMBER_CHARS is set for + - . 0-9 E e.
  while ((d = load<u8>(pos) - 43) <= 58 && ((NUMBER_CHARS >> d) & 1) != 0) pos++;
  return pos != start;
}

const NUMBER_CHARS: u64 = 0x0400_0000_0400_7fed;

/**
 * Decodes the string at `pos` to `out` as a u32 length and the UTF-8 bytes, moving both past it; false when it is
 * not a valid string. Consecutive strings so form the items of a packed list.
 */
function string(): bool {
  // Locals while decoding; the globals are updated once at the end.
  let p = pos;
  let o = out + 4;
  let c: u32;
  while ((c = load<u8>(++p)) != 34) {
    if (c < 32) return false;
    if (c == 92) {
      c = load<u8>(++p);
      if (c == 117) {
        c = hex4(p + 1);
        if (c > 0xffff) return false;
        p += 4;
        if (c - 0xd800 < 0x800) {
          // A surrogate: a high one and a low one after it are one character; alone, it stands for none and becomes
          // U+FFFD, as a JSON parser's string does once encoded as UTF-8.
          const low = load<u8>(p + 1) == 92 && load<u8>(p + 2) == 117 ? hex4(p + 3) : 0;
          if (c < 0xdc00 && low - 0xdc00 < 0x400) {
            c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            p += 6;
          } else {
            c = 0xfffd;
          }
        }
        if (c >= 0x80) {
          // Two to four UTF-8 bytes: n continuation bytes after a lead of n + 1 one bits (0xff00 >> (n + 1) has
          // them in its low byte) over the highest bits of c.
          let n: u32 = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
          store<u8>(o++, <u8>((0xff00 >> (n + 1)) | (c >> (6 * n))));
          while (--n != 0) store<u8>(o++, <u8>(0x80 | ((c >> (6 * n)) & 0x3f)));
          c = 0x80 | (c & 0x3f);
        }
      } else if (c != 34 && c != 92 && c != 47) {
        // `\"`, `\\` and `\/` stand for themselves; `\b` `\f` `\n` `\r` `\t`, all even letters from `b`, for the
        // nibble of ESCAPES at 4 * (c - 98) / 2; nothing else is an escape.
        const d = c - 98;
        c = d <= 18 && (d & 1) == 0 ? <u32>(ESCAPES >> <u64>(d << 1)) & 15 : 0;
        if (c == 0) return false;
      }
    }
    store<u8>(o++, <u8>c);
  }
  store<u32>(out, <u32>(o - out - 4));
  pos = p + 1;
  out = o;
  return true;
}

// 8 (b), 12 (f), 10 (n), 13 (r) and 9 (t) at nibbles 0, 2, 6, 8 and 9.
const ESCAPES: u64 = 0x9d_0a00_0c08;

/** The value of the four hex digits at `p`, or more than 0xffff when one is not a hex digit. */
function hex4(p: usize): u32 {
  let c: u32 = 0;
  for (let k: usize = 0; k < 4; k++) {
    const digit = hexDigit(load<u8>(p + k));
    if (digit > 15) return 0x10000;
    c = (c << 4) | digit;
  }
  return c;
}

/** The current key's name: for the warnings of readers outside this file (runtime/list-matcher.ts). */
export function configKey(): Str {
  return str(key + 4, load<u32>(key));
}

function wrongType(): void {
  warn(81, 31);
}

/** Logs "plugin configuration" and the message at `offset` in MESSAGES, then the current key. */
function warn(offset: usize, length: usize): void {
  const messages = MESSAGES();
  logParts(LOG_WARN, str(messages, 20), str(messages + offset, length), str(key + 4, load<u32>(key)));
}

// The messages of the readers, one data segment: "plugin configuration" (0, 20), " is not a JSON object: using
// defaults" (20, 37), ": unknown key, ignored: " (57, 24), ": wrong type, default kept for " (81, 31). An inlined
// function, not a global, so filters that do not read configuration do not carry it; warn() is its only caller.
// @ts-ignore: decorator
@inline function MESSAGES(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,32,105,115,32,110,111,116,32,97,32,74,83,79,78,32,111,98,106,101,99,116,58,32,117,115,105,110,103,32,100,101,102,97,117,108,116,115,58,32,117,110,107,110,111,119,110,32,107,101,121,44,32,105,103,110,111,114,101,100,58,32,58,32,119,114,111,110,103,32,116,121,112,101,44,32,100,101,102,97,117,108,116,32,107,101,112,116,32,102,111,114,32]);
}

// Static data is emitted once per call site of these inlined functions, so each is called from one place only.
/** plugin configuration ignored: this filter has no params or named rules */
// @ts-ignore: decorator
@inline function IGNORED(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,32,105,103,110,111,114,101,100,58,32,116,104,105,115,32,102,105,108,116,101,114,32,104,97,115,32,110,111,32,112,97,114,97,109,115,32,111,114,32,110,97,109,101,100,32,114,117,108,101,115]);
}

let keptBlock: usize = 0;

/**
 * Keeps the `count` strings in `slots` (one Str each) in one block until the next call, and points the slots at
 * the copies. Values computed from params alone (`"max-age=${max_age}"`) are so computed once per configuration
 * instead of on every request. Call last in proxy_on_configure: it ends the arena.
 */
export function keepConfigured(slots: usize, count: i32): void {
  // The old values were computed from the old configuration; nothing points into them any more.
  freeBlock(keptBlock);
  let total: usize = 0;
  for (let i = 0; i < count; i++) total += strLen(load<Str>(slots + (<usize>i << 3)));
  let at = arenaAlloc(total);
  const buffer = at;
  for (let i = 0; i < count; i++) {
    const s = load<Str>(slots + (<usize>i << 3));
    memory.copy(at, strPtr(s), strLen(s));
    at += strLen(s);
  }
  keptBlock = at = promote(buffer, total);
  for (let i = 0; i < count; i++) {
    const slot = slots + (<usize>i << 3);
    const length = strLen(load<Str>(slot));
    store<Str>(slot, str(at, length));
    at += length;
  }
}
