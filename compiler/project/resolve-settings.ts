import { defaultSettings, type DeploymentSettings, type SettingsOverrides } from "../emit/settings.js";

/**
 * The settings a build uses: command-line flags over the project file over the defaults. A layer sets only the
 * keys it defines (an `undefined` value, as an option parser leaves for an absent flag, sets nothing), and
 * `envoy` merges key by key. Values derived from others follow the final values: the default rootId is the final
 * name, the default url is the final wasmPath.
 */
export function resolveSettings(
  ruleFile: string,
  fromProject: SettingsOverrides,
  fromFlags: SettingsOverrides,
): DeploymentSettings {
  const defaults = defaultSettings(ruleFile);
  const merged: Record<string, unknown> = {};
  for (const layer of [fromProject, fromFlags]) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined && key !== "envoy") merged[key] = value;
  }
  const name = (merged.name as string | undefined) ?? defaults.name;
  const settings: DeploymentSettings = {
    ...defaults,
    ...merged,
    name,
    rootId: (merged.rootId as string | undefined) ?? name,
    envoy: { ...defaults.envoy, ...definedOnly(fromProject.envoy), ...definedOnly(fromFlags.envoy) },
  };
  // Copies, so a caller that edits the result cannot change the layers it came from.
  if (settings.selector !== undefined) settings.selector = { ...settings.selector };
  if (settings.targetRefs !== undefined) settings.targetRefs = settings.targetRefs.map((ref) => ({ ...ref }));
  return settings;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
