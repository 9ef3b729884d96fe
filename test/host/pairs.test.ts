import { describe, expect, it } from "vitest";
import { HeaderMap } from "../../host/header-map.js";
import { BodyBuffer } from "../../host/body-buffer.js";
import { readModuleInfo } from "../../host/module-info.js";
import { decodePairs, encodePairs, type HeaderList } from "../../host/index.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s/g, ""), "hex"));

describe("header pairs wire format", () => {
  it("encodes the spec example (with its 0x49/0x50 erratum fixed)", () => {
    const bytes = encodePairs([
      ["a", "1"],
      ["b", "22"],
    ]);
    expect(bytes.length).toBe(29);
    expect(hex(bytes)).toBe("02000000" + "01000000" + "01000000" + "01000000" + "02000000" + "6100" + "3100" + "6200" + "323200");
  });

  it("round-trips, including empty values and UTF-8", () => {
    const pairs: HeaderList = [
      [":path", "/x?y=1"],
      ["x-empty", ""],
      ["x-utf8", "héllo"],
    ];
    expect(decodePairs(encodePairs(pairs))).toEqual(pairs);
    expect(encodePairs([])).toEqual(fromHex("00000000"));
    // Encoded in place, not through TextEncoder: the UTF-8 bytes and lengths must still be TextEncoder's.
    const utf8 = new TextEncoder().encode("héllo");
    expect(hex(encodePairs([["x-utf8", "héllo"]]))).toBe(
      "01000000" + "06000000" + "06000000" + hex(new TextEncoder().encode("x-utf8")) + "00" + hex(utf8) + "00",
    );
  });

  it("yields an empty list on any malformation, like cpp-host's toPairs", () => {
    const good = encodePairs([["a", "1"]]);
    expect(decodePairs(good)).toEqual([["a", "1"]]);
    expect(decodePairs(new Uint8Array(0))).toEqual([]);
    expect(decodePairs(Uint8Array.of(0))).toEqual([]); // the spec's other empty form
    expect(decodePairs(good.slice(0, good.length - 1))).toEqual([]); // truncated
    const missingNul = good.slice();
    missingNul[good.length - 1] = 0x41;
    expect(decodePairs(missingNul)).toEqual([]);
    expect(decodePairs(Uint8Array.from([...good, 0]))).toEqual([]); // trailing byte
    const tooMany = new Uint8Array(4 + 1025 * 10);
    new DataView(tooMany.buffer).setUint32(0, 1025, true);
    expect(decodePairs(tooMany)).toEqual([]);
    const atLimit = encodePairs(Array.from({ length: 1024 }, (_, i): [string, string] => [`k${i}`, "v"]));
    expect(decodePairs(atLimit)).toHaveLength(1024);
    const big = encodePairs([["k", "v".repeat(1024 * 1024)]]);
    expect(decodePairs(big)).toEqual([]); // over 1 MiB
    const lengthsPastEnd = fromHex("01000000 05000000 01000000 6100 3100");
    expect(decodePairs(lengthsPastEnd)).toEqual([]);
  });
});

describe("header map semantics", () => {
  // toList() hands out the map's own array; the map must copy it before changing, so a list taken earlier (a
  // stream's result, a trace event) keeps what the map held then.
  it("keeps lists it handed out as they were, whatever changes the map afterwards", () => {
    const map = new HeaderMap([
      [":status", "200"],
      ["server", "nginx"],
    ]);
    const before = map.toList();
    const snapshot = structuredClone(before);
    map.add("x-a", "1");
    const afterAdd = map.toList();
    map.replace("x-a", "2");
    map.remove("server");
    map.remove("not-there");
    expect(before).toEqual(snapshot);
    expect(afterAdd).toEqual([...snapshot, ["x-a", "1"]]);
    const beforeSet = map.toList();
    map.setAll([["x-b", "3"]]);
    expect(beforeSet).toEqual([
      [":status", "200"],
      ["x-a", "2"],
    ]);
    expect(map.toList()).toEqual([["x-b", "3"]]);
  });

  it("lower-cases keys, returns the first of repeated values, keeps pseudo-headers in front", () => {
    const map = new HeaderMap([
      [":method", "GET"],
      ["X-Dup", "1"],
      ["x-dup", "2"],
    ]);
    expect(map.get("x-DUP")).toBe("1");
    expect(map.getAll("x-dup")).toBe("1,2");
    map.add(":path", "/");
    map.add("x-last", "z");
    expect(map.toList().map(([k]) => k)).toEqual([":method", ":path", "x-dup", "x-dup", "x-last"]);
    // Envoy's setCopy removes every entry and appends one (pseudo-headers at the end of their block).
    map.replace("x-dup", "3");
    map.replace(":method", "POST");
    expect(map.toList()).toEqual([
      [":path", "/"],
      [":method", "POST"],
      ["x-last", "z"],
      ["x-dup", "3"],
    ]);
    map.remove("X-LAST");
    expect(map.byteSize()).toBe(":path/:methodPOSTx-dup3".length);
  });
});

describe("body buffer writes follow Envoy's Buffer::copyFrom", () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const dec = (b: BodyBuffer): string => new TextDecoder().decode(b.bytes);
  it("replaces a prefix, prepends, appends, and refuses splices", () => {
    const body = new BodyBuffer(enc("hello"));
    expect(body.write(0, 0, enc(">"))).toBe(0);
    expect(dec(body)).toBe(">hello");
    expect(body.write(6, 0, enc("<"))).toBe(0);
    expect(body.write(100, 3, enc("!"))).toBe(0);
    expect(dec(body)).toBe(">hello<!");
    expect(body.write(2, 1, enc("x"))).toBe(2);
    expect(body.write(0, 3, enc("x"))).toBe(0); // drains ">he", prepends "x"
    expect(dec(body)).toBe("xllo<!");
    expect(body.write(0, 8, enc("new"))).toBe(0);
    expect(dec(body)).toBe("new");
  });
});

describe("module reader", () => {
  it("reads imports with signatures, exports and the first ABI marker in export order", () => {
    // (module (import "env" "proxy_log" (func (param i32 i32 i32) (result i32)))
    //   (func $a) (export "proxy_abi_version_0_2_0" (func 1)) (export "proxy_abi_version_0_2_1" (func 1)))
    const wasm = fromHex(
      "0061736d01000000" +
        "010b02" + "60037f7f7f017f" + "600000" +
        "02110103656e760970726f78795f6c6f670000" +
        "03020101" +
        "07350217" +
        Buffer.from("proxy_abi_version_0_2_0").toString("hex") +
        "000117" +
        Buffer.from("proxy_abi_version_0_2_1").toString("hex") +
        "0001" +
        "0a040102000b",
    );
    expect(WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>)).toBe(true);
    const info = readModuleInfo(wasm);
    expect(info.abi).toBe("0.2.0");
    expect(info.imports).toEqual([
      { module: "env", name: "proxy_log", kind: "function", type: { params: ["i32", "i32", "i32"], results: ["i32"] } },
    ]);
    expect(info.exportType("proxy_abi_version_0_2_1")).toEqual({ params: [], results: [] });
  });
});
