import type { Span } from "../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../grammar/diagnostic.js";
import type { Side } from "../phases.js";
import type { DeploymentSettings } from "./settings.js";

type EnvoyFilterFormat = DeploymentSettings["envoyFilterFormat"];

/**
 * The deployment files `filterc build` can write, and which of them can run a program that holds headers for its
 * body rules (compiler/header-holds.ts). Holding headers needs the wasm filter's `allow_on_headers_stop_iteration:
 * true` (Envoy 1.35+, PluginConfig field 9 of envoy.extensions.wasm.v3): the typed EnvoyFilter and envoy.yaml carry
 * a PluginConfig and set it; Istio's WasmPlugin (and TrafficExtension) and Envoy Gateway's EnvoyExtensionPolicy have
 * no field for it, and the legacy untyped EnvoyFilter is for Istio <= 1.7, whose Envoy predates it.
 */

export type DeploymentTarget = "envoyfilter" | "wasmplugin" | "trafficextension" | "envoyextensionpolicy" | "envoy";

/** Every target, in the order the files are written. */
export const DEPLOYMENT_TARGETS: readonly DeploymentTarget[] = ["envoyfilter", "wasmplugin", "trafficextension", "envoyextensionpolicy", "envoy"];

/**
 * What `filterc build` writes without `--target`. TrafficExtension (Istio 1.30+) and EnvoyExtensionPolicy (Envoy
 * Gateway, which needs an image or an HTTP url) are written when asked for, and by `filterc package`.
 */
export const BUILD_DEFAULT_TARGETS: readonly DeploymentTarget[] = ["envoyfilter", "wasmplugin", "envoy"];

export const TARGET_FILES: Readonly<Record<DeploymentTarget, string>> = {
  envoyfilter: "envoyfilter.yaml",
  wasmplugin: "wasmplugin.yaml",
  trafficextension: "trafficextension.yaml",
  envoyextensionpolicy: "envoyextensionpolicy.yaml",
  envoy: "envoy.yaml",
};

/** The resources that have no field for `allow_on_headers_stop_iteration`, by target. */
const NO_HOLD_FIELD: Partial<Record<DeploymentTarget, string>> = {
  wasmplugin: "Istio's WasmPlugin cannot set Envoy's `allow_on_headers_stop_iteration`",
  trafficextension: "Istio's TrafficExtension cannot set Envoy's `allow_on_headers_stop_iteration`",
  envoyextensionpolicy: "Envoy Gateway's EnvoyExtensionPolicy cannot set Envoy's `allow_on_headers_stop_iteration`",
};

export const TargetCode = { cannotHold: "E0620", legacyCannotHold: "E0621" } as const;

/** Why a target cannot run a program that holds headers, or undefined when it can. */
export function holdUnsupported(target: DeploymentTarget, format: EnvoyFilterFormat): string | undefined {
  const noField = NO_HOLD_FIELD[target];
  if (noField !== undefined) return noField;
  if (target === "envoyfilter" && format === "legacy") return "the legacy EnvoyFilter form is for Istio <= 1.7, whose Envoy (before 1.35) has no `allow_on_headers_stop_iteration`";
  return undefined;
}

export interface TargetChoice {
  readonly targets: readonly DeploymentTarget[];
  /** Notes on the files left out for the program (when no target was asked for). */
  readonly notes: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The files to write: the asked-for targets (`--target`, else filterc.yaml's `targets`), or every one that can run
 * the program. `hold` is the
 * program's first rule that holds headers (its side and where it is), when it has one.
 */
export function chooseTargets(
  asked: readonly DeploymentTarget[] | undefined,
  format: EnvoyFilterFormat,
  hold: { readonly side: Side; readonly span: Span } | undefined,
  askedBy: "flag" | "project" = "flag",
  defaults: readonly DeploymentTarget[] = BUILD_DEFAULT_TARGETS,
): TargetChoice {
  const wanted = asked === undefined || asked.length === 0 ? defaults : DEPLOYMENT_TARGETS.filter((t) => asked.includes(t));
  if (hold === undefined) return { targets: wanted, notes: [], diagnostics: [] };
  const targets: DeploymentTarget[] = [];
  const notes: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of wanted) {
    const why = holdUnsupported(target, format);
    if (why === undefined) targets.push(target);
    else if (asked !== undefined && asked.length > 0) diagnostics.push(cannotHold(hold.span, target, hold.side, why, format, askedBy));
    else notes.push(`${TARGET_FILES[target]} not written: this filter holds ${hold.side} headers for a body rule, which needs allow_on_headers_stop_iteration, and ${why.replaceAll("`", "")}`);
  }
  return { targets, notes, diagnostics };
}

function cannotHold(span: Span, target: DeploymentTarget, side: Side, why: string, format: EnvoyFilterFormat, askedBy: "flag" | "project"): Diagnostic {
  const legacy = target === "envoyfilter" && format === "legacy";
  const asked = askedBy === "flag" ? `\`--target ${target}\`` : `\`${target}\` in filterc.yaml's \`targets\``;
  return error(
    legacy ? TargetCode.legacyCannotHold : TargetCode.cannotHold,
    span,
    `${asked} cannot run this filter: this rule changes ${side} headers in a body phase, so the filter holds them until the body has arrived, which needs \`allow_on_headers_stop_iteration: true\`, and ${why}`,
    legacy
      ? "use the typed EnvoyFilter (`--envoyfilter-format typed`, Istio 1.8+ with Envoy 1.35+), or change the headers in a headers phase"
      : "deploy with the target `envoyfilter` (an EnvoyFilter that sets it) or `envoy`, or change the headers in a headers phase (`on request_headers` / `on response_headers`)",
  );
}

export const TARGET_CODES: Record<string, CodeDoc> = {
  E0620: {
    title: "a deployment target that cannot hold headers",
    explanation: `A rule that changes headers in a body phase (\`set\`, \`add\`, \`remove\`, \`rename\`, a path or query
change in \`on request_body\`; a response header change in \`on response_body\`) makes the filter hold those
headers until the body has arrived. Envoy lets a wasm filter do that only with \`allow_on_headers_stop_iteration:
true\` in its PluginConfig (Envoy 1.35+); without it the filter's headers callback stops the whole stream, the body
never reaches the filter and the request hangs. Istio's WasmPlugin (like its TrafficExtension and Envoy Gateway's
EnvoyExtensionPolicy) has no field for it, so \`filterc build --target wasmplugin\` refuses such a program.
Without \`--target\`, \`filterc build\` writes only envoyfilter.yaml and envoy.yaml for it, and says so.

Incorrect:

\`\`\`fw
on request_body when request.body contains "debug" set "x-debug" = "1"
\`\`\`

with \`filterc build rules.fw --target wasmplugin\`.

Correct: deploy with \`--target envoyfilter\` (or \`--target envoy\`), or decide on the headers:

\`\`\`fw
on request_headers when request.query["debug"] == "1" set "x-debug" = "1"
\`\`\`
`,
  },
  E0621: {
    title: "the legacy EnvoyFilter form cannot hold headers",
    explanation: `A rule that changes headers in a body phase needs \`allow_on_headers_stop_iteration: true\` (Envoy
1.35+, see E0620). The legacy EnvoyFilter form (\`envoyFilterFormat: legacy\`) is for Istio 1.7 and older, whose
Envoy has no such field, so \`--target envoyfilter\` with the legacy form refuses such a program; without
\`--target\` the EnvoyFilter is left out, with a note.

Incorrect:

\`\`\`fw
on response_body when response.body contains "card" set "x-redacted" = "1"
\`\`\`

with \`filterc build rules.fw --target envoyfilter --envoyfilter-format legacy\`.

Correct: \`--envoyfilter-format typed\` (Istio 1.8+ on Envoy 1.35+).
`,
  },
};
