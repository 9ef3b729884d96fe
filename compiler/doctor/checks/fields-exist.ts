import { atLeast, ENVOY_SINCE, formatReleaseLine, ISTIO_SINCE, targetEnvoy, type ReleaseLine } from "../../emit/versions.js";
import type { DoctorCheck, DoctorContext } from "../check.js";
import { envoyPluginConfig } from "../resources.js";
import { spanOf, type YamlObject } from "../yaml-files.js";

/**
 * The fields of the deployment files against the target releases (compiler/emit/versions.ts): the same table
 * `filterc build --istio-version` emits by, so an output built for another release is caught before it is applied.
 */
const check: DoctorCheck = {
  meta: {
    code: "D008",
    id: "fields-exist",
    severity: "error",
    title: "a field or failure policy the target release does not have",
    why: "Istio's API server rejects a WasmPlugin field it does not know (strict decoding); an older Envoy ignores `failure_policy` and fails closed whatever it says, or refuses a static bootstrap that has it.",
    fix: "rebuild for the release (`filterc build --istio-version X.Y` or `--envoy-version X.Y`), which leaves such fields out or refuses what cannot work there",
  },
  run(context) {
    const { istio } = context.versions;
    const plugin = context.output.wasmPlugin;
    if (plugin !== undefined && istio !== undefined) {
      const spec = plugin.value.spec ?? {};
      const fields: [string, ReleaseLine][] = [["match", ISTIO_SINCE.wasmPluginMatch], ["failStrategy", ISTIO_SINCE.wasmPluginFailStrategy], ["type", ISTIO_SINCE.wasmPluginType]];
      for (const [field, since] of fields) {
        if (spec[field] !== undefined && !atLeast(istio, since)) report(context, plugin, ["spec", field], `WasmPlugin \`${field}\` exists from Istio ${formatReleaseLine(since)}; Istio ${formatReleaseLine(istio)} rejects it`);
      }
      if (spec.failStrategy === "FAIL_RELOAD" && atLeast(istio, ISTIO_SINCE.wasmPluginFailStrategy) && !atLeast(istio, ISTIO_SINCE.wasmPluginFailReload)) {
        report(context, plugin, ["spec", "failStrategy"], `\`failStrategy: FAIL_RELOAD\` exists from Istio ${formatReleaseLine(ISTIO_SINCE.wasmPluginFailReload)}; Istio ${formatReleaseLine(istio)} rejects it`);
      }
    }
    for (const object of [context.output.envoyFilter, context.output.envoyBootstrap]) {
      // envoy.yaml is for plain Envoy: only an explicit --envoy-version says which; the Istio's Envoy does not.
      const envoy = object === context.output.envoyBootstrap ? context.versions.envoy : targetEnvoy(context.versions);
      if (object === undefined || envoy === undefined) continue;
      const found = envoyPluginConfig(object);
      if (found === undefined) continue;
      const { config, path } = found;
      if (config.failure_policy !== undefined && !atLeast(envoy, ENVOY_SINCE.failurePolicy)) {
        const effect = object === context.output.envoyBootstrap ? "refuses this bootstrap" : "ignores it and fails closed";
        report(context, object, [...path, "failure_policy"], `\`failure_policy\` exists from Envoy ${formatReleaseLine(ENVOY_SINCE.failurePolicy)}; Envoy ${formatReleaseLine(envoy)} ${effect}`);
      }
      if (config.allow_on_headers_stop_iteration !== undefined && !atLeast(envoy, ENVOY_SINCE.allowOnHeadersStopIteration)) {
        report(context, object, [...path, "allow_on_headers_stop_iteration"], `\`allow_on_headers_stop_iteration\` exists from Envoy ${formatReleaseLine(ENVOY_SINCE.allowOnHeadersStopIteration)}; on Envoy ${formatReleaseLine(envoy)} a filter that holds headers hangs the request`);
      }
    }
  },
};

function report(context: DoctorContext, object: YamlObject, path: (string | number)[], message: string): void {
  context.report({ source: object.source, span: spanOf(object, path, "key"), message, hint: check.meta.fix });
}

export default check;
