import { describe, expect, it } from "vitest";
import { functionDefinition } from "../../compiler/functions/registry.js";
import { interpret } from "../reference/interpreter.js";
import { exchangeOf } from "../reference/model.js";
import { header, hostFor } from "../support/compile.js";

/**
 * xxHash32 (seed 0) test vectors (docs/language.md, `hash(value)`). "", "a", "abc" and the 39-byte sentence (which
 * runs the 16-byte stripe loop) are the published ones (xxHash's and python-xxhash's); "é" is the two bytes c3 a9.
 */
const VECTORS: Array<[string, number]> = [
  ["", 0x02cc5d05],
  ["a", 0x550d7456],
  ["abc", 0x32d153ff],
  ["Nobody inspects the spammish repetition", 0xe2293b2f],
  ["user-1", 2755638957],
  ["é", 866461991],
];

const rules = 'on request_headers set "x-h" = "${hash(request.header["x-in"])}"';

describe("hash(value)", () => {
  it("gives the documented xxHash32 vectors in wasm, in the reference interpreter and in constant folding", async () => {
    const host = await hostFor(rules);
    const fold = functionDefinition("hash")!.fold!;
    for (const [input, expected] of VECTORS) {
      const wasm = header(host.runStream({ request: { headers: { "x-in": input } } }).upstreamRequest!.headers, "x-h");
      expect(wasm, JSON.stringify(input)).toBe(String(expected));
      const outcome = interpret(rules, exchangeOf({ request: { headers: [["x-in", input], ["x-request-id", "r"]] } }));
      expect(outcome.upstream?.find(([k]) => k === "x-h")?.[1], JSON.stringify(input)).toBe(String(expected));
      expect(fold([input]), JSON.stringify(input)).toBe(expected);
    }
  });

  it("is absent for an absent value: no comparison holds but !=, and it interpolates as nothing", async () => {
    const host = await hostFor(
      [
        'on request_headers when hash(request.header["x-none"]) >= 0 set "x-ge" = "1"',
        'on request_headers when hash(request.header["x-none"]) != 0 set "x-ne" = "1"',
        'on request_headers set "x-h" = "[${hash(request.header["x-none"])}]"',
      ].join("\n"),
    );
    const headers = host.runStream({}).upstreamRequest!.headers;
    expect(header(headers, "x-ge")).toBeUndefined();
    expect(header(headers, "x-ne")).toBe("1");
    expect(header(headers, "x-h")).toBe("[]");
  });

  it("hashes ints and bools as their text", async () => {
    const host = await hostFor(
      [
        'on request_headers when hash(destination.port) == hash("8080") set "x-port" = "1"',
        'on request_headers when hash(connection.mtls) == hash("false") set "x-mtls" = "1"',
        'param n = 7',
        'on request_headers when hash(n) == hash("7") set "x-param" = "1"',
      ].join("\n"),
    );
    const headers = host.runStream({ destination: "127.0.0.1:8080" }).upstreamRequest!.headers;
    expect(header(headers, "x-port")).toBe("1");
    expect(header(headers, "x-mtls")).toBe("1");
    expect(header(headers, "x-param")).toBe("1");
  });

  it("makes a sticky 10% canary: 10% +- 1% of 10,000 user ids, the same ids every time", async () => {
    const host = await hostFor('rule "canary" on request_headers when hash(request.cookie["uid"]) < 429496730 set "x-canary" = "1"');
    const inCanary = (id: number) => header(host.runStream({ request: { headers: { cookie: `uid=user-${id}` } } }).upstreamRequest!.headers, "x-canary") === "1";
    const chosen = Array.from({ length: 10_000 }, (_, id) => inCanary(id));
    const share = chosen.filter(Boolean).length / chosen.length;
    expect(share).toBeGreaterThanOrEqual(0.09);
    expect(share).toBeLessThanOrEqual(0.11);
    // Sticky: the same users on a second pass, in a fresh filter.
    const again = await hostFor('rule "canary" on request_headers when hash(request.cookie["uid"]) < 429496730 set "x-canary" = "1"');
    for (let id = 0; id < 500; id++) {
      const second = header(again.runStream({ request: { headers: { cookie: `uid=user-${id}` } } }).upstreamRequest!.headers, "x-canary") === "1";
      expect(second).toBe(chosen[id]);
    }
  });

  it("spreads sequential ids: user-0..user-999 give 10% +- 3% in a 10% canary, never 10 in a row", async () => {
    // FNV-1a 32 put 17 of user-20..user-37 in the canary: its last bytes barely reach the high bits.
    const host = await hostFor('rule "canary" on request_headers when hash(request.cookie["uid"]) < 429496730 set "x-canary" = "1"');
    const inCanary = (id: number) => header(host.runStream({ request: { headers: { cookie: `uid=user-${id}` } } }).upstreamRequest!.headers, "x-canary") === "1";
    const chosen = Array.from({ length: 1000 }, (_, id) => inCanary(id));
    const share = chosen.filter(Boolean).length / chosen.length;
    expect(share).toBeGreaterThanOrEqual(0.07);
    expect(share).toBeLessThanOrEqual(0.13);
    let run = 0;
    let longest = 0;
    for (const inside of chosen) {
      run = inside ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThan(10);
  });

  it("refuses a list", async () => {
    await expect(hostFor('param l = ["a"]\non request_headers when hash(l) == 1 set "x" = "1"')).rejects.toThrow(/E0224/);
  });
});
