import { describe, expect, it } from "vitest";
import { GuestMemory } from "../../host/memory.js";
import { decodePairs, encodePairs, pairsByteLength, type HeaderList } from "../../host/pairs.js";
import { utf8 as hostText, utf8Length } from "../../host/utf8.js";

const utf8 = new TextEncoder();

function memoryWith(at: number, bytes: Uint8Array): { memory: GuestMemory; raw: WebAssembly.Memory } {
  const raw = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  new Uint8Array(raw.buffer).set(bytes, at);
  return { memory: new GuestMemory(raw), raw };
}

// The fast paths (interned short ASCII strings, byte loops for small copies) must read exactly what TextDecoder
// and slice() would.
describe("guest memory strings and copies", () => {
  it("reads changed bytes as new text: the intern table checks every byte", () => {
    const { memory, raw } = memoryWith(100, utf8.encode("x-probe"));
    expect(memory.string(100, 7)).toBe("x-probe");
    expect(memory.string(100, 7)).toBe("x-probe");
    new Uint8Array(raw.buffer).set(utf8.encode("x-proBE"), 100);
    expect(memory.string(100, 7)).toBe("x-proBE");
    expect(memory.string(100, 0)).toBe("");
    expect(memory.string(65536 - 3, 4)).toBeUndefined();
  });

  it("reads keys lower-cased, following changed bytes and non-ASCII text", () => {
    const { memory, raw } = memoryWith(100, utf8.encode("X-Probe"));
    expect(memory.lowerString(100, 7)).toBe("x-probe");
    expect(memory.string(100, 7)).toBe("X-Probe");
    expect(memory.lowerString(100, 7)).toBe("x-probe");
    new Uint8Array(raw.buffer).set(utf8.encode("Y-Probe"), 100);
    expect(memory.lowerString(100, 7)).toBe("y-probe");
    new Uint8Array(raw.buffer).set(utf8.encode("É-Probe"), 100);
    expect(memory.lowerString(100, 8)).toBe("é-probe");
    expect(memory.lowerString(100, 0)).toBe("");
    expect(memory.lowerString(65536 - 3, 4)).toBeUndefined();
  });

  it("tells apart long strings that differ only between the bytes it hashes", () => {
    const a = "x".repeat(21) + "a" + "x".repeat(18);
    const b = "x".repeat(21) + "b" + "x".repeat(18);
    const { memory, raw } = memoryWith(0, utf8.encode(a + b));
    for (let i = 0; i < 3; i++) {
      expect(memory.string(0, 40)).toBe(a);
      expect(memory.string(40, 40)).toBe(b);
    }
    // 0xC3 before "x" is no UTF-8 character: the byte is kept as U+DCC3 (host/utf8.ts).
    new Uint8Array(raw.buffer)[21] = 0xc3;
    expect(memory.string(0, 40)).toBe("x".repeat(21) + "\udcc3" + "x".repeat(18));
  });

  it("decodes UTF-8, and keeps each byte that is not part of a character as U+DC80-U+DCFF, which encodes back to it", () => {
    const bytes = new Uint8Array([0x68, 0xc3, 0xa9, 0xff, 0x21, 0xe2, 0x82, 0xc0, 0xed, 0xa0, 0x80, 0xef, 0xbf, 0xbd, 0xef, 0xbb, 0xbf]);
    const { memory } = memoryWith(8, bytes);
    const text = memory.string(8, bytes.length)!;
    // An overlong or truncated sequence and an encoded surrogate are bytes; the encoded U+FFFD and a BOM are characters.
    expect(text).toBe("h\u00e9\udcff!\udce2\udc82\udcc0\udced\udca0\udc80\ufffd\ufeff");
    expect(hostText.encode(text)).toEqual(bytes);
    expect(utf8Length(text)).toBe(bytes.length);
    // A lone surrogate outside U+DC80-U+DCFF is still written as U+FFFD, as TextEncoder does.
    expect(hostText.encode("\ud800\udc00\udbff")).toEqual(utf8.encode("\ud800\udc00\udbff"));
  });

  it("reads long strings whole", () => {
    const text = "a".repeat(70) + "é" + "b".repeat(200);
    const { memory } = memoryWith(0, utf8.encode(text));
    expect(memory.string(0, utf8Length(text))).toBe(text);
  });

  it("sees memory.grow", () => {
    const { memory, raw } = memoryWith(0, new Uint8Array(0));
    raw.grow(1);
    new Uint8Array(raw.buffer).set(utf8.encode("late"), 70000);
    expect(memory.string(70000, 4)).toBe("late");
    expect(memory.copy(70000, 4)).toEqual(utf8.encode("late"));
  });

  it("copies are the host's own: later guest writes do not show through", () => {
    const { memory, raw } = memoryWith(10, new Uint8Array([1, 2, 3]));
    const small = memory.copy(10, 3)!;
    const large = memory.copy(10, 100)!;
    new Uint8Array(raw.buffer)[10] = 9;
    expect([...small]).toEqual([1, 2, 3]);
    expect(large[0]).toBe(1);
    expect(memory.copy(10, 0)!.length).toBe(0);
    expect(memory.copy(65535, 2)).toBeUndefined();
  });

  it("writes UTF-8 for ASCII, non-ASCII and lone surrogates like TextEncoder", () => {
    for (const text of ["content-type", "héllo wörld", "x\ud800y", "z".repeat(100)]) {
      const { memory, raw } = memoryWith(0, new Uint8Array(0));
      const length = utf8Length(text);
      expect(length).toBe(utf8.encode(text).length);
      expect(memory.setString(500, text, length)).toBe(true);
      expect(new Uint8Array(raw.buffer, 500, length)).toEqual(utf8.encode(text));
      expect(memory.setString(65536 - 1, text, length)).toBe(false);
    }
  });

  it("tells apart short strings that differ only in their last bytes (compared a word at a time)", () => {
    for (let length = 1; length <= 9; length++) {
      const a = "k".repeat(length);
      const b = "k".repeat(length - 1) + "q";
      const { memory, raw } = memoryWith(3, utf8.encode(a));
      expect(memory.string(3, length)).toBe(a);
      new Uint8Array(raw.buffer).set(utf8.encode(b), 3);
      expect(memory.string(3, length)).toBe(b);
      expect(memory.lowerString(3, length)).toBe(b);
    }
  });
});

// Pairs read and written in place must match decodePairs/encodePairs exactly, malformed input included.
describe("header pairs in guest memory", () => {
  const pairs: HeaderList = [
    [":Status", "403"],
    ["WWW-Authenticate", "Token"],
    ["x-utf8", "héllo"],
    ["x-empty", ""],
  ];

  it("reads pairs like decodePairs, keys lower-cased when asked, and follows changed bytes", () => {
    const bytes = encodePairs(pairs);
    const { memory, raw } = memoryWith(50, bytes);
    expect(memory.pairs(50, bytes.length, false)).toEqual(decodePairs(bytes));
    expect(memory.pairs(50, bytes.length, true)).toEqual(pairs.map(([k, v]) => [k.toLowerCase(), v]));
    new Uint8Array(raw.buffer).set(utf8.encode("Basic"), 50 + Buffer.from(bytes).indexOf("Token"));
    expect(memory.pairs(50, bytes.length, false)![1]).toEqual(["WWW-Authenticate", "Basic"]);
    expect(memory.pairs(50, bytes.length - 1, false)).toEqual([]); // truncated: malformed, so empty
    expect(memory.pairs(50, 0, false)).toEqual([]);
    expect(memory.pairs(65536 - 4, 8, false)).toBeUndefined();
  });

  it("writes the bytes encodePairs makes, non-ASCII and lone surrogates included", () => {
    const odd: HeaderList = [...pairs, ["x-surrogate", "a\ud800b"]];
    const length = pairsByteLength(odd);
    const { memory, raw } = memoryWith(0, new Uint8Array(0));
    expect(memory.setPairs(7, odd, length)).toBe(true);
    expect(new Uint8Array(raw.buffer, 7, length)).toEqual(encodePairs(odd));
    expect(memory.setPairs(65536 - length + 1, odd, length)).toBe(false);
  });
});
