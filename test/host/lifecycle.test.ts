import { beforeAll, describe, expect, it } from "vitest";
import { HostLoadError, loadHost, type HostOptions, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, compileSource, line } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("probe");
});

async function probe(options: HostOptions = {}): Promise<ProxyWasmHost> {
  return loadHost(wasm, options);
}

/** The HostLoadError of loading `module` (bytes, or an attempt already under way). */
async function loadError(module: Uint8Array | Promise<Uint8Array> | Promise<ProxyWasmHost>): Promise<HostLoadError> {
  try {
    const value = await module;
    if (value instanceof Uint8Array) await loadHost(value);
  } catch (error) {
    if (error instanceof HostLoadError) return error;
    throw error;
  }
  throw new Error("the module loaded");
}

const PREAMBLE = `
import { info } from "./abi";
export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";
`;

describe("loading like Envoy", () => {
  it("refuses a module importing a function Envoy lacks (AssemblyScript's env.abort)", async () => {
    const error = await loadError(
      compileSource(`${PREAMBLE}
// @ts-ignore: decorator
@external("env", "abort") declare function envAbort(m: usize, f: usize, l: u32, c: u32): void;
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { if (n == 99) envAbort(0, 0, 0, 0); return 0; }`),
    );
    expect(error.message).toBe("Failed to load Wasm module due to a missing import: env.abort");
    expect(error.failState).toBe("UnableToInitializeCode");
  });

  it("checks import signatures exactly", async () => {
    const error = await loadError(
      compileSource(`${PREAMBLE}
// @ts-ignore: decorator
@external("env", "proxy_log") declare function shortLog(level: i32, ptr: usize): i32;
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { shortLog(2, 0); return 0; }`),
    );
    expect(error.message).toBe(
      "Failed to load Wasm module due to an import type mismatch: env.proxy_log, want: i32 i32 -> i32, but host exports: i32 i32 i32 -> i32",
    );
  });

  it("offers proxy_get_log_level only to modules declaring ABI 0.2.1", async () => {
    const error = await loadError(
      compileSource(`
import { proxy_get_log_level, RET_U32 } from "./abi";
export { proxy_on_memory_allocate } from "./abi";
export function proxy_abi_version_0_2_0(): void {}
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { proxy_get_log_level(RET_U32); return 0; }`),
    );
    expect(error.message).toBe("Failed to load Wasm module due to a missing import: env.proxy_get_log_level");
  });

  it("needs the ABI marker and an allocator", async () => {
    const noMarker = await loadError(
      compileSource(`export { proxy_on_memory_allocate } from "./abi";
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { return 0; }`),
    );
    expect(noMarker.message).toBe("Missing or unknown Proxy-Wasm ABI version");
    const noAllocator = await loadError(
      compileSource(`export { proxy_abi_version_0_2_1 } from "./abi";
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { return 0; }`),
    );
    expect(noAllocator.message).toBe("Wasm module is missing malloc function.");
    expect(noAllocator.failState).toBe("MissingFunction");
  });

  it("checks the signatures of the callbacks it looks up", async () => {
    const error = await loadError(
      compileSource(`${PREAMBLE}
export function proxy_on_request_headers(c: u32, n: u32): u32 { return 0; }`),
    );
    expect(error.message).toBe(
      "Bad function signature for: proxy_on_request_headers, want: i32 i32 i32 -> i32, but the module exports: i32 i32 -> i32",
    );
  });

  it("reports corrupt and invalid modules", async () => {
    expect((await loadError(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9))).message).toBe("Failed to parse corrupted Wasm module");
    const bad = Uint8Array.from([...Buffer.from("0061736d01000000", "hex"), ...Buffer.from("0a0401020000", "hex")]);
    expect((await loadError(bad)).message).toBe("Missing or unknown Proxy-Wasm ABI version");
  });

  it("allows only logging (and most WASI) while the start functions run", async () => {
    const logging = await loadHost(
      await compileSource(`${PREAMBLE}
info("hello from _initialize");
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { return 0; }`),
    );
    expect(logging.logs[0]).toMatchObject({ message: "hello from _initialize", contextId: 0 });
    const error = await loadError(
      compileSource(`${PREAMBLE}
import { proxy_set_tick_period_milliseconds } from "./abi";
proxy_set_tick_period_milliseconds(10);
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 { return 0; }`),
    );
    expect(error.failState).toBe("RuntimeError");
    expect(error.message).toMatch(/^Failed to initialize Wasm code: Function: _initialize failed: Uncaught RuntimeError: restricted_callback/);
  });

  it("allows only logging and clocks inside the allocator, failing the VM otherwise", async () => {
    const filter = await compileSource(`
import { getHeader, info, lastStatus, proxy_log, proxy_set_tick_period_milliseconds } from "./abi";
export { proxy_abi_version_0_2_1 } from "./abi";
let strict = false;
export function proxy_on_memory_allocate(size: usize): usize {
  proxy_log(1, 0, 0);
  if (strict) proxy_set_tick_period_milliseconds(1);
  return heap.alloc(size);
}
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 {
  getHeader(0, ":path");
  info("lenient st=" + lastStatus.toString());
  strict = true;
  getHeader(0, ":path");
  info("strict st=" + lastStatus.toString());
  return 0;
}`);
    const host = await loadHost(filter);
    const r = host.runStream();
    expect(line(r.logs, "lenient")).toBe("lenient st=0");
    expect(line(r.logs, "strict")).toBe("strict st=6");
    expect(r.trap).toMatchObject({ message: "restricted_callback", callback: "proxy_on_memory_allocate" });
    expect(r.response).toMatchObject({ status: 503, details: "wasm_fail_stream" });
  });

  it("allocates returned buffers with malloc before proxy_on_memory_allocate, and never for empty results", async () => {
    const host = await loadHost(
      await compileSource(`
import { getHeader, info } from "./abi";
export { proxy_abi_version_0_2_1 } from "./abi";
let viaMalloc = 0;
let viaOther = 0;
export function malloc(size: usize): usize { viaMalloc++; return heap.alloc(size); }
export function proxy_on_memory_allocate(size: usize): usize { viaOther++; return heap.alloc(size); }
export function proxy_on_request_headers(c: u32, n: u32, e: u32): u32 {
  getHeader(0, "x-empty");
  const afterEmpty = viaMalloc;
  getHeader(0, ":path");
  info("allocations empty=" + afterEmpty.toString() + " path=" + viaMalloc.toString() + " other=" + viaOther.toString());
  return 0;
}`),
    );
    expect(line(host.runStream({ request: { headers: { "x-empty": "" } } }).logs, "allocations")).toBe("allocations empty=0 path=1 other=0");
  });

  it("rejects a VM whose proxy_on_vm_start or proxy_on_configure fails", async () => {
    const start = await loadError(probe({ vmConfig: "reject-start" }));
    expect(start.failState).toBe("StartFailed");
    expect(start.message).toBe("Failed to start base Wasm: proxy_on_vm_start returned 0");
    const rejected = await loadError(probe({ pluginConfig: "reject" }));
    expect(rejected.failState).toBe("ConfigureFailed");
    expect(rejected.message).toContain("configuration rejected");
    const trapped = await loadError(probe({ pluginConfig: "trap-configure" }));
    expect(trapped.message).toMatch(/Function: proxy_on_configure failed: Uncaught RuntimeError: unreachable/);
  });

  it("runs ABI 0.1.0 modules with their callback signatures and empty-string lookups", async () => {
    const host = await loadHost(
      await compileSource(`
import { getHeader, info, lastStatus, RET_SIZE } from "./abi";
export { proxy_on_memory_allocate } from "./abi";
export function proxy_abi_version_0_1_0(): void {}
export function proxy_on_request_headers(c: u32, n: u32): u32 {
  getHeader(0, "x-missing");
  info("v010 n=" + n.toString() + " st=" + lastStatus.toString() + " size=" + load<u32>(RET_SIZE).toString());
  return 0;
}`),
    );
    expect(line(host.runStream().logs, "v010")).toBe("v010 n=5 st=0 size=0");
  });
});

describe("configuration changes", () => {
  it("creates a new root context after a canary accepts the configuration, then retires the old one", async () => {
    const host = await probe({ pluginConfig: "a" });
    host.runStream();
    expect(host.reconfigure("b")).toBe(true);
    const messages = host.logs.map((l) => l.message);
    expect(messages.slice(3)).toEqual([
      // the canary, on a fresh VM
      "root-create 1 buffer7=0",
      "vm_start root=1 size=0 buffer7=1 vm_config=",
      "configure root=1 size=1 config=b",
      // the running VM: a new root context with the next id, then the old one shuts down
      "root-create 3 buffer7=0",
      "vm_start root=3 size=0 buffer7=1 vm_config=",
      "configure root=3 size=1 config=b",
      "done 1",
      "delete 1",
    ]);
    expect(host.runStream().logs[0]?.message).toBe("create 4 parent=3");
  });

  it("keeps the running configuration when the new one is rejected", async () => {
    const host = await probe({ pluginConfig: "a" });
    expect(host.reconfigure("reject")).toBe(false);
    expect(host.runStream().logs[0]?.message).toBe("create 2 parent=1");
    expect(host.state).toBe("ok");
  });

  it("replaces a failed VM with the canary that accepted the new configuration", async () => {
    const host = await probe({ pluginConfig: "a" });
    host.runStream({ request: { headers: { "x-op": "trap" } } });
    expect(host.state).toBe("failed");
    expect(host.reconfigure("b")).toBe(true);
    expect(host.state).toBe("ok");
    const r = host.runStream({ request: { headers: { "x-op": "mutate" } } });
    expect(r.logs[0]?.message).toBe("create 2 parent=1");
    expect(r.response.headers).toContainEqual(["x-probe", "mutate"]);
  });

  it("lets a root context finish later with proxy_done", async () => {
    const host = await probe({ pluginConfig: "finish-later" });
    expect(host.reconfigure("b")).toBe(true);
    expect(host.logs.map((l) => l.message)).not.toContain("delete 1");
    host.tick(10);
    const tail = host.logs.map((l) => l.message).slice(-3);
    expect(tail).toEqual(["tick root=1 n=1 ms=1735689600010", "proxy_done st=0", "delete 1"]);
  });
});

describe("faults and failure policies", () => {
  it("fail-closed: the trapping stream and every later stream get a 503", async () => {
    const host = await probe();
    const trapped = host.runStream({ request: { headers: { "x-op": "trap" } } });
    expect(trapped.trap).toMatchObject({ message: "unreachable", callback: "proxy_on_request_headers" });
    expect(trapped.trap?.functionName).toMatch(/proxy_on_request_headers$/);
    expect(trapped.response).toMatchObject({ status: 503, local: true, details: "wasm_fail_stream" });
    expect(trapped.response.headers).toEqual([[":status", "503"]]); // the filter never sees its failure reply
    expect(trapped.upstreamRequest).toBeUndefined();
    expect(trapped.logs.find((l) => l.message.startsWith("Wasm VM failed"))?.message).toMatch(
      /^Wasm VM failed Function: proxy_on_request_headers failed: Uncaught RuntimeError: unreachable\nProxy-Wasm plugin in-VM backtrace:\n {2}0: {2}0x[0-9a-f]+ - .*proxy_on_request_headers/,
    );
    expect(host.state).toBe("failed");
    const later = host.runStream({ request: { headers: { "content-type": "application/grpc" } } });
    expect(later.response).toMatchObject({ status: 200, details: "wasm_fail_stream", local: true });
    expect(later.response.headers).toContainEqual(["grpc-status", "14"]);
    const plain = host.runStream();
    expect(plain.response).toMatchObject({ status: 503, details: "wasm_fail_stream" });
    expect(plain.logs).toEqual([]);
    expect(plain.hostCalls).toBe(0);
    expect(plain.trap).toBeUndefined();
  });

  it("fail-closed: the failure reply wins over a local response queued before the trap", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "local-then-trap" } } });
    expect(r.response).toMatchObject({ status: 503, details: "wasm_fail_stream" });
    expect(r.localResponse).toBeUndefined();
  });

  it("fail-open: the filter is skipped for the trapping stream and later ones", async () => {
    const host = await probe({ failurePolicy: "fail-open" });
    const trapped = host.runStream({ request: { headers: { "x-op": "trap" } } });
    expect(trapped.trap?.message).toBe("unreachable");
    expect(trapped.upstreamRequest).toBeDefined();
    expect(trapped.response).toMatchObject({ status: 200, local: false });
    expect(trapped.response.headers).toEqual([[":status", "200"]]);
    const later = host.runStream({ request: { headers: { "x-op": "mutate" } } });
    expect(later.upstreamRequest?.headers.some(([k]) => k === "x-new")).toBe(false);
    expect(later.response.status).toBe(200);
    expect(later.logs).toEqual([]);
  });

  it("reload: the trapping stream gets a 503 and the next stream a fresh VM", async () => {
    const host = await probe({ failurePolicy: "reload" });
    host.runStream();
    const trapped = host.runStream({ request: { headers: { "x-op": "trap" } } });
    expect(trapped.response).toMatchObject({ status: 503, details: "wasm_fail_stream" });
    expect(host.state).toBe("failed");
    const next = host.runStream({ request: { headers: { "x-op": "mutate" } } });
    expect(host.state).toBe("ok");
    expect(next.logs[0]?.message).toBe("create 2 parent=1"); // a new VM starts its context ids again
    expect(next.upstreamRequest?.headers).toContainEqual(["x-new", "1"]);
    expect(host.logs.filter((l) => l.message.startsWith("configure")).length).toBe(2);
  });

  it("fails a stream in the response phase: 503 before the headers went out, a reset after", async () => {
    const host = await probe({ failurePolicy: "reload" });
    const headers = host.runStream({ request: { headers: { "x-op": "trap-response" } } });
    expect(headers.upstreamRequest).toBeDefined();
    expect(headers.response).toMatchObject({ status: 503, details: "wasm_fail_stream" });
    const body = host.runStream({ request: { headers: { "x-op": "trap-response-body" } }, response: { body: "payload" } });
    expect(body.response).toMatchObject({ status: 200, reset: true, details: "wasm_fail_stream" });
    expect(body.trap?.callback).toBe("proxy_on_response_body");
  });

  it("survives out-of-bounds memory access and stack overflow, naming and annotating the site", async () => {
    const host = await probe({
      failurePolicy: "reload",
      annotate: (name) => (name.endsWith("recurse") ? 'rule "deep" (rules.fw:3)' : undefined),
    });
    const oob = host.runStream({ request: { headers: { "x-op": "oob" } } });
    expect(oob.trap?.message).toBe("memory access out of bounds");
    const stack = host.runStream({ request: { headers: { "x-op": "stack" } } });
    expect(stack.trap?.message).toBe("Maximum call stack size exceeded");
    expect(stack.trap?.functionName).toMatch(/recurse$/);
    expect(stack.trap?.annotation).toBe('rule "deep" (rules.fw:3)');
    const named = await probe({ functionNames: (index) => `fn${index}` });
    expect(named.runStream({ request: { headers: { "x-op": "trap" } } }).trap?.functionName).toMatch(/^fn\d+$/);
  });

  it("treats a host function throwing inside a guest call as a trap of that call", async () => {
    const host = await probe();
    (host as unknown as { core: { sharedData: { get: () => never } } }).core.sharedData.get = () => {
      throw new Error("store exploded");
    };
    const r = host.runStream({ request: { headers: { "x-op": "shared" } } });
    expect(r.trap).toMatchObject({ message: "store exploded", callback: "proxy_on_request_headers" });
    expect(r.response.status).toBe(503);
  });
});
