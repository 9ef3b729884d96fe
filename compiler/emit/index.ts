import type { EmitInput, EmittedFile } from "./emit-input.js";
import { emitEnvoyBootstrap } from "./envoy-bootstrap.js";
import { emitEnvoyFilter } from "./envoy-filter.js";
import { emitWasmPlugin } from "./wasm-plugin.js";

export type { EmitInput, EmittedFile } from "./emit-input.js";
export {
  DEFAULT_CONTEXT,
  DEFAULT_ENVOY,
  DEFAULT_FAILURE_POLICY,
  DEFAULT_NAMESPACE,
  DEFAULT_WASM_PATH,
  defaultSettings,
  defaultUrl,
  nameFromRuleFile,
} from "./settings.js";
export type {
  DeploymentSettings,
  EnvoySettings,
  FailurePolicy,
  SettingsOverrides,
  TargetRef,
  TrafficContext,
  WasmPluginPhase,
} from "./settings.js";
export { envoyFailurePolicy, wasmPluginFailStrategy } from "./failure-policy.js";
export { sha256Hex } from "../digest.js";
export { emitEnvoyBootstrap, emitEnvoyFilter, emitWasmPlugin };

/** Every deployment file for one filter, in a fixed order: envoyfilter.yaml, wasmplugin.yaml, envoy.yaml. */
export function emitDeployment(input: EmitInput): EmittedFile[] {
  return [emitEnvoyFilter(input), emitWasmPlugin(input), emitEnvoyBootstrap(input)];
}
