import type { CheckedProgram } from "./check/result.js";
import { walkFieldReads } from "./rule-walk.js";
import { shadowKeys } from "./shadow-mode.js";

/** The plugin-configuration key of the trusted hops `client.address` counts (filterc.yaml `trustedHops`). */
export const TRUSTED_HOPS_KEY = "trusted_hops";

/**
 * The plugin-configuration keys a filter reads besides its params and `disabled_rules`: `trusted_hops` when a rule
 * reads `client.address` and no param takes the name, `shadow_rules` and `enforce_rules` when a rule is declared
 * `shadow`. Build, test and lint accept them as keys.
 */
export function settingKeys(checked: CheckedProgram): string[] {
  return [...trustedHopsKeys(checked), ...shadowKeys(checked)];
}

function trustedHopsKeys(checked: CheckedProgram): string[] {
  if (checked.params.some((param) => param.name === TRUSTED_HOPS_KEY)) return [];
  let reads = false;
  walkFieldReads(checked, (field) => {
    if (field.source.from === "client-address") reads = true;
  });
  return reads ? [TRUSTED_HOPS_KEY] : [];
}
