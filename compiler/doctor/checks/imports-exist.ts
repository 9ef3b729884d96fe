import { formatReleaseLine, importSupport, OLDEST_ENVOY, targetEnvoy, atLeast } from "../../emit/versions.js";
import type { DoctorCheck } from "../check.js";

/** Envoy links every import of a module when it loads it; one it lacks fails the load ("missing import"). */
const check: DoctorCheck = {
  meta: {
    code: "D007",
    id: "imports-exist",
    severity: "error",
    title: "filter.wasm imports a function the target Envoy does not have",
    why: "Envoy (proxy-wasm-cpp-host) links every import when it loads a module; an import it does not provide fails the load with `Failed to load Wasm module due to a missing import`.",
    fix: "target a newer Envoy (`--envoy-version` / `--istio-version`), or rebuild the module without the function",
  },
  run(context) {
    const envoy = targetEnvoy(context.versions) ?? OLDEST_ENVOY;
    const named = targetEnvoy(context.versions) === undefined ? `Envoy ${formatReleaseLine(envoy)} (the oldest the version table knows; name yours with --envoy-version)` : `Envoy ${formatReleaseLine(envoy)}`;
    let imports: WebAssembly.ModuleImportDescriptor[];
    try {
      imports = WebAssembly.Module.imports(new WebAssembly.Module(context.output.wasm as Uint8Array<ArrayBuffer>));
    } catch (error) {
      context.report({ source: context.output.wasmSource, span: { start: 0, end: 0 }, message: `filter.wasm is not a valid module: ${(error as Error).message}`, hint: "rebuild it with `filterc build`" });
      return;
    }
    for (const entry of imports.filter((i) => i.kind === "function")) {
      const support = importSupport(entry.module, entry.name);
      const name = `${entry.module}.${entry.name}`;
      if (support.kind === "yes") continue;
      if (support.kind === "since" && atLeast(envoy, support.envoy)) continue;
      const message =
        support.kind === "since"
          ? `filter.wasm imports ${name}, which Envoy links from ${formatReleaseLine(support.envoy)}; ${named} fails to load it`
          : support.kind === "unreleased"
            ? `filter.wasm imports ${name}, ${support.why}`
            : `filter.wasm imports ${name}: ${support.why}, so no Envoy loads it`;
      context.report({ source: context.output.wasmSource, span: { start: 0, end: 0 }, message, hint: check.meta.fix });
    }
  },
};

export default check;
