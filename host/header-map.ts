/**
 * An Envoy-like header map: ordered entries, keys lower-cased on the way in, pseudo-headers (":...") kept in a
 * block at the front. Mirrors the HeaderMapImpl behaviours filters can observe: get returns the first value of a
 * repeated key, replace (setCopy) removes every entry of the key and appends one, remove drops them all.
 * Entries are never changed in place (a change replaces the entry), so lists handed out may share them.
 */

import type { HeaderList } from "./pairs.js";
import { utf8Length } from "./utf8.js";

export class HeaderMap {
  /** Entries in iteration order; keys are lower-case. */
  readonly entries: HeaderList;

  constructor(entries: HeaderList = []) {
    this.entries = [];
    for (const [key, value] of entries) this.add(key, value);
  }

  get size(): number {
    return this.entries.length;
  }

  get(key: string): string | undefined {
    const k = lowerCase(key);
    for (const entry of this.entries) if (entry[0] === k) return entry[1];
    return undefined;
  }

  /** Every value of a key joined by "," (how Envoy's attributes report repeated headers). */
  getAll(key: string): string | undefined {
    const k = lowerCase(key);
    let joined: string | undefined;
    for (const entry of this.entries) {
      if (entry[0] === k) joined = joined === undefined ? entry[1] : `${joined},${entry[1]}`;
    }
    return joined;
  }

  add(key: string, value: string): void {
    const k = lowerCase(key);
    const entries = this.entries;
    if (isPseudo(k) && entries.length > 0 && !isPseudo(entries[entries.length - 1]![0])) {
      // Envoy inserts pseudo-headers at the end of the leading pseudo-header block.
      let at = 0;
      while (isPseudo(entries[at]![0])) at++;
      entries.splice(at, 0, [k, value]);
    } else {
      entries.push([k, value]);
    }
  }

  /** Envoy's setCopy (http_set_copy_replace_all_headers): remove all, then add. */
  replace(key: string, value: string): void {
    this.remove(key);
    this.add(key, value);
  }

  remove(key: string): void {
    const k = lowerCase(key);
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]![0] === k) this.entries.splice(i, 1);
  }

  /** set_header_map_pairs: every existing key goes, then the pairs are added in order. */
  setAll(pairs: HeaderList): void {
    this.entries.length = 0;
    for (const [key, value] of pairs) this.add(key, value);
  }

  /** HeaderMap::byteSize(): key and value bytes of every entry, no separators. */
  byteSize(): number {
    let size = 0;
    for (const [key, value] of this.entries) size += utf8Length(key) + utf8Length(value);
    return size;
  }

  toList(): HeaderList {
    return this.entries.slice();
  }
}

function isPseudo(key: string): boolean {
  return key.charCodeAt(0) === 0x3a; // ":"
}

/** key.toLowerCase(), skipping the call (tens of ns) for the usual key that is lower-case ASCII already. */
function lowerCase(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return key.toLowerCase();
  }
  return key;
}
