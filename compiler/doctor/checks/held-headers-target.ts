import type { DoctorCheck } from "../check.js";
import { envoyPluginConfig } from "../resources.js";
import { spanOf } from "../yaml-files.js";

/**
 * A filter whose body rules change headers holds them until the body arrives (compiler/header-holds.ts), which
 * only `allow_on_headers_stop_iteration: true` allows. Only Envoy's own configuration can set it: the typed
 * EnvoyFilter and envoy.yaml; no Istio resource (WasmPlugin, TrafficExtension) exposes it.
 */
const check: DoctorCheck = {
  meta: {
    code: "D010",
    id: "held-headers-target",
    severity: "error",
    title: "a filter that holds headers is deployed without allow_on_headers_stop_iteration",
    why: "Without `allow_on_headers_stop_iteration: true` (Envoy 1.35+) Envoy turns the headers callback's StopIteration into stopping the whole stream: the body never reaches the filter and the request hangs.",
    fix: "deploy with the typed EnvoyFilter or envoy.yaml that `filterc build` writes for such a filter (it sets the field), and delete a wasmplugin.yaml left from an earlier build",
  },
  run(context) {
    const { output } = context;
    const side = output.map?.facts.holds;
    if (side === undefined) return;
    if (output.wasmPlugin !== undefined) {
      context.report({
        source: output.wasmPlugin.source,
        span: spanOf(output.wasmPlugin, ["kind"]),
        message: `this filter holds ${side} headers for a body rule, and a WasmPlugin cannot set allow_on_headers_stop_iteration: requests would hang`,
        hint: "delete wasmplugin.yaml (an earlier build's) and apply envoyfilter.yaml",
      });
    }
    for (const object of [output.envoyFilter, output.envoyBootstrap]) {
      if (object === undefined) continue;
      const found = envoyPluginConfig(object);
      if (found === undefined || found.config.allow_on_headers_stop_iteration === true) continue;
      context.report({
        source: object.source,
        span: spanOf(object, found.path, "key"),
        message: `this filter holds ${side} headers for a body rule, and this wasm config does not set \`allow_on_headers_stop_iteration: true\`: requests would hang`,
        hint: check.meta.fix,
      });
    }
  },
};

export default check;
