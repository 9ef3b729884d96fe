import type { EnvoySettings, SettingsOverrides } from "../emit/settings.js";
import type { DeploymentTarget } from "../emit/targets.js";

export type OptimizeFor = "size" | "speed";
export type LintLevel = "off" | "warn" | "error";

/** What a filterc.yaml says, split the way the compiler uses it. */
export interface ProjectFile {
  /** Deployment settings; the keys the file sets, each valid. */
  settings: SettingsOverrides;
  optimize?: OptimizeFor;
  /** The most bytes a configured list matched with `contains any` may hold (compiler/lower/any-list.ts). */
  maxListBytes?: number;
  /** The default of `trusted_hops`: the `x-forwarded-for` entries `client.address` counts from the right. */
  trustedHops?: number;
  /** The most bytes a body phase holds (compiler/lower/body-phase.ts). */
  maxBody?: number;
  /** What a request body past maxBody gets. */
  onBodyOverflow?: "deny" | "pass";
  /** What metric names start with (compiler/metric-names.ts); `filterc.<name>.` when absent. */
  metricPrefix?: string;
  /** Count each rule's firings (`rule_fired`). */
  countRules?: boolean;
  /** Lint rule id to level; the linter checks the ids. */
  lint?: Record<string, LintLevel>;
  /** The runtime plugin configuration: param values and `disabled_rules`; the linter checks it against the rules. */
  pluginConfig?: Record<string, unknown>;
  /** The deployment files to write (compiler/emit/targets.ts); `--target` wins over it. */
  targets?: DeploymentTarget[];
}

const ENVOY_KEYS: readonly (keyof EnvoySettings)[] = ["listenPort", "upstreamHost", "upstreamPort", "adminPort", "wasmFile"];

/**
 * The project file from a schema-checked object. `isValid(path)` says whether nothing under a key was reported,
 * so one bad key does not discard the rest of the file (the CLI stops on the errors anyway, but `filterc check`
 * and editors still see the good settings).
 */
export function projectFileFrom(data: Record<string, unknown>, isValid: (path: readonly string[]) => boolean): ProjectFile {
  const settings: Record<string, unknown> = {};
  const file: ProjectFile = { settings: settings as SettingsOverrides };
  for (const [key, value] of Object.entries(data)) {
    if (key === "envoy" && isMapping(value)) {
      // Key by key: a bad listenPort should not throw away a good upstreamHost.
      const envoy = ENVOY_KEYS.filter((k) => value[k] !== undefined && isValid(["envoy", k]));
      if (envoy.length > 0) settings.envoy = Object.fromEntries(envoy.map((k) => [k, value[k]]));
      continue;
    }
    if (!isValid([key])) continue;
    if (key === "optimize") file.optimize = value as OptimizeFor;
    else if (key === "maxListBytes") file.maxListBytes = value as number;
    else if (key === "trustedHops") file.trustedHops = value as number;
    else if (key === "maxBody") file.maxBody = value as number;
    else if (key === "onBodyOverflow") file.onBodyOverflow = value as "deny" | "pass";
    else if (key === "metricPrefix") file.metricPrefix = value as string;
    else if (key === "countRules") file.countRules = value as boolean;
    else if (key === "lint") file.lint = { ...(value as Record<string, LintLevel>) };
    else if (key === "pluginConfig") file.pluginConfig = { ...(value as Record<string, unknown>) };
    else if (key === "targets") file.targets = [...(value as DeploymentTarget[])];
    else settings[key] = value;
  }
  return file;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
