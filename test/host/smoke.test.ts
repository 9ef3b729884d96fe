import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileFilter } from "./helpers.js";

describe("smoke", () => {
  it("loads the probe and runs a stream", async () => {
    const wasm = await compileFilter("probe");
    const host = await loadHost(wasm, { pluginConfig: "hello", rootId: "r", vmId: "v", pluginName: "p" });
    console.log(host.logs.map((l) => l.message));
    const r = host.runStream({ request: { headers: { "x-op": "mutate", "x-rep": "r1", "x-del": "gone" } } });
    console.log(JSON.stringify(r, (k, v) => (typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? new TextDecoder().decode(v) : v), 1).slice(0, 6000));
  });
});
