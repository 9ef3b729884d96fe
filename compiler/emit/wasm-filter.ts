import { envoyFailurePolicy } from "./failure-policy.js";
import { configurationAny } from "./plugin-configuration.js";
import type { DeploymentSettings } from "./settings.js";
import { ENVOY_SINCE, has, targetEnvoy, versionsOf } from "./versions.js";

export const WASM_FILTER_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
export const WASM_FILTER_NAME = "envoy.filters.http.wasm";
export const V8_RUNTIME = "envoy.wasm.runtime.v8";

/**
 * The typed_config of an Envoy v3 HTTP wasm filter: one PluginConfig whose module is a local file. Shared by the
 * Istio EnvoyFilter (file inside the pod) and the standalone bootstrap (file beside envoy.yaml).
 */
export function wasmFilterTypedConfig(
  settings: DeploymentSettings,
  pluginConfig: Record<string, unknown>,
  filename: string,
  holdsHeaders = false,
): Record<string, unknown> {
  return {
    "@type": WASM_FILTER_TYPE,
    config: {
      name: settings.name,
      root_id: settings.rootId,
      configuration: configurationAny(pluginConfig),
      // failure_policy is Envoy 1.33+; older ones have only the boolean fail_open (reload is refused before
      // emission, compiler/emit/version-fit.ts), and fail-closed is their default.
      ...(has(targetEnvoy(versionsOf(settings)), ENVOY_SINCE.failurePolicy)
        ? { failure_policy: envoyFailurePolicy(settings.failurePolicy) }
        : settings.failurePolicy === "fail-open"
          ? { fail_open: true }
          : {}),
      // A filter that holds headers for body rules (compiler/header-holds.ts): Envoy 1.35+ then honours the headers
      // callback's StopIteration (Context reads it in source/extensions/common/wasm/context.cc; default false).
      ...(holdsHeaders ? { allow_on_headers_stop_iteration: true } : {}),
      vm_config: {
        vm_id: settings.name,
        runtime: V8_RUNTIME,
        code: { local: { filename } },
      },
    },
  };
}
