import { describe, expect, it } from "vitest";
import { runChunkedRequest } from "../../bench/body-stream.js";
import type { StreamSpec } from "../../host/index.js";
import { benchHost, examples } from "./support.js";

/**
 * Memory bounded by the largest request (docs/language.md, "Holding the body"): a body phase's memory grows with
 * the largest body held, never with the number of requests. For each body size in turn, as a proxy delivers it
 * (16 KiB chunks, bench/body-stream.ts), the pages after the first cycle of that size equal the pages after the
 * last: whatever a size needs is taken once and reused.
 */
const SIZES = [1, 1024, 10 * 1024, 100 * 1024];
const CYCLES_PER_SIZE = 50;

const example = examples.find((e) => e.name === "body-guard")!;
const utf8 = new TextEncoder();

/** `size` bytes of harmless form data ("select" and "union", never "union select"), and the same with a refusal at the end. */
function body(size: number, refused = false): Uint8Array {
  const ending = refused ? " UNION ALL SELECT password" : "";
  const filler = "q=select+a+union&page=2&".repeat(Math.ceil(size / 24)).slice(0, Math.max(0, size - ending.length));
  return utf8.encode((filler + ending).slice(0, size));
}

const request = (size: number, refused = false): StreamSpec => ({
  request: { method: "POST", path: "/api/search", body: body(size, refused), headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(size) } },
  // The response body phase holds the same size on the way back.
  response: { body: body(size) },
});

describe("body-guard.fw: linear memory after the first cycle of each body size", () => {
  it("is the same after the last cycle of that size, for 1 B, 1 KB, 10 KB and 100 KB bodies", async () => {
    const host = await benchHost(example);
    const pages: Record<string, { afterFirst: number; afterLast: number }> = {};
    for (const size of SIZES) {
      const spec = request(size);
      let afterFirst = 0;
      for (let i = 0; i < CYCLES_PER_SIZE; i++) {
        const result = runChunkedRequest(host, spec);
        // The body went through to the upstream whole: the filter held it and let it go.
        expect(result.upstreamRequest?.body.length).toBe(size);
        if (i === 0) afterFirst = host.memoryPages();
      }
      pages[size] = { afterFirst, afterLast: host.memoryPages() };
    }
    expect(host.state).toBe("ok");
    const same = Object.fromEntries(SIZES.map((s) => [s, { afterFirst: pages[s]!.afterFirst, afterLast: pages[s]!.afterFirst }]));
    expect(pages).toEqual(same);
    // Holding 100 KB takes pages beyond the first: the bodies really were held in linear memory.
    expect(pages[100 * 1024]!.afterLast).toBeGreaterThan(1);
  });

  it("still reads the whole body: a refusal at the end of 100 KB in 16 KiB chunks is denied", async () => {
    const host = await benchHost(example);
    const result = runChunkedRequest(host, request(100 * 1024, true));
    expect(result.response.status).toBe(403);
    expect(result.upstreamRequest).toBeUndefined();
  });
});
