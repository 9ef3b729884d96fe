import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileText, header } from "../support/compile.js";

/** 1,000 rules of a realistic mix: path prefixes, header equality, regexes and address lists. */
function manyRules(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        lines.push(`rule "r${i}" on request_headers when request.path starts_with "/p${i}/" set "x-prefix" = "${i}"`);
        break;
      case 1:
        lines.push(`on request_headers when request.header["x-h${i % 50}"] == "v${i}" set "x-equal" = "${i}"`);
        break;
      case 2:
        lines.push(`on request_headers when request.path matches "^/r${i}/[0-9]+$" deny 403`);
        break;
      default:
        lines.push(`on request_headers when source.address in ["10.${i % 250}.0.0/16", "192.168.${i % 250}.1"] set "x-net" = "${i}"`);
    }
  }
  return lines.join("\n") + "\n";
}

describe("a rule set of 1,000 rules", () => {
  it("builds (its static data spans several pages) and runs every kind of rule, the last ones included", async () => {
    const wasm = await compileText(manyRules(1000), "many.fw");
    const host = await loadHost(wasm, { trace: false });
    expect(header(host.runStream({ request: { path: "/p996/x" } }).upstreamRequest!.headers, "x-prefix")).toBe("996");
    expect(header(host.runStream({ request: { headers: { "x-h47": "v997" } } }).upstreamRequest!.headers, "x-equal")).toBe("997");
    expect(host.runStream({ request: { path: "/r998/42" } }).localResponse?.status).toBe(403);
    expect(header(host.runStream({ source: "10.249.3.4:1" }).upstreamRequest!.headers, "x-net")).toBe("999");
    const none = host.runStream({ request: { path: "/nothing" }, source: "203.0.113.1:1" });
    expect(none.localResponse).toBeUndefined();
    expect(none.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-"))).toEqual([["x-request-id", none.upstreamRequest!.headers.find(([k]) => k === "x-request-id")![1]]]);
  });
});
