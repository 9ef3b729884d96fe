import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";

/**
 * An int field interpolates as its decimal text, and an absent one as the empty text (docs/language.md, "Missing
 * values"). `response.status` comes from the proxy as text already: filterc interpolates the digits it was sent,
 * less leading zeros, instead of parsing and formatting them, and that must read exactly as the number would.
 */
const program = `
rule "fake" on response_headers when exists(response.header["x-fake"]) set ":status" = "\${response.header["x-fake"]}"
on response_headers set "x-status" = "[\${response.status}]"
on request_headers set "x-port" = "[\${destination.port}]"
`;

/** What the language says `${response.status}` is: the parsed number's decimal form, or empty when it has none. */
function expectedText(status: string): string {
  return /^[0-9]{1,18}$/.test(status) ? String(BigInt(status)) : "";
}

describe("int fields as text", () => {
  it("interpolate response.status as the number it reads as", async () => {
    const host = await hostFor(program);
    for (const status of ["200", "0200", "000", "0", "7", "abc", "20x", "-5", "+5", " 200", "123456789012345678", "1234567890123456789"]) {
      const result = host.runStream({ response: { headers: { "x-fake": status } } });
      expect(header(result.response.headers, "x-status"), status).toBe(`[${expectedText(status)}]`);
    }
    expect(header(host.runStream({}).response.headers, "x-status")).toBe("[200]");
  });

  it("interpolate an absent int as the empty text", async () => {
    const host = await hostFor(program);
    // An int property of the wrong width reads as absent.
    const result = host.runStream({ properties: { "destination.port": "abc" } });
    expect(header(result.upstreamRequest!.headers, "x-port")).toBe("[]");
    expect(header(host.runStream({ destination: "10.0.0.1:9090" }).upstreamRequest!.headers, "x-port")).toBe("[9090]");
  });
});
