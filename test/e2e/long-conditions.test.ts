import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileText, header } from "../support/compile.js";

/** `or`-ed (or `and`-ed) comparisons of a header against `count` values, in one condition. */
function chain(count: number, op: "or" | "and", compare: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => compare(i)).join(` ${op} `);
}

describe("a condition of 500 terms, the most the operator limit (E0121) allows", () => {
  it("builds and decides each term in order", async () => {
      const anyOf = chain(500, "or", (i) => `request.header["x-k"] == "v${i}"`);
      const noneOf = chain(500, "and", (i) => `request.header["x-n"] != "n${i}"`);
      const text = [`on request_headers when ${anyOf} set "x-any" = "yes"`, `on request_headers when ${noneOf} set "x-none" = "yes"`, ""].join("\n");
      // Separate tests (test sets off) are what asc nests deepest: every term is a call inside the chain.
      const host = await loadHost(await compileText(text, "long.fw", { testSets: false }), { trace: false });
      const run = (headers: Record<string, string>) => host.runStream({ request: { headers } }).upstreamRequest!.headers;
      expect(header(run({ "x-k": "v0" }), "x-any")).toBe("yes");
      expect(header(run({ "x-k": "v249" }), "x-any")).toBe("yes");
      expect(header(run({ "x-k": "v499" }), "x-any")).toBe("yes");
      expect(header(run({ "x-k": "v500" }), "x-any")).toBeUndefined();
      expect(header(run({ "x-n": "n499" }), "x-none")).toBeUndefined();
      expect(header(run({ "x-n": "n0" }), "x-none")).toBeUndefined();
      expect(header(run({ "x-n": "other" }), "x-none")).toBe("yes");
  });
});
