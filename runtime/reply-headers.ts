// The header list of a local reply while `on local_reply` rules change it. proxy_send_local_response takes the
// headers serialized as a pairs list (Envoy's Http::Utility::sendLocalReply adds them to the reply it builds), so
// the list is edited here, in the arena, before it is sent: the host's header-map calls cannot reach a reply that
// does not exist yet. Linked only into filters with `on local_reply` rules.
import { arenaAlloc } from "./memory";
import { checkValue } from "./headers";
import { Str, str, strLen, strPtr, put, bytesEqual } from "./str";

/** Entries as (key, value) Str pairs, 16 bytes each. */
let replyEntries: usize = 0;
let replyCount: usize = 0;
let replyCapacity: usize = 0;

/** Starts editing `list` (a pairs list, or NO_HEADERS), with room for `extra` more entries. */
export function replyBegin(list: Str, extra: usize): void {
  const base = strPtr(list);
  const n: usize = strLen(list) >= 4 ? <usize>load<u32>(base) : 0;
  replyCapacity = n + extra;
  replyCount = 0;
  replyEntries = arenaAlloc(replyCapacity * 16 + 16);
  let text = base + 4 + n * 8;
  for (let i: usize = 0; i < n; i++) {
    const keyLen = <usize>load<u32>(base + 4 + i * 8);
    const valueLen = <usize>load<u32>(base + 8 + i * 8);
    replyPush(str(text, keyLen), str(text + keyLen + 1, valueLen));
    text += keyLen + valueLen + 2;
  }
}

function replyPush(key: Str, value: Str): void {
  if (replyCount >= replyCapacity) {
    // More entries than the compiler counted (it counts each write once): grow, in the arena like the rest.
    const grown = arenaAlloc(replyCapacity * 32 + 16);
    memory.copy(grown, replyEntries, replyCount * 16);
    replyEntries = grown;
    replyCapacity = replyCapacity * 2 + 1;
  }
  const at = replyEntries + replyCount * 16;
  store<u64>(at, key);
  store<u64>(at, value, 8);
  replyCount++;
}

function sameName(a: Str, b: Str): bool {
  return strLen(a) == strLen(b) && bytesEqual(strPtr(a), strPtr(b), strLen(a));
}

function hasPrefix(a: Str, prefix: Str): bool {
  return strLen(a) >= strLen(prefix) && bytesEqual(strPtr(a), strPtr(prefix), strLen(prefix));
}

/** Drops the entries whose key is `key` (or starts with it, with `prefix`), keeping the others' order. */
function replyDrop(key: Str, prefix: bool): void {
  let kept: usize = 0;
  for (let i: usize = 0; i < replyCount; i++) {
    const at = replyEntries + i * 16;
    const k = load<u64>(at);
    if (prefix ? hasPrefix(k, key) : sameName(k, key)) continue;
    if (kept != i) memory.copy(replyEntries + kept * 16, at, 16);
    kept++;
  }
  replyCount = kept;
}

/** Whether the reply has an entry of `key` (a computed `set_default` tests it before computing its value). */
export function replyHas(key: Str): bool {
  for (let i: usize = 0; i < replyCount; i++) if (sameName(load<u64>(replyEntries + i * 16), key)) return true;
  return false;
}

/** `set`: the value replaces every entry of `key`. A value with CR, LF or NUL is skipped with a warning. */
export function replySet(key: Str, value: Str): void {
  if (!checkValue(key, value)) return;
  replyDrop(key, false);
  replyPush(key, value);
}

/** `add`: one more entry. */
export function replyAdd(key: Str, value: Str): void {
  if (checkValue(key, value)) replyPush(key, value);
}

/** `set_default`: only when the reply has no entry of `key`. */
export function replySetDefault(key: Str, value: Str): void {
  if (!replyHas(key) && checkValue(key, value)) replyPush(key, value);
}

export function replyRemove(key: Str): void {
  replyDrop(key, false);
}

export function replyRemovePrefix(prefix: Str): void {
  replyDrop(prefix, true);
}

/** `rename`: the entries of `from` become entries of `to`, which loses its own (as renameHeader does). */
export function replyRename(from: Str, to: Str): void {
  if (sameName(from, to) || !replyHas(from)) return;
  replyDrop(to, false);
  for (let i: usize = 0; i < replyCount; i++) {
    const at = replyEntries + i * 16;
    if (sameName(load<u64>(at), from)) store<u64>(at, to);
  }
}

/** The edited list, serialized for proxy_send_local_response (NO_HEADERS when it is empty). */
export function replyFinish(): Str {
  if (replyCount == 0) return 0;
  let textSize: usize = 0;
  for (let i: usize = 0; i < replyCount; i++) {
    const at = replyEntries + i * 16;
    textSize += strLen(load<u64>(at)) + strLen(load<u64>(at, 8)) + 2;
  }
  const size = 4 + replyCount * 8 + textSize;
  const list = arenaAlloc(size);
  store<u32>(list, <u32>replyCount);
  let w = list + 4 + replyCount * 8;
  for (let i: usize = 0; i < replyCount; i++) {
    const at = replyEntries + i * 16;
    const key = load<u64>(at);
    const value = load<u64>(at, 8);
    store<u32>(list + 4 + i * 8, <u32>strLen(key));
    store<u32>(list + 8 + i * 8, <u32>strLen(value));
    w = put(w, key);
    store<u8>(w++, 0);
    w = put(w, value);
    store<u8>(w++, 0);
  }
  return str(list, size);
}
