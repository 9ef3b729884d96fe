/** A set of byte values 0..255: the label of one NFA transition. Eight 32-bit words, bit `b` = byte `b`. */
export class ByteSet {
  private readonly words = new Uint32Array(8);

  static of(...bytes: number[]): ByteSet {
    const set = new ByteSet();
    for (const b of bytes) set.add(b);
    return set;
  }

  static range(lo: number, hi: number): ByteSet {
    return new ByteSet().addRange(lo, hi);
  }

  static all(): ByteSet {
    return new ByteSet().addRange(0, 255);
  }

  add(b: number): this {
    this.words[b >>> 5]! |= 1 << (b & 31);
    return this;
  }

  addRange(lo: number, hi: number): this {
    for (let b = lo; b <= hi; b++) this.add(b);
    return this;
  }

  addSet(other: ByteSet): this {
    for (let i = 0; i < 8; i++) this.words[i]! |= other.words[i]!;
    return this;
  }

  has(b: number): boolean {
    return (this.words[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  isEmpty(): boolean {
    return this.words.every((w) => w === 0);
  }

  complement(): ByteSet {
    const result = new ByteSet();
    for (let i = 0; i < 8; i++) result.words[i] = ~this.words[i]!;
    return result;
  }

  /** The set plus the other case of every ASCII letter in it: `(?i)` folds ASCII only, as documented. */
  foldAsciiCase(): ByteSet {
    const result = new ByteSet().addSet(this);
    for (let b = 0x41; b <= 0x5a; b++) {
      if (this.has(b)) result.add(b + 0x20);
      if (this.has(b + 0x20)) result.add(b);
    }
    return result;
  }

  /** Bit `b & 31` of word `b >> 5` is byte `b`; for loops over all bytes that test many sets. */
  word(index: number): number {
    return this.words[index]!;
  }
}
