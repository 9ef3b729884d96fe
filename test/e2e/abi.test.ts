import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileText, readExample } from "../support/compile.js";

/** The host functions of proxy-wasm ABI 0.2.1 (module env), as Envoy registers them for a 0.2.1 module. */
const ABI_0_2_1 = new Set([
  "proxy_log", "proxy_get_log_level", "proxy_get_current_time_nanoseconds", "proxy_set_tick_period_milliseconds",
  "proxy_get_buffer_bytes", "proxy_get_buffer_status", "proxy_set_buffer_bytes", "proxy_get_header_map_size",
  "proxy_get_header_map_pairs", "proxy_set_header_map_pairs", "proxy_get_header_map_value",
  "proxy_add_header_map_value", "proxy_replace_header_map_value", "proxy_remove_header_map_value",
  "proxy_continue_stream", "proxy_close_stream", "proxy_get_status", "proxy_send_local_response", "proxy_http_call",
  "proxy_grpc_call", "proxy_grpc_stream", "proxy_grpc_send", "proxy_grpc_cancel", "proxy_grpc_close",
  "proxy_set_shared_data", "proxy_get_shared_data", "proxy_register_shared_queue", "proxy_resolve_shared_queue",
  "proxy_enqueue_shared_queue", "proxy_dequeue_shared_queue", "proxy_define_metric", "proxy_record_metric",
  "proxy_increment_metric", "proxy_get_metric", "proxy_get_property", "proxy_set_property",
  "proxy_set_effective_context", "proxy_done", "proxy_call_foreign_function",
]);

/** The WASI functions a filter may import. */
const WASI_USED = new Set(["random_get"]);

const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".fw"));

describe("every example is a proxy-wasm 0.2.1 module Envoy can load", () => {
  for (const name of examples) {
    it(name, async () => {
      const module = await WebAssembly.compile(await compileText(readExample(name), name));
      const imports = WebAssembly.Module.imports(module);
      for (const i of imports) {
        expect(i.kind).toBe("function");
        // random() and uuid() read WASI random_get, which Envoy's proxy-wasm host (cpp-host src/exports.cc,
        // wasi_unstable_random_get) registers under wasi_snapshot_preview1.
        if (i.module === "wasi_snapshot_preview1") {
          expect(WASI_USED.has(i.name), `${i.name} is not a WASI function filterc uses`).toBe(true);
          continue;
        }
        expect(i.module).toBe("env");
        expect(ABI_0_2_1.has(i.name), `${i.name} is not an ABI 0.2.1 host function`).toBe(true);
      }
      const exports = WebAssembly.Module.exports(module);
      expect(exports.find((e) => e.name === "proxy_abi_version_0_2_1")?.kind).toBe("function");
      expect(exports.find((e) => e.name === "malloc")?.kind).toBe("function");
      expect(exports.find((e) => e.name === "memory")?.kind).toBe("memory");
    });
  }
});
