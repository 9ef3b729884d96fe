/**
 * An Envoy-like header map: ordered entries, keys lower-cased on the way in, pseudo-headers (":...") kept in a
 * block at the front. Mirrors the HeaderMapImpl behaviours filters can observe: get returns the first value of a
 * repeated key, replace (setCopy) removes every entry of the key and appends one, remove drops them all.
 * Entries are never changed in place (a change replaces the entry), so lists handed out may share them. The list
 * itself is shared too: toList() hands out the map's own array and the map copies it before its next change
 * (most lists go into a stream's result after the map's last change, and copying them cost a slice each).
 */

import type { HeaderList } from "./pairs.js";
import { utf8Length } from "./utf8.js";

export class HeaderMap {
  /** Entries in iteration order; keys are lower-case. Read it, never change it: only the map's methods may. */
  entries: HeaderList;
  /** `entries` went out through toList(): copy it before changing it. */
  private shared = false;

  constructor(entries?: HeaderList, keep = false) {
    if (keep) {
      this.entries = entries!;
      return;
    }
    this.entries = [];
    if (entries !== undefined) for (const [key, value] of entries) this.add(key, value);
  }

  /** A map that keeps `entries` as its own: keys already lower-case, pseudo-headers already in front. */
  static ofLowerCase(entries: HeaderList): HeaderMap {
    return new HeaderMap(entries, true);
  }

  /** The entries, ready to change: a copy if they were handed out. */
  private own(): HeaderList {
    if (this.shared) {
      this.entries = this.entries.slice();
      this.shared = false;
    }
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }

  get(key: string): string | undefined {
    return this.getLower(key.toLowerCase());
  }

  /** get() of a key already in lower case (host calls read keys lower-cased: see GuestMemory.lowerString). */
  getLower(k: string): string | undefined {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry[0] === k) return entry[1];
    }
    return undefined;
  }

  /** Every value of a key joined by "," (how Envoy's attributes report repeated headers). */
  getAll(key: string): string | undefined {
    const k = key.toLowerCase();
    let joined: string | undefined;
    for (const entry of this.entries) {
      if (entry[0] === k) joined = joined === undefined ? entry[1] : `${joined},${entry[1]}`;
    }
    return joined;
  }

  add(key: string, value: string): void {
    this.addEntry([key.toLowerCase(), value]);
  }

  /** add() of an entry the host built with a lower-case key: kept as it is (lower-casing costs ~12 ns a key). */
  addEntry(entry: [string, string]): void {
    const entries = this.own();
    if (isPseudo(entry[0]) && entries.length > 0 && !isPseudo(entries[entries.length - 1]![0])) {
      // Envoy inserts pseudo-headers at the end of the leading pseudo-header block.
      let at = 0;
      while (isPseudo(entries[at]![0])) at++;
      entries.splice(at, 0, entry);
    } else {
      entries.push(entry);
    }
  }

  /** Envoy's setCopy (http_set_copy_replace_all_headers): remove all, then add. */
  replace(key: string, value: string): void {
    this.replaceLower(key.toLowerCase(), value);
  }

  /** replace() of a key already in lower case. */
  replaceLower(k: string, value: string): void {
    this.removeLower(k);
    this.addEntry([k, value]);
  }

  remove(key: string): void {
    this.removeLower(key.toLowerCase());
  }

  /** remove() of a key already in lower case, in one pass (no splice: most calls remove nothing or one entry). */
  removeLower(k: string): void {
    let kept = 0;
    while (kept < this.entries.length && this.entries[kept]![0] !== k) kept++;
    if (kept === this.entries.length) return;
    const entries = this.own();
    for (let i = kept + 1; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry[0] !== k) entries[kept++] = entry;
    }
    // pop() rather than setting length: TurboFan inlines it, the length setter is a builtin call.
    while (entries.length > kept) entries.pop();
  }

  /** set_header_map_pairs: every existing key goes, then the pairs are added in order. */
  setAll(pairs: HeaderList): void {
    this.entries = [];
    this.shared = false;
    for (const [key, value] of pairs) this.add(key, value);
  }

  /** HeaderMap::byteSize(): key and value bytes of every entry, no separators. */
  byteSize(): number {
    let size = 0;
    for (const [key, value] of this.entries) size += utf8Length(key) + utf8Length(value);
    return size;
  }

  /** The entries as a list to keep: a snapshot, as the map copies them before it changes (never change it). */
  toList(): HeaderList {
    this.shared = true;
    return this.entries;
  }
}

export function isPseudo(key: string): boolean {
  return key.charCodeAt(0) === 0x3a; // ":"
}
