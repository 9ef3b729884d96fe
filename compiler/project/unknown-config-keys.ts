import type { Span } from "../../grammar/ast.js";
import { error, type Diagnostic } from "../../grammar/diagnostic.js";
import { didYouMean } from "../../grammar/suggest.js";

/** The one key of a plugin configuration that is not a param: the names of the rules to turn off. */
export const DISABLED_RULES_KEY = "disabled_rules";

export interface UnknownConfigKey {
  readonly name: string;
  /** "did you mean `maintenance_bypass`?", when a param is close. */
  readonly suggestion?: string;
}

/**
 * Keys of a plugin configuration that no param declares. The filter ignores them (with a warning in the proxy's
 * log only), so a misspelt key silently keeps the default: build, test and lint all refuse them.
 */
export function unknownConfigKeys(config: Readonly<Record<string, unknown>>, paramNames: readonly string[]): UnknownConfigKey[] {
  return Object.keys(config)
    .filter((name) => name !== DISABLED_RULES_KEY && !paramNames.includes(name))
    .map((name) => {
      const suggestion = didYouMean(name, paramNames);
      return suggestion === undefined ? { name } : { name, suggestion };
    });
}

/** The error for an unknown key of `map` (`pluginConfig`, `config`): names the key, and the closest param as a hint. */
export function unknownConfigKeyError(code: string, span: Span, map: string, key: UnknownConfigKey, ruleFile: string): Diagnostic {
  const message = `${map} sets \`${key.name}\`, which no param of ${ruleFile} declares; the filter would ignore it`;
  return error(code, span, message, key.suggestion ?? `declare it in ${ruleFile} with \`param ${key.name} = ...\`, or remove it`);
}
