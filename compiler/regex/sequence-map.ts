/**
 * A map keyed by integer sequences (NFA state sets during subset construction). Keys are hashed rather than
 * joined into strings: sets can hold thousands of states (e.g. unanchored `a{1000}`), and building a string per
 * lookup made construction quadratic in characters allocated.
 */
export class SequenceMap<V> {
  private readonly buckets = new Map<number, { readonly key: Int32Array; readonly value: V }[]>();

  get(key: Int32Array): V | undefined {
    const bucket = this.buckets.get(hashOf(key));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (equal(entry.key, key)) return entry.value;
    return undefined;
  }

  /** `get` of the key keys[from, from + length), without making it an array of its own. */
  getRange(keys: Int32Array, from: number, length: number): V | undefined {
    let hash = 0x811c9dc5 ^ length;
    for (let i = from; i < from + length; i++) hash = Math.imul(hash ^ keys[i]!, 0x01000193);
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return undefined;
    for (const entry of bucket) {
      if (entry.key.length !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = entry.key[i] === keys[from + i];
      if (same) return entry.value;
    }
    return undefined;
  }

  /**
   * Stores a copy of `key`, so callers may pass a view of a reused buffer; `owned` skips the copy when the caller
   * never modifies the key afterwards.
   */
  set(key: Int32Array, value: V, owned = false): void {
    const hash = hashOf(key);
    const entry = { key: owned ? key : key.slice(), value };
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, [entry]);
    else bucket.push(entry);
  }
}

function hashOf(key: Int32Array): number {
  let hash = 0x811c9dc5 ^ key.length;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key[i]!, 0x01000193);
  return hash;
}

function equal(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
