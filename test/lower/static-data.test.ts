import { describe, expect, it } from "vitest";
import { StaticData } from "../../compiler/lower/static-data.js";

// text() remembers its answers by string (a large rule file repeats reply bodies and header names): a repeated
// text must name the same bytes, stored once, in both the declared and the placed layout.
describe("StaticData.text", () => {
  it("stores a repeated text once and names it the same way each time (declared data)", () => {
    const data = new StaticData();
    const first = data.text("forbidden");
    const other = data.text("x-pool");
    expect(data.text("forbidden")).toBe(first);
    expect(other).not.toBe(first);
    expect(data.text("")).toBe("EMPTY");
    expect(data.text("")).toBe("EMPTY");
    // The blob holds each text's bytes once: 9 + 6.
    expect(data.segment().length).toBe(15);
    expect(data.declarations().filter((line) => /^const D\d/.test(line))).toHaveLength(2);
  });

  it("gives placed data the same address for a repeated text, and the bytes that text() stored by other ways", () => {
    const data = new StaticData();
    data.placeAt(1024);
    const first = data.text("pool-1");
    expect(first).toBe("str(1024, 6)");
    expect(data.text("pool-2")).toBe("str(1030, 6)");
    expect(data.text("pool-1")).toBe(first);
    // Content stored through bytes() first is found by text() too: one copy of "pool-3".
    const name = data.bytes(new TextEncoder().encode("pool-3"));
    expect(data.text("pool-3")).toBe(`str(${name}, 6)`);
    expect(Buffer.from(data.segment()).toString("latin1")).toBe("pool-1pool-2pool-3");
  });
});
