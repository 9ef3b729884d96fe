import type { Span } from "../../grammar/ast.js";
import { error, warning, type CodeDoc, type Diagnostic } from "../../grammar/diagnostic.js";
import type { DeploymentSettings } from "./settings.js";
import type { DeploymentTarget } from "./targets.js";
import { atLeast, ENVOY_SINCE, formatReleaseLine, ISTIO_SINCE, OLDEST_ENVOY, OLDEST_ISTIO, targetEnvoy, type ReleaseLine, type TargetVersions } from "./versions.js";

export const VersionCode = { tooOld: "E0650", policy: "E0651", hold: "E0652", noWasmPlugin: "E0653", noMatch: "E0654", noTrafficExtension: "E0655" } as const;

/** Which version setting a problem is about, so the caller can point at the flag or the filterc.yaml key. */
export type VersionSetting = "istio" | "envoy";

export interface VersionProblem {
  readonly about: VersionSetting;
  readonly diagnostic: Diagnostic;
}

export interface VersionFit {
  readonly targets: readonly DeploymentTarget[];
  readonly notes: readonly string[];
  readonly problems: readonly VersionProblem[];
}

/**
 * What the chosen targets can carry on the given Istio / Envoy releases (compiler/emit/versions.ts). Emitters drop
 * the fields a release lacks by themselves; this refuses what no spelling can express there (a failure policy the
 * release does not have, headers held without allow_on_headers_stop_iteration) and leaves out a WasmPlugin that the
 * Istio release cannot serve when no target was asked for. `span` is where each version was given.
 */
export function fitVersions(
  settings: DeploymentSettings,
  versions: TargetVersions,
  targets: readonly DeploymentTarget[],
  asked: boolean,
  holdsHeaders: boolean,
  span: Readonly<Record<VersionSetting, Span>>,
): VersionFit {
  const problems: VersionProblem[] = [];
  const notes: string[] = [];
  const kept: DeploymentTarget[] = [];
  const { istio } = versions;
  const envoy = targetEnvoy(versions);
  // The Envoy's origin: given, or the one the given Istio ships.
  const envoyAbout: VersionSetting = versions.envoy !== undefined ? "envoy" : "istio";
  const envoyWords = envoy === undefined ? "" : versions.envoy !== undefined ? `Envoy ${formatReleaseLine(envoy)}` : `Envoy ${formatReleaseLine(envoy)} (the one Istio ${formatReleaseLine(istio!)} ships)`;
  const report = (about: VersionSetting, d: Diagnostic) => problems.push({ about, diagnostic: { ...d, span: span[about] } });
  const none: Span = { start: 0, end: 0 };

  if (istio !== undefined && !atLeast(istio, OLDEST_ISTIO)) {
    report("istio", warning(VersionCode.tooOld, none, `Istio ${formatReleaseLine(istio)} is older than any release filterc knows the fields of (${formatReleaseLine(OLDEST_ISTIO)})`, "the output is written for the oldest known release; for Istio 1.7 and older use `--envoyfilter-format legacy`"));
  } else if (versions.envoy !== undefined && !atLeast(versions.envoy, OLDEST_ENVOY)) {
    report("envoy", warning(VersionCode.tooOld, none, `Envoy ${formatReleaseLine(versions.envoy)} is older than any release filterc knows the fields of (${formatReleaseLine(OLDEST_ENVOY)})`, "the output is written for the oldest known release"));
  }

  for (const target of targets) {
    if (target === "wasmplugin") {
      if (istio === undefined) { kept.push(target); continue; }
      if (!atLeast(istio, ISTIO_SINCE.wasmPlugin)) {
        const message = `Istio ${formatReleaseLine(istio)} has no WasmPlugin (it arrived in Istio ${formatReleaseLine(ISTIO_SINCE.wasmPlugin)})`;
        if (asked) report("istio", error(VersionCode.noWasmPlugin, none, message, "deploy with the target `envoyfilter`"));
        else notes.push(`wasmplugin.yaml not written: ${message}`);
        continue;
      }
      const policy = wasmPluginPolicyProblem(settings, istio);
      if (policy !== undefined) report("istio", error(VersionCode.policy, none, policy.message, policy.hint));
      if (!atLeast(istio, ISTIO_SINCE.wasmPluginMatch)) {
        report("istio", warning(VersionCode.noMatch, none, `Istio ${formatReleaseLine(istio)}'s WasmPlugin has no \`match\` (Istio ${formatReleaseLine(ISTIO_SINCE.wasmPluginMatch)}+): it runs on inbound and outbound traffic of the selected workloads alike, on every port`, "use the EnvoyFilter (`--target envoyfilter`), which keeps to one context and port"));
      }
      kept.push(target);
      continue;
    }
    if (target === "trafficextension" && istio !== undefined && !atLeast(istio, ISTIO_SINCE.trafficExtension)) {
      // An older control plane does not know the kind: `kubectl apply` fails with "no matches for kind".
      const message = `Istio ${formatReleaseLine(istio)} has no TrafficExtension (it arrived in Istio ${formatReleaseLine(ISTIO_SINCE.trafficExtension)})`;
      if (asked) report("istio", error(VersionCode.noTrafficExtension, none, message, "deploy with the target `wasmplugin` (or `envoyfilter`)"));
      else notes.push(`trafficextension.yaml not written: ${message}`);
      continue;
    }
    // The other targets carry the Envoy PluginConfig, or a policy the Envoy must have.
    kept.push(target);
    if (envoy === undefined || (target === "envoyfilter" && settings.envoyFilterFormat === "legacy")) continue;
    if (settings.failurePolicy === "reload" && !atLeast(envoy, ENVOY_SINCE.failurePolicy)) {
      report(envoyAbout, error(VersionCode.policy, none, `\`failurePolicy: reload\` needs Envoy ${formatReleaseLine(ENVOY_SINCE.failurePolicy)}+ (\`failure_policy: FAIL_RELOAD\`); ${envoyWords} has only \`fail_open\``, "choose `fail-closed` or `fail-open`, or target a newer release"));
    }
    if (holdsHeaders && !atLeast(envoy, ENVOY_SINCE.allowOnHeadersStopIteration)) {
      report(envoyAbout, error(VersionCode.hold, none, `this filter holds headers for a body rule, which needs \`allow_on_headers_stop_iteration\` (Envoy ${formatReleaseLine(ENVOY_SINCE.allowOnHeadersStopIteration)}+); on ${envoyWords} the request would hang`, "change the headers in a headers phase, or target Envoy 1.35+ (Istio 1.27+)"));
    }
  }
  // One report per problem, even when two targets share it.
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.diagnostic.code + p.diagnostic.message) && seen.add(p.diagnostic.code + p.diagnostic.message) !== undefined);
  return { targets: kept, notes, problems: unique };
}

function wasmPluginPolicyProblem(settings: DeploymentSettings, istio: ReleaseLine): { message: string; hint: string } | undefined {
  const at = formatReleaseLine(istio);
  if (settings.failurePolicy === "reload" && !atLeast(istio, ISTIO_SINCE.wasmPluginFailReload)) {
    return { message: `\`failurePolicy: reload\` needs a WasmPlugin with \`failStrategy: FAIL_RELOAD\` (Istio ${formatReleaseLine(ISTIO_SINCE.wasmPluginFailReload)}+); Istio ${at} does not have it`, hint: "choose `fail-closed` or `fail-open`, or deploy with the EnvoyFilter on Envoy 1.33+" };
  }
  if (settings.failurePolicy === "fail-open" && !atLeast(istio, ISTIO_SINCE.wasmPluginFailStrategy)) {
    return { message: `\`failurePolicy: fail-open\` needs a WasmPlugin with \`failStrategy\` (Istio ${formatReleaseLine(ISTIO_SINCE.wasmPluginFailStrategy)}+); Istio ${at}'s WasmPlugin always fails closed`, hint: "deploy with the EnvoyFilter (`--target envoyfilter`), whose `fail_open` every release has" };
  }
  return undefined;
}

const VERSION_NOTE = "The versions are given with `--istio-version` / `--envoy-version` or filterc.yaml's `istioVersion` / `envoyVersion`; docs/deploy.md (\"Versions\") has the table and its sources.";

export const VERSION_CODES: Record<string, CodeDoc> = {
  E0650: {
    title: "a target version older than filterc's version table",
    explanation: `A warning: the Istio or Envoy release given is older than any release filterc knows the fields of
(Istio 1.10 / Envoy 1.18). The output is written for the oldest release it knows. ${VERSION_NOTE}

Incorrect: \`filterc build rules.fw --istio-version 1.8\`

Correct: \`filterc build rules.fw --istio-version 1.8 --envoyfilter-format legacy --target envoyfilter\` for a mesh
that old, or a supported release.
`,
  },
  E0651: {
    title: "a failure policy the target release does not have",
    explanation: `\`failurePolicy: reload\` needs Envoy 1.33+ for the EnvoyFilter and envoy.yaml (\`failure_policy:
FAIL_RELOAD\`) and Istio 1.27+ for the WasmPlugin (\`failStrategy: FAIL_RELOAD\`); \`fail-open\` needs Istio 1.20+
for the WasmPlugin (\`failStrategy\`). Older releases cannot express the policy, so \`filterc build\` refuses rather
than write a file that silently fails closed. ${VERSION_NOTE}

Incorrect: \`filterc build rules.fw --failure-policy reload --istio-version 1.24\`

Correct: \`filterc build rules.fw --failure-policy fail-closed --istio-version 1.24\`, or a newer release.
`,
  },
  E0652: {
    title: "held headers on an Envoy without allow_on_headers_stop_iteration",
    explanation: `A rule that changes headers in a body phase makes the filter hold those headers until the body has
arrived, which needs \`allow_on_headers_stop_iteration: true\` (Envoy 1.35+, Istio 1.27+). On an older Envoy the
headers callback stops the whole stream and the request hangs (see E0620). ${VERSION_NOTE}

Incorrect:

\`\`\`fw
on request_body when request.body contains "debug" set "x-debug" = "1"
\`\`\`

with \`filterc build rules.fw --envoy-version 1.34\`.

Correct: decide on the headers in a headers phase, or target Envoy 1.35+.
`,
  },
  E0653: {
    title: "a WasmPlugin for an Istio release without WasmPlugin",
    explanation: `WasmPlugin arrived in Istio 1.12. \`--target wasmplugin\` with an older \`--istio-version\` is refused;
without \`--target\`, wasmplugin.yaml is left out with a note. ${VERSION_NOTE}

Incorrect: \`filterc build rules.fw --target wasmplugin --istio-version 1.11\`

Correct: \`filterc build rules.fw --target envoyfilter --istio-version 1.11\`
`,
  },
  E0654: {
    title: "a WasmPlugin without match",
    explanation: `A warning: WasmPlugin's \`match\` (traffic mode and ports) arrived in Istio 1.16. On older releases
filterc leaves it out, and the plugin runs on inbound and outbound traffic of the selected workloads alike, on
every port, where the EnvoyFilter keeps to its \`context\` and \`port\`. ${VERSION_NOTE}

Incorrect: \`filterc build rules.fw --istio-version 1.14\` and applying wasmplugin.yaml to a workload that also
calls other services.

Correct: \`filterc build rules.fw --istio-version 1.14 --target envoyfilter\`
`,
  },
  E0655: {
    title: "a TrafficExtension for an Istio release without TrafficExtension",
    explanation: `TrafficExtension (\`extensions.istio.io/v1alpha1\`) is served from Istio 1.30; an older control plane
does not know the kind and \`kubectl apply\` fails. \`--target trafficextension\` with an older \`--istio-version\` is
refused; without \`--target\` (\`filterc package\` writes every target by default), trafficextension.yaml is left out
with a note. ${VERSION_NOTE}

Incorrect: \`filterc build rules.fw --target trafficextension --istio-version 1.28\`

Correct: \`filterc build rules.fw --target wasmplugin --istio-version 1.28\`
`,
  },
};
