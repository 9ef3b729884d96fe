import type { DoctorCheck } from "../check.js";
import { envoyPluginConfig } from "../resources.js";
import { spanOf, type YamlObject } from "../yaml-files.js";

/** Where a file says the filter fails open, or undefined when it fails closed (or reloads). */
function failsOpen(object: YamlObject): (string | number)[] | undefined {
  if (object.value.kind === "WasmPlugin") return object.value.spec?.failStrategy === "FAIL_OPEN" ? ["spec", "failStrategy"] : undefined;
  if (object.value.kind === "TrafficExtension") return object.value.spec?.wasm?.failStrategy === "FAIL_OPEN" ? ["spec", "wasm", "failStrategy"] : undefined;
  const found = envoyPluginConfig(object);
  if (found === undefined) return undefined;
  if (found.config.failure_policy === "FAIL_OPEN") return [...found.path, "failure_policy"];
  if (found.config.failure_policy === undefined && found.config.fail_open === true) return [...found.path, "fail_open"];
  return undefined;
}

const check: DoctorCheck = {
  meta: {
    code: "D011",
    id: "fail-open-enforcing",
    severity: "warning",
    title: "rules that refuse requests are deployed to fail open",
    why: "A filter that fails open is skipped when it fails to load or traps: its deny, respond, redirect and limit rules then let every request through, silently.",
    fix: "use `failurePolicy: fail-closed` (or `reload`) for a filter that enforces something; keep fail-open for filters that only observe",
  },
  run(context) {
    const { output } = context;
    const answering = output.map?.facts.rules.filter((r) => r.answers === true) ?? [];
    if (answering.length === 0) return;
    const names = answering.map((r) => (r.name === undefined ? `the rule on line ${r.line}` : `\`${r.name}\``));
    for (const object of [output.envoyFilter, output.wasmPlugin, output.trafficExtension, output.envoyBootstrap]) {
      if (object === undefined) continue;
      const path = failsOpen(object);
      if (path === undefined) continue;
      context.report({
        source: object.source,
        span: spanOf(object, path),
        message: `this filter fails open, so a trap or a failed load silently skips ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}, which refuse requests`,
        hint: check.meta.fix,
      });
    }
  },
};

export default check;
