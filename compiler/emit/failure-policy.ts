import type { FailurePolicy } from "./settings.js";

/**
 * The same three policies are spelled differently by each consumer: Envoy's PluginConfig.failure_policy says
 * FAIL_CLOSED, Istio's WasmPlugin.failStrategy says FAIL_CLOSE. Both accept FAIL_RELOAD (Envoy >= 1.33; a
 * WasmPlugin from Istio 1.27, compiler/emit/versions.ts), which rebuilds a VM that trapped instead of failing every later request.
 */
const ENVOY: Record<FailurePolicy, string> = {
  "fail-closed": "FAIL_CLOSED",
  "fail-open": "FAIL_OPEN",
  reload: "FAIL_RELOAD",
};

const WASM_PLUGIN: Record<FailurePolicy, string> = {
  "fail-closed": "FAIL_CLOSE",
  "fail-open": "FAIL_OPEN",
  reload: "FAIL_RELOAD",
};

/** envoy.extensions.wasm.v3.PluginConfig.failure_policy */
export function envoyFailurePolicy(policy: FailurePolicy): string {
  return ENVOY[policy];
}

/** extensions.istio.io/v1alpha1 WasmPlugin.spec.failStrategy */
export function wasmPluginFailStrategy(policy: FailurePolicy): string {
  return WASM_PLUGIN[policy];
}

/**
 * The pre-v3 PluginConfig only had the boolean `fail_open`; there is no way to ask it to reload, so `reload`
 * degrades to failing closed, the safe side.
 */
export function legacyFailOpen(policy: FailurePolicy): boolean {
  return policy === "fail-open";
}
