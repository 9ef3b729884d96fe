import binaryen from "binaryen";
import { PerformanceObserver } from "node:perf_hooks";
import { loadHost } from "./dist/host/index.js";
const mk = (body) => { const m = binaryen.parseText(`(module
 (import "env" "proxy_get_property" (func $gp (param i32 i32 i32 i32) (result i32)))
 (import "env" "proxy_get_header_map_value" (func $gh (param i32 i32 i32 i32 i32) (result i32)))
 (memory (export "memory") 1)
 (data (i32.const 16) "source\\00address:path")
 (global $top (mut i32) (i32.const 1024))
 (func (export "proxy_abi_version_0_2_1"))
 (func (export "malloc") (param i32) (result i32) (local $p i32) (local.set $p (global.get $top)) (global.set $top (i32.add (global.get $top) (i32.and (i32.add (local.get 0) (i32.const 7)) (i32.const -8)))) (local.get $p))
 (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) ${body} (global.set $top (i32.const 1024)) (i32.const 0))
)`); m.setFeatures(binaryen.Features.All); return m.emitBinary(); };
let gcMs = 0, gcs = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcMs += e.duration; gcs++; } }).observe({ entryTypes: ["gc"] });
const spec = { request: { path: "/admin/users" }, source: "10.1.2.3:50000" };
for (const [k, body] of [["none", ""], ["prop", "(drop (call $gp (i32.const 16) (i32.const 14) (i32.const 0) (i32.const 4)))"]]) {
  const h = await loadHost(mk(body), { trace: false });
  for (let i = 0; i < 5000; i++) h.runStream(spec);
  await new Promise(r => setTimeout(r, 10));
  gcMs = 0; gcs = 0;
  const heap0 = process.memoryUsage().heapUsed;
  const t = process.hrtime.bigint(); for (let i = 0; i < 20000; i++) h.runStream(spec);
  const el = Number(process.hrtime.bigint() - t) / 20000;
  await new Promise(r => setTimeout(r, 10));
  console.log(k, Math.round(el), "ns; gc events", gcs, "gc ms", gcMs.toFixed(0), "heap delta MB", ((process.memoryUsage().heapUsed - heap0)/1e6).toFixed(1));
}
