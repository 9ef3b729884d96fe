import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";

/**
 * `contains any`, `starts_with any` and `ends_with any` over list params (the default's automaton built at compile
 * time, a configured list's at configure time) and list literals, run in the host.
 */
const rules = `
param words = ["he", "she", "hers"]
on request_headers when request.header["x-v"] contains any words set "x-c" = "1"
on request_headers when request.header["x-v"] starts_with any words set "x-s" = "1"
on request_headers when request.header["x-v"] ends_with any words set "x-e" = "1"
on request_headers when not (request.header["x-v"] contains any words) set "x-not-c" = "1"
`;

type Host = Awaited<ReturnType<typeof hostFor>>;

/** Which of contains, starts_with and ends_with held for the value (`undefined`: the header is absent). */
function verdicts(host: Host, value: string | undefined): string {
  const headers: Array<[string, string]> = value === undefined ? [] : [["x-v", value]];
  const out = host.runStream({ request: { headers } }).upstreamRequest?.headers ?? [];
  return ["c", "s", "e"].filter((k) => header(out, `x-${k}`) === "1").join("") || "-";
}

describe("contains any / starts_with any / ends_with any", () => {
  it("match a list param's default", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    expect(verdicts(host, "ushers")).toBe("ce");
    expect(verdicts(host, "hers")).toBe("cse");
    expect(verdicts(host, "she sells")).toBe("cs");
    expect(verdicts(host, "the")).toBe("ce");
    expect(verdicts(host, "hxe")).toBe("-");
    expect(verdicts(host, "")).toBe("-");
  });

  it("are false for an absent value, and `not` of them true", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    expect(verdicts(host, undefined)).toBe("-");
    const out = host.runStream({ request: { headers: [] } }).upstreamRequest?.headers ?? [];
    expect(header(out, "x-not-c")).toBe("1");
  });

  it("follow the configured list, and the default again when the configuration goes", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ words: ["abcd", "bc", "x"] }) });
    // "abcx": the automaton is inside "abc" when "x" fails, and the fail link to "bc" is an item.
    expect(verdicts(host, "abcx")).toBe("ce");
    expect(verdicts(host, "abd")).toBe("-");
    expect(verdicts(host, "ushers")).toBe("-");
    expect(host.reconfigure(JSON.stringify({ words: ["rs"] }))).toBe(true);
    expect(verdicts(host, "ushers")).toBe("ce");
    expect(host.reconfigure("")).toBe(true);
    expect(verdicts(host, "she")).toBe("cse");
  });

  it("never match an empty list, and always match a present value with an empty item", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ words: [] }) });
    expect(verdicts(host, "she")).toBe("-");
    expect(host.reconfigure(JSON.stringify({ words: ["zz", ""] }))).toBe(true);
    expect(verdicts(host, "she")).toBe("cse");
    expect(verdicts(host, "")).toBe("cse");
    expect(verdicts(host, undefined)).toBe("-");
    const literal = await hostFor(`on request_headers when request.header["x-v"] contains any [] set "x-c" = "1"`, { logLevel: 0 });
    expect(verdicts(literal, "anything")).toBe("-");
  });

  it("match list literals, with non-ASCII items and values", async () => {
    const host = await hostFor(
      `
on request_headers when request.header["x-v"] contains any ["😀", "\u00e9t\u00e9"] set "x-c" = "1"
on request_headers when request.header["x-v"] starts_with any ["caf", "\u00e9"] set "x-s" = "1"
on request_headers when request.header["x-v"] ends_with any ["\u00e9", "é!"] set "x-e" = "1"
`,
      { logLevel: 0 },
    );
    expect(verdicts(host, "café")).toBe("se");
    expect(verdicts(host, "un été")).toBe("ce");
    expect(verdicts(host, "é😀")).toBe("cs");
    // The last byte of "é" (0xA9) alone is not "é": items are matched as whole byte sequences.
    expect(verdicts(host, "e\u0301")).toBe("-");
  });

  it("agree with a plain substring search on many values and configured lists", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const word = (max: number) => Array.from({ length: 1 + random(max) }, () => "abé"[random(3)]).join("");
    for (let round = 0; round < 20; round++) {
      const words = Array.from({ length: random(6) }, () => word(4));
      expect(host.reconfigure(JSON.stringify({ words }))).toBe(true);
      for (let i = 0; i < 25; i++) {
        const value = word(10);
        const expected = (words.some((w) => value.includes(w)) ? "c" : "") + (words.some((w) => value.startsWith(w)) ? "s" : "") + (words.some((w) => value.endsWith(w)) ? "e" : "");
        expect(verdicts(host, value), `${JSON.stringify(words)} on ${value}`).toBe(expected || "-");
      }
    }
  });

  it("keep the default for a configured list past maxListBytes, with a warning", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ words: ["0123456789", "x"] }) }, { maxListBytes: 10 });
    expect(host.logs.map((l) => l.message)).toContain("plugin configuration: list past maxListBytes, default kept for words");
    expect(verdicts(host, "ushers")).toBe("ce");
    expect(verdicts(host, "x")).toBe("-");
    // Exactly the limit is within it.
    expect(host.reconfigure(JSON.stringify({ words: ["0123456789"] }))).toBe(true);
    expect(verdicts(host, "a0123456789")).toBe("ce");
  });

  it("keep memory flat over many requests and configurations", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    const big = Array.from({ length: 1000 }, (_, i) => `agent-${i}/`);
    expect(host.reconfigure(JSON.stringify({ words: big }))).toBe(true);
    verdicts(host, "warm-up");
    const pages = host.memoryPages();
    for (let i = 0; i < 2_000; i++) {
      const value = `Mozilla agent-${i % 1500}/1.0 ${"z".repeat(i % 700)}`;
      expect(verdicts(host, value)).toBe(i % 1500 < 1000 ? "c" : "-");
    }
    expect(host.memoryPages()).toBe(pages);
    // Each configuration frees the last one's automata; after one round of the sizes in use, blocks are reused and
    // memory stays where the largest configuration set it.
    const configure = (i: number) => expect(host.reconfigure(JSON.stringify({ words: big.slice(i % 7) }))).toBe(true);
    for (let i = 0; i < 14; i++) configure(i);
    const configured = host.memoryPages();
    for (let i = 0; i < 300; i++) configure(i);
    expect(host.memoryPages()).toBe(configured);
    expect(verdicts(host, "xx agent-999/")).toBe("ce");
  });
});
