import { describe, expect, it } from "vitest";
import { loadHost, type StreamSpec } from "../../host/index.js";
import { compileFilter } from "./helpers.js";

describe("endurance", () => {
  it("survives 100,000 streams through a filter trapping on every tenth, under reload", async () => {
    const host = await loadHost(await compileFilter("trap-every"), { failurePolicy: "reload", trace: false });
    const plain: StreamSpec = {};
    const trapping: StreamSpec = { request: { headers: { "x-trap": "1" } } };
    const counts = { ok: 0, failed: 0, other: 0 };
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let i = 1; i <= 100_000; i++) {
      const r = host.runStream(i % 10 === 0 ? trapping : plain);
      if (r.response.status === 200 && r.response.headers.length === 2) counts.ok++;
      else if (r.response.status === 503 && r.response.details === "wasm_fail_stream" && r.trap !== undefined) counts.failed++;
      else counts.other++;
    }
    const seconds = (performance.now() - started) / 1000;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(counts).toEqual({ ok: 90_000, failed: 10_000, other: 0 });
    expect(host.state).toBe("failed"); // the last stream trapped; the next one would reload
    expect(host.runStream().response.status).toBe(200);
    expect(host.memoryPages()).toBe(1);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    // The time is reported, not asserted: on a shared 2-core machine it says more about the load than the host.
    console.log(`100k streams (10k traps, 10k reloads): ${seconds.toFixed(2)} s, heap growth ${(heapGrowth / 1048576).toFixed(1)} MiB`);
  });
});
