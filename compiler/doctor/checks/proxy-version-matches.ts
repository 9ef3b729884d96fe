import type { DoctorCheck } from "../check.js";
import { formatReleaseLine } from "../../emit/versions.js";
import { spanOf } from "../yaml-files.js";

/**
 * Istio compares an EnvoyFilter patch's `match.proxy.proxyVersion` (a RE2 regex) with the proxy's Istio version,
 * e.g. `1.24.2`; a regex that does not match skips the patch silently.
 */
const check: DoctorCheck = {
  meta: {
    code: "D005",
    id: "proxy-version-matches",
    severity: "error",
    title: "an EnvoyFilter proxyVersion regex does not match the target Istio version",
    why: "Istio applies a configPatch only to proxies whose Istio version matches `match.proxy.proxyVersion`; on any other version the filter is silently left out.",
    fix: "widen the regex (e.g. `^1\\.2[4-9].*`), or remove `proxyVersion`",
  },
  run(context) {
    const resource = context.output.envoyFilter;
    const istio = context.versions.istio;
    if (resource === undefined || istio === undefined) return;
    const version = `${formatReleaseLine(istio)}.0`;
    for (const [i, patch] of (resource.value.spec?.configPatches ?? []).entries()) {
      const pattern = patch?.match?.proxy?.proxyVersion;
      if (typeof pattern !== "string") continue;
      const path = ["spec", "configPatches", i, "match", "proxy", "proxyVersion"];
      let regex: RegExp;
      try {
        regex = new RegExp(pattern);
      } catch {
        context.report({ source: resource.source, span: spanOf(resource, path), message: `proxyVersion \`${pattern}\` is not a valid regular expression`, hint: check.meta.fix });
        continue;
      }
      // Istio's test is unanchored (Go's regexp MatchString), like RegExp.test; a .0 and a .1 patch stand for the line.
      if ([version, `${formatReleaseLine(istio)}.1`].some((v) => regex.test(v))) continue;
      context.report({ source: resource.source, span: spanOf(resource, path), message: `proxyVersion \`${pattern}\` does not match Istio ${version}, so this patch applies to no proxy of that version`, hint: check.meta.fix });
    }
  },
};

export default check;
