import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadHost, type StreamSpec } from "../../host/index.js";
import { compileText, readExample } from "../support/compile.js";

const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".fw"));

/** Requests that exercise every branch of the examples: allowed, refused, redirected, rewritten. */
const traffic: StreamSpec[] = [
  { request: { path: "/admin/x", headers: { "x-admin-token": "t" } }, source: "10.0.0.1:1" },
  { request: { path: "/admin/x" }, source: "203.0.113.1:1" },
  { request: { path: "/admin" }, source: "[2001:db8::1]:1" },
  { request: { path: "/v1/items" } },
  { request: { path: "/api/a", headers: { "x-canary": "true", cookie: "release=canary" } }, response: { status: 503, headers: { server: "x" } } },
  { request: { path: "/static/" + "x".repeat(200) }, response: { headers: { "content-security-policy": "a" } } },
];

describe("memory stays flat", () => {
  for (const name of examples) {
    it(`${name}: linear memory keeps its page count over 100,000 request/response cycles`, async () => {
      const host = await loadHost(await compileText(readExample(name), name), { trace: false, pluginConfig: "{}" });
      for (const spec of traffic) host.runStream(spec); // warm-up: first-time allocations (stream table, config)
      const pages = host.memoryPages();
      for (let i = 0; i < 100_000; i++) host.runStream(traffic[i % traffic.length]!);
      expect(host.memoryPages()).toBe(pages);
      expect(pages).toBe(1);
    });
  }
});
