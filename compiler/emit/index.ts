import type { EmitInput, EmittedFile } from "./emit-input.js";
import { emitEnvoyBootstrap } from "./envoy-bootstrap.js";
import { emitEnvoyFilter } from "./envoy-filter.js";
import { emitWasmPlugin } from "./wasm-plugin.js";
import { emitTrafficExtension } from "./traffic-extension.js";
import { emitEnvoyExtensionPolicy, policyUnavailable } from "./envoy-extension-policy.js";
import { BUILD_DEFAULT_TARGETS, DEPLOYMENT_TARGETS, type DeploymentTarget } from "./targets.js";

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
export { emitEnvoyBootstrap, emitEnvoyFilter, emitWasmPlugin, emitTrafficExtension, emitEnvoyExtensionPolicy, policyUnavailable };

export { BUILD_DEFAULT_TARGETS, chooseTargets, DEPLOYMENT_TARGETS, TARGET_FILES, type DeploymentTarget } from "./targets.js";

const EMITTERS: Readonly<Record<DeploymentTarget, (input: EmitInput) => EmittedFile>> = {
  envoyfilter: emitEnvoyFilter,
  wasmplugin: emitWasmPlugin,
  trafficextension: emitTrafficExtension,
  envoyextensionpolicy: emitEnvoyExtensionPolicy,
  envoy: emitEnvoyBootstrap,
};

/** The deployment files for one filter (build's by default), in the fixed order of DEPLOYMENT_TARGETS. */
export function emitDeployment(input: EmitInput, targets: readonly DeploymentTarget[] = BUILD_DEFAULT_TARGETS): EmittedFile[] {
  return DEPLOYMENT_TARGETS.filter((t) => targets.includes(t)).map((t) => EMITTERS[t](input));
}
