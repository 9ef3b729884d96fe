import { beforeAll, describe, expect, it } from "vitest";
import { HostLoadError, loadHost } from "../../host/index.js";
import { compileSdkFilter } from "../../bench/peers/sdk-compiler.js";

// The SDK's README hello world: add a response header whose value is the plugin configuration.
const HELLO = `
export * from "@solo-io/proxy-runtime/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context } from "@solo-io/proxy-runtime";

class AddHeaderRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new AddHeader(context_id, this);
  }
}

class AddHeader extends Context {
  constructor(context_id: u32, root_context: AddHeaderRoot) {
    super(context_id, root_context);
  }
  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const root_context = this.root_context;
    if (root_context.getConfiguration() == "") {
      stream_context.headers.response.add("hello", "world!");
    } else {
      stream_context.headers.response.add("hello", root_context.getConfiguration());
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new AddHeaderRoot(context_id); }, "add_header");
`;

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileSdkFilter(HELLO);
}, 120_000);

describe("third-party SDK (@solo-io/proxy-runtime 0.1.8, assemblyscript 0.17)", () => {
  it("runs the SDK's hello world through the host", async () => {
    const host = await loadHost(wasm, { rootId: "add_header", pluginConfig: "world" });
    expect(host.state).toBe("ok");
    const r = host.runStream({ request: { path: "/hello" } });
    expect(r.response.status).toBe(200);
    expect(r.response.headers).toEqual([
      [":status", "200"],
      ["hello", "world"],
    ]);
    expect(r.trap).toBeUndefined();
    expect(r.logs).toEqual([]); // its chatter is at debug level
    const chatty = await loadHost(wasm, { rootId: "add_header", pluginConfig: "world", logLevel: 1 });
    expect(chatty.logs.map((l) => l.message)).toContain("context id: 1: Updating this.configuration=world");
    const debug = chatty.runStream();
    expect(debug.logs.map((l) => l.message).slice(-3)).toEqual([
      "context id: 2: onLog()",
      "context id: 2: onDone()",
      "context id: 2: onDelete()",
    ]);
    expect(debug.hostCalls).toBe(r.hostCalls);
  });

  it("fails to load with an empty plugin configuration, as it does in Envoy", async () => {
    const error = await loadHost(wasm, { rootId: "add_header" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostLoadError);
    // With no configuration it decodes a stale buffer and reads out of bounds.
    expect((error as HostLoadError).message).toMatch(
      /^Failed to configure base Wasm plugin: Function: proxy_on_configure failed: Uncaught RuntimeError: memory access out of bounds/,
    );
  });

  it("needs the root id it registered (plugin_root_id), or its root context traps", async () => {
    const error = await loadHost(wasm, { rootId: "other", pluginConfig: "x" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as HostLoadError).message).toMatch(/^Failed to start base Wasm: Function: proxy_on_context_create failed/);
  });
});
