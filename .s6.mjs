import binaryen from "binaryen";
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
const mods = { none: mk(""), prop: mk("(drop (call $gp (i32.const 16) (i32.const 14) (i32.const 0) (i32.const 4)))"), header: mk("(drop (call $gh (i32.const 0) (i32.const 30) (i32.const 5) (i32.const 0) (i32.const 4)))") };
const hosts = {};
for (const [k, w] of Object.entries(mods)) hosts[k] = await loadHost(w, { trace: false });
const spec = { request: { path: "/admin/users", headers: { "x-admin-token": "t" } }, source: "10.1.2.3:50000" };
if (process.argv[2]) { const h = hosts.prop; for (let i = 0; i < 100000; i++) h.runStream(spec); process.exit(0); }
for (let rep = 0; rep < 4; rep++) for (const [k, h] of Object.entries(hosts)) {
  for (let i = 0; i < 3000; i++) h.runStream(spec);
  const t = process.hrtime.bigint(); for (let i = 0; i < 20000; i++) h.runStream(spec);
  console.log(k, Math.round(Number(process.hrtime.bigint() - t) / 20000), h.runStream(spec).hostCalls);
}
