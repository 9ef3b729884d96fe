import { deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHost, SharedState, type HostOptions, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, line } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("probe");
});

async function probe(options: HostOptions = {}): Promise<ProxyWasmHost> {
  return loadHost(wasm, options);
}

function int64Hex(value: bigint): string {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(value);
  return b.toString("hex");
}

const START_MS = Date.UTC(2025, 0, 1);

describe("metrics", () => {
  it("defines ids by type, keeps counters from decreasing, and keeps values across definitions", async () => {
    const host = await probe();
    const first = host.runStream({ request: { headers: { "x-op": "metrics" } } });
    expect(line(first.logs, "metrics")).toBe(
      "metrics ids=4,5,6 define=0 bad_type=2 inc=0 inc0=2 inc_neg=2 counter=2 gauge=3 record=0 gauge_set=42 " +
        "hist_record=0 hist_get=2 hist_inc=2 unknown=1",
    );
    const second = host.runStream({ request: { headers: { "x-op": "metrics" } } });
    expect(line(second.logs, "metrics")).toContain("ids=8,9,10");
    expect(line(second.logs, "metrics")).toContain("counter=4");
    expect(host.metrics()).toEqual(
      new Map([
        ["requests_total", { type: "counter", value: 4n }],
        ["active", { type: "gauge", value: 42n }],
        ["latency_ms", { type: "histogram", value: 14n, count: 2n }],
      ]),
    );
    const metricEvents = first.trace.filter((e) => e.type === "metric");
    expect(metricEvents[0]).toEqual({ type: "metric", op: "define", name: "requests_total", metricType: "counter", value: 0n });
  });
});

describe("shared data", () => {
  it("stores per VM id with compare-and-swap", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "shared" } } });
    expect(line(r.logs, "shared")).toBe(
      "shared miss=1 set1=0 got1=v1 cas1=1 set2=0 stale=8 got2=v2 cas2=2 configure_write=1",
    );
  });

  it("is shared between hosts with the same VM id when they share state", async () => {
    const shared = new SharedState();
    await probe({ shared, vmId: "one", pluginConfig: "shared-writer" });
    const sameVm = await probe({ shared, vmId: "one" });
    const otherVm = await probe({ shared, vmId: "two" });
    expect(line(sameVm.runStream({ request: { headers: { "x-op": "shared" } } }).logs, "shared")).toContain("configure_write=0");
    expect(line(otherVm.runStream({ request: { headers: { "x-op": "shared" } } }).logs, "shared")).toContain("configure_write=1");
  });
});

describe("shared queues", () => {
  it("resolves, enqueues and notifies the registering root context after the call", async () => {
    const host = await probe({ pluginConfig: "queue" });
    expect(line(host.logs, "queue registered")).toBe("queue registered st=0 token=1");
    const r = host.runStream({ request: { headers: { "x-op": "queue" } } });
    expect(line(r.logs, "queue resolve")).toBe(
      "queue resolve=0 token=1 enqueue=0 missing=1 other_vm=1 bad_dequeue=1 bad_enqueue=1",
    );
    // on_queue_ready runs on the root context once the stream's turn is over, and an empty queue is Empty (7).
    const ready = r.logs.findIndex((l) => l.message.startsWith("queue_ready"));
    expect(r.logs[ready]).toMatchObject({ message: "queue_ready root=1 token=1 item=job-1 st=0 again=7", contextId: 1 });
    expect(ready).toBeGreaterThan(r.logs.findIndex((l) => l.message.startsWith("response_headers")));
  });
});

describe("timers", () => {
  it("fires proxy_on_tick on the simulated clock until the period is set to 0", async () => {
    const host = await probe({ pluginConfig: "tick:100" });
    host.tick(99);
    expect(line(host.logs, "tick")).toBeUndefined();
    host.tick(251);
    host.tick(1000);
    const ticks = host.logs.filter((l) => l.message.startsWith("tick")).map((l) => l.message);
    expect(ticks).toEqual([
      `tick root=1 n=1 ms=${START_MS + 100}`,
      `tick root=1 n=2 ms=${START_MS + 200}`,
      `tick root=1 n=3 ms=${START_MS + 300}`,
    ]);
  });

  it("re-arms from now when the period changes inside proxy_on_tick", async () => {
    const host = await probe({ pluginConfig: "tick:50" });
    host.tick(600);
    const times = host.logs.filter((l) => l.message.startsWith("tick")).map((l) => Number(l.message.split("ms=")[1]) - START_MS);
    expect(times).toEqual([50, 100, 300, 500]);
  });
});

describe("properties", () => {
  it("answers Envoy attributes with Envoy encodings", async () => {
    const host = await probe({
      pluginName: "probe-plugin",
      rootId: "root-a",
      vmId: "vm-a",
      properties: { "xds.cluster_name": "backend" },
    });
    const r = host.runStream({
      request: { method: "POST", path: "/a/b?x=1#frag", headers: { "x-op": "properties" } },
      source: "10.0.0.7:4242",
      connection: { mtls: true, uriSanPeerCertificate: "spiffe://cluster.local/ns/default/sa/client" },
    });
    expect(line(r.logs, "props ")).toBe(
      "props name=probe-plugin root=root-a vm=vm-a path=/a/b?x=1#frag url_path=/a/b query=x=1 method=POST " +
        "host=example.com id=00000000-0000-4000-8000-000000000001 header=properties source=10.0.0.7:4242 " +
        "source_port=9210000000000000 destination=127.0.0.1:8080 mtls=01 " +
        "san=spiffe://cluster.local/ns/default/sa/client trailing_nul=probe-plugin",
    );
    const headerBytes = r.upstreamRequest!.headers.reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(line(r.logs, "props2")).toBe(
      `props2 response_code=1 dotted=1 custom=backend set=0 own=custom-value ` +
        `time=${int64Hex(BigInt(START_MS) * 1_000_000n)} headers_size=${int64Hex(BigInt(headerBytes))}`,
    );
  });

  it("lets stream properties override host ones", async () => {
    const host = await probe({ properties: { "xds.cluster_name": "backend" } });
    const r = host.runStream({ request: { headers: { "x-op": "properties" } }, properties: { "xds.cluster_name": "canary" } });
    expect(line(r.logs, "props2")).toContain("custom=canary");
  });
});

describe("buffers", () => {
  it("exposes each buffer only where Envoy does", async () => {
    const host = await probe({ pluginConfig: "plugin-cfg", vmConfig: "vmcfg" });
    expect(host.logs.map((l) => l.message)).toEqual([
      "root-create 1 buffer7=0",
      "vm_start root=1 size=5 buffer7=1 vm_config=vmcfg",
      "configure root=1 size=10 config=plugin-cfg",
    ]);
    const r = host.runStream({ request: { headers: { "x-op": "buffers" } } });
    expect(line(r.logs, "buffers")).toBe(
      "buffers body=0/0/0 body_status=0/0 set_body=2 plugin_config=1 call_body=1 bad=2 vm_config=0 set_vm_config=2",
    );
  });
});

describe("logging, contexts and the rest of the system calls", () => {
  it("drops lines below the log level and reports it", async () => {
    const info = await probe();
    const r = info.runStream({ request: { headers: { "x-op": "system" } } });
    expect(line(r.logs, "system")).toBe(
      "system level=2 bad_level=2 debug=0 eff_bad=2 eff_root=0 root_add=2 eff_back=0 stream_add=0 done=1 " +
        "continue_upstream=12 continue_downstream=0 continue_bad=2 close_bad=2",
    );
    expect(line(r.logs, "debug line")).toBeUndefined();
    expect(r.upstreamRequest?.headers).toContainEqual(["x-from-stream", "1"]);
    expect(r.upstreamRequest?.headers.some(([k]) => k === "x-from-root")).toBe(false);
    const debug = await probe({ logLevel: 1 });
    const d = debug.runStream({ request: { headers: { "x-op": "system" } } });
    expect(line(d.logs, "system")).toContain("level=1");
    expect(d.logs.find((l) => l.message === "debug line")).toMatchObject({ level: 1, levelName: "debug", contextId: 2 });
  });

  it("provides Envoy's foreign functions; a gRPC call with an empty service (an empty GrpcService) is BadArgument", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "foreign" } } });
    const compressed = deflateSync(Buffer.from("a".repeat(96))).length;
    expect(line(r.logs, "foreign")).toBe(
      `foreign compress=0/${compressed} uncompress=0 same=yes missing=1 sign=12 grpc=2 ` +
        "grpc_cancel_http_token=2 grpc_cancel_call_token=1",
    );
  });

  it("implements WASI the way Envoy does", async () => {
    const host = await probe({ environment: { MODE: "prod" } });
    const r = host.runStream({ request: { headers: { "x-op": "wasi" } } });
    expect(r.logs.find((l) => l.message === "hello from stdout")).toMatchObject({ level: 2 });
    expect(r.logs.find((l) => l.message === "oops on stderr")).toMatchObject({ level: 4, levelName: "error" });
    expect(line(r.logs, "wasi")).toBe(
      `wasi stdout=0/18 stderr=0 badfd=8 clock=0/${START_MS} clock5=58 env=1:MODE=prod random=0 random_big=28 ` +
        "read=52 after_exit=yes",
    );
    const traced = await probe({ logLevel: 0 });
    const t = traced.runStream({ request: { headers: { "x-op": "wasi" } } });
    expect(t.logs.find((l) => l.message === "wasi_unstable proc_exit")).toMatchObject({ level: 0 });
    const fdWrite = t.trace.find((e) => e.type === "hostcall" && e.name === "wasi_snapshot_preview1.fd_write");
    expect(fdWrite).toMatchObject({ result: 0 });
  });
});
