/**
 * Byte strings and tables the generated module keeps in static memory, each stored once however often the rules
 * use it. All of them share one data segment (each segment costs the module a few bytes of header): `DATA` is the
 * blob, and every item is a constant address inside it (`const D3: usize = DATA + 17`), which asc folds into the
 * code. Items are byte arrays with no alignment; the runtime reads their u16/u32/u64 fields unaligned.
 */
const utf8 = new TextEncoder();

/**
 * UTF-8 of a string constant. Most are short and ASCII, and copying their characters is several times cheaper than
 * a call into TextEncoder (a large rule file has hundreds of thousands of them); anything else goes to TextEncoder.
 */
function encodeText(value: string): Uint8Array {
  if (value.length > SHORT_TEXT) return utf8.encode(value);
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) return utf8.encode(value);
    bytes[i] = c;
  }
  return bytes;
}

const SHORT_TEXT = 64;

/**
 * Bytes as a string, one character per byte, for keying maps by content. A view, not a copy: `Buffer.from` of a
 * Uint8Array copies it first, which for every constant of a large rule file was a measurable part of lowering.
 */
export function bytesKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

export class StaticData {
  private readonly byContent = new Map<string, string>();
  /**
   * `text()`'s answers by string: a 10,000-rule file asks for the same texts (reply bodies, header names) over and
   * over, and each ask otherwise encodes the text and builds its byte key again. Safe because an item's name never
   * changes once stored (placeAt comes before any item).
   */
  private readonly byText = new Map<string, string>();
  /** Where each item starts in the blob, by name. */
  private readonly offsets = new Map<string, number>();
  private readonly lines: string[] = [];
  /** Where the wasm step places the blob, when it does (see placeAt). */
  private placedBase: number | undefined;
  /** The blob: its first `length` bytes; grown by doubling (a large rule file's tables take megabytes). */
  private blob = new Uint8Array(256);
  private length = 0;

  /** A UTF-8 string literal as a runtime `Str` expression. */
  text(value: string): string {
    const known = this.byText.get(value);
    if (known !== undefined) return known;
    const bytes = encodeText(value);
    const expression = bytes.length === 0 ? "EMPTY" : `str(${this.bytes(bytes, value)}, ${bytes.length})`;
    this.byText.set(value, expression);
    return expression;
  }

  /** A header list in the proxy-wasm pairs format (what `pairsFinish` builds at run time) as a `Str`. */
  pairs(headers: readonly (readonly [string, string])[]): string {
    const out = pairsBytes(headers);
    return `str(${this.bytes(out, headers.map(([k, v]) => `${k}: ${v}`).join(", "))}, ${out.length})`;
  }

  /**
   * Where `bytes` lie in the blob (relative to `DATA`), stored once as `bytes()` does: what a table in static data
   * (lower/rule-table.ts) points at instead of a `Dn` name.
   */
  locate(bytes: Uint8Array): { readonly offset: number; readonly length: number } {
    return { offset: this.offsets.get(this.bytes(bytes))!, length: bytes.length };
  }

  /** The name of a static byte array (for tables: regex DFAs, address lists, packed string lists). */
  bytes(bytes: Uint8Array, comment?: string): string {
    const key = bytesKey(bytes);
    const known = this.byContent.get(key);
    if (known !== undefined) return known;
    // Placed data has constant addresses: an item is its address, and needs no declaration for asc to parse.
    const name = this.placedBase === undefined ? `D${this.byContent.size}` : `${this.placedBase + this.length}`;
    this.byContent.set(key, name);
    this.offsets.set(name, this.length);
    // Placed data has no declarations, so no note either: a large rule file has hundreds of thousands of items.
    if (this.placedBase === undefined) this.lines.push(`const ${name}: usize = DATA + ${this.length};${comment === undefined ? "" : ` // ${printable(comment)}`}`);
    if (this.length + bytes.length > this.blob.length) {
      const grown = new Uint8Array(Math.max(2 * this.blob.length, this.length + bytes.length));
      grown.set(this.blob.subarray(0, this.length));
      this.blob = grown;
    }
    this.blob.set(bytes, this.length);
    this.length += bytes.length;
    return name;
  }

  /**
   * Has the wasm step place the blob at address `base` (`segment()`), below asc's own static data, instead of
   * writing it as an AssemblyScript array: asc compiles such a literal element by element, which took most of a
   * large program's build. Items are then their constant addresses. Before any item is stored.
   */
  placeAt(base: number): void {
    if (this.length > 0) throw new Error("internal: static data placed after items were stored");
    this.placedBase = base;
  }

  declarations(): string[] {
    if (this.byContent.size === 0) return [];
    if (this.placedBase === undefined) return [`const DATA = memory.data<u8>([${this.blob.subarray(0, this.length).join(",")}]);`, ...this.lines];
    return ["// @ts-ignore: decorator", `@inline const DATA: usize = ${this.placedBase};`];
  }

  /** The blob's bytes, for the wasm step to place at `DATA` (see declarations). */
  segment(): Uint8Array {
    return this.blob.slice(0, this.length);
  }
}

function printable(text: string): string {
  // The note goes in a `//` comment: anything but printable ASCII could end it or upset a reader.
  const clean = text.split("").map((c) => (c >= " " && c <= "~" ? c : "?")).join("");
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

/** The runtime's packed list format: u32 count, then per item u32 length and the bytes. */
export function packList(items: readonly string[]): Uint8Array {
  const encoded = items.map((item) => new TextEncoder().encode(item));
  const out = new Uint8Array(4 + encoded.reduce((n, e) => n + 4 + e.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, items.length, true);
  let at = 4;
  for (const e of encoded) {
    view.setUint32(at, e.length, true);
    out.set(e, at + 4);
    at += 4 + e.length;
  }
  return out;
}

/** The runtime's address table: u32 count, then 16 address bytes and a prefix length per entry. */
export function packAddressTable(entries: readonly { bytes: Uint8Array; prefix: number }[]): Uint8Array {
  const out = new Uint8Array(4 + entries.length * 17);
  new DataView(out.buffer).setUint32(0, entries.length, true);
  entries.forEach((entry, i) => {
    out.set(entry.bytes, 4 + i * 17);
    out[4 + i * 17 + 16] = entry.prefix;
  });
  return out;
}

/** A header list in the proxy-wasm pairs format. */
export function pairsBytes(headers: readonly (readonly [string, string])[]): Uint8Array {
  const encoded = headers.map(([k, v]) => [new TextEncoder().encode(k), new TextEncoder().encode(v)] as const);
  const out = new Uint8Array(4 + 8 * encoded.length + encoded.reduce((n, [k, v]) => n + k.length + v.length + 2, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, encoded.length, true);
  let at = 4 + 8 * encoded.length;
  encoded.forEach(([k, v], i) => {
    view.setUint32(4 + 8 * i, k.length, true);
    view.setUint32(8 + 8 * i, v.length, true);
    out.set(k, at);
    out.set(v, at + k.length + 1);
    at += k.length + v.length + 2;
  });
  return out;
}
