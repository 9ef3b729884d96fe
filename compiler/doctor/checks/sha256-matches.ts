import type { DoctorCheck } from "../check.js";
import { envoyPluginConfig } from "../resources.js";
import { spanOf, type YamlObject } from "../yaml-files.js";

/** Istio reads a url without a scheme as an OCI image, whose sha256 is the manifest digest, not the module's. */
function isFileOrHttp(url: string): boolean {
  return /^(file|https?):\/\//i.test(url);
}

const check: DoctorCheck = {
  meta: {
    code: "D006",
    id: "sha256-matches",
    severity: "error",
    title: "a sha256 does not match filter.wasm",
    why: "Istio's agent (WasmPlugin) and Envoy (remote code) refuse a module whose digest is not the configured sha256: the filter fails to load (and a fail-closed WasmPlugin is replaced by a deny-all filter).",
    fix: "rebuild and apply the YAML and the module of the same build, or correct the sha256 (`sha256sum filter.wasm`)",
  },
  run(context) {
    const { output } = context;
    const compare = (object: YamlObject, path: (string | number)[], sha: unknown, what: string) => {
      // An unquoted all-digit digest reads as a YAML number: still a digest that cannot match.
      if (sha === undefined || sha === null || String(sha).toLowerCase() === output.sha256) return;
      context.report({ source: object.source, span: spanOf(object, path), message: `${what} sha256 ${sha} is not filter.wasm's (${output.sha256})`, hint: check.meta.fix });
    };
    const plugin = output.wasmPlugin;
    if (plugin !== undefined && typeof plugin.value.spec?.url === "string" && isFileOrHttp(plugin.value.spec.url)) {
      compare(plugin, ["spec", "sha256"], plugin.value.spec.sha256, "the WasmPlugin's");
    }
    for (const object of [output.envoyFilter, output.envoyBootstrap]) {
      if (object === undefined) continue;
      const found = envoyPluginConfig(object);
      const remote = found?.config.vm_config?.code?.remote;
      if (remote !== undefined) compare(object, [...found!.path, "vm_config", "code", "remote", "sha256"], remote.sha256, "the remote code's");
    }
  },
};

export default check;
