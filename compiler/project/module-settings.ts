import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Source } from "../../grammar/source.js";
import { defaultMetricPrefix } from "../metric-names.js";
import { loadProjectFile } from "./load-project-file.js";
import type { ProjectFile } from "./project-file.js";
import { resolveSettings } from "./resolve-settings.js";

/**
 * The settings of filterc.yaml that change the module itself, not its deployment: a filter that `filterc test` or
 * `filterc run` builds must be the one `filterc build` ships, so all three read these from one place.
 */
export type ModuleSettings = Pick<ProjectFile, "optimize" | "maxListBytes" | "trustedHops" | "maxBody" | "onBodyOverflow" | "metricPrefix" | "countRules">;

const MODULE_SETTING_KEYS = ["optimize", "maxListBytes", "trustedHops", "maxBody", "onBodyOverflow", "metricPrefix", "countRules"] as const satisfies readonly (keyof ModuleSettings)[];

/** The module settings a project file sets (only the keys it sets). */
export function moduleSettingsOf(file: ProjectFile): ModuleSettings {
  const settings: Record<string, unknown> = {};
  for (const key of MODULE_SETTING_KEYS) if (file[key] !== undefined) settings[key] = file[key];
  return settings as ModuleSettings;
}

/** The project file `filterc build` reads for a rule file by default: filterc.yaml beside it. */
export function defaultProjectPath(ruleFile: string): string {
  return join(dirname(ruleFile), "filterc.yaml");
}

/**
 * The module settings `filterc build` would use for a rule file without flags: those of the filterc.yaml beside it
 * (its valid keys: reporting a bad one is `build`'s and `lint`'s job), and metric names prefixed with the filter's
 * name. No file, no settings.
 */
export function projectModuleSettings(ruleFile: string): ModuleSettings & { readonly metricPrefix: string | undefined } {
  const path = defaultProjectPath(ruleFile);
  let text: string | undefined;
  try {
    text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  } catch {
    text = undefined;
  }
  if (text === undefined) return { metricPrefix: undefined };
  const loaded = loadProjectFile(new Source(path, text));
  const settings = moduleSettingsOf(loaded);
  return { ...settings, metricPrefix: settings.metricPrefix ?? defaultMetricPrefix(resolveSettings(basename(ruleFile), loaded.settings, {}).name) };
}
