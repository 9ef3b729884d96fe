import { test } from "vitest";
import { compileAssemblyScript } from "../../compiler/asc.js";
test("x", async () => {
  const src = `
@external("env", "proxy_log")
declare function proxy_log(level: i32, ptr: usize, len: usize): i32;
export function proxy_abi_version_0_2_1(): void {}
export function proxy_on_memory_allocate(size: usize): usize { return heap.alloc(size); }
export function proxy_on_request_headers(ctx: u32, n: u32, eos: u32): u32 {
  const s = String.UTF8.encode("hi " + ctx.toString());
  proxy_log(2, changetype<usize>(s), s.byteLength);
  if (n == 99) unreachable();
  return 0;
}
`;
  const t = Date.now();
  const out = await compileAssemblyScript({ files: { "f.ts": src }, entry: "f.ts", optimize: "size", debug: true, mountRuntime: false, wat: true });
  console.log(Date.now() - t, out.errors, out.binary?.length);
  console.log(out.wat);
});
