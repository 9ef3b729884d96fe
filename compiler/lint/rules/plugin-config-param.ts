import { describeFound, describeType, hasType } from "../../project/param-values.js";
import { locate } from "../../project/yaml-locate.js";
import { DISABLED_RULES_KEY, unknownConfigKeys } from "../../project/unknown-config-keys.js";
import type { ParamInfo } from "../../check/result.js";
import { ENFORCE_RULES_KEY, SHADOW_RULES_KEY } from "../../shadow-mode.js";
import { ruleMeta, type LintRule, type ProjectContext } from "../rule.js";

/** Settings whose value is a list of rule names (compiler/shadow-mode.ts); the others are whole numbers. */
const RULE_LIST_SETTINGS: ReadonlySet<string> = new Set([SHADOW_RULES_KEY, ENFORCE_RULES_KEY]);

/**
 * The filter reads each param from the plugin configuration. It ignores an unknown key, and keeps the default
 * for a value of the wrong type; both only with a warning in the proxy's log. Checking filterc.yaml's
 * pluginConfig against the params of the rule files beside it finds those mistakes before deployment.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "plugin-config-param",
    type: "problem",
    defaultSeverity: "error",
    description: "Disallow pluginConfig keys that are not params of the rule files beside filterc.yaml, and values of the wrong type.",
    messages: {
      unknownParam: "pluginConfig sets `{{name}}`, which is not a param of {{files}}; the filter would ignore it",
      wrongType: "param `{{name}}` is {{expected}}, but pluginConfig gives {{found}}; the filter would keep the default",
      wrongSettingType: "`{{name}}` is a whole number of 0 or more, but pluginConfig gives {{found}}; the filter would keep the default",
      wrongRuleList: "`{{name}}` is a list of rule names, but pluginConfig gives {{found}}; the filter would keep the rules' declared modes",
    },
    hints: {
      didYouMean: "{{suggestion}}",
      unknownParam: "declare it with `param {{name}} = ...`, or remove it",
      wrongType: "write {{example}}",
      wrongSettingType: "write `{{name}}: 1`, or set `trustedHops: 1` in filterc.yaml",
    },
  }),
  checkProject(context: ProjectContext): void {
    const config = context.pluginConfig;
    if (config === undefined || context.ruleFiles.length === 0) return;
    const params = new Map<string, ParamInfo[]>();
    for (const file of context.ruleFiles) for (const p of file.params) params.set(p.name, [...(params.get(p.name) ?? []), p]);
    const files = context.ruleFiles.length === 1 ? context.ruleFiles[0]!.path : "any rule file here";
    const settings = context.ruleFiles.flatMap((file) => file.settings ?? []);
    for (const { name, suggestion } of unknownConfigKeys(config, [...params.keys(), ...settings])) {
      const span = locate(context.document, context.source.text, ["pluginConfig", name], "key");
      context.report({ messageId: "unknownParam", span, data: { name, files, suggestion: suggestion ?? "" }, hintId: suggestion === undefined ? "unknownParam" : "didYouMean" });
    }
    for (const [name, value] of Object.entries(config)) {
      const declared = params.get(name);
      if (name === DISABLED_RULES_KEY || declared === undefined) {
        if (settings.includes(name) && RULE_LIST_SETTINGS.has(name)) {
          if (!(Array.isArray(value) && value.every((item) => typeof item === "string"))) {
            const span = locate(context.document, context.source.text, ["pluginConfig", name], "value");
            context.report({ messageId: "wrongRuleList", span, data: { name, found: describeFound(value) } });
          }
          continue;
        }
        // Other settings are whole numbers of 0 or more (trusted_hops).
        if (settings.includes(name) && !(typeof value === "number" && Number.isInteger(value) && value >= 0)) {
          const span = locate(context.document, context.source.text, ["pluginConfig", name], "value");
          context.report({ messageId: "wrongSettingType", span, data: { name, found: describeFound(value) } });
        }
        continue;
      }
      if (declared.some((p) => hasType(value, p.type))) continue;
      const expected = declared[0]!;
      const span = locate(context.document, context.source.text, ["pluginConfig", name], "value");
      context.report({ messageId: "wrongType", span, data: { name, expected: describeType(expected.type), found: describeFound(value), example: example(name, expected) } });
    }
  },
};

function example(name: string, param: ParamInfo): string {
  const value = param.defaultValue;
  const yaml = Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(", ")}]` : typeof value === "string" ? JSON.stringify(value) : String(value);
  return `\`${name}: ${yaml}\`, like the declared default`;
}

export default rule;
