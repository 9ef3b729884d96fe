import { locate } from "../../project/yaml-locate.js";
import { didYouMean } from "../../../grammar/suggest.js";
import { ruleMeta, type LintRule, type ProjectContext } from "../rule.js";

/**
 * `pluginConfig.disabled_rules` in filterc.yaml switches named rules off at runtime. A name that no rule file
 * beside the project file declares switches nothing off, and the filter cannot say so until it is deployed:
 * usually the rule was renamed or the name misspelt.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "unknown-rule-in-config",
    type: "problem",
    defaultSeverity: "error",
    description: "Disallow names in pluginConfig.disabled_rules that no rule file beside filterc.yaml declares.",
    messages: {
      unknownRule: "`disabled_rules` names rule \"{{name}}\", which {{files}} does not declare",
    },
    hints: {
      didYouMean: "{{suggestion}}",
      unknownRule: "the named rules are {{names}}",
      noNamedRules: "only named rules (`rule \"name\" on ...`) can be disabled",
    },
  }),
  checkProject(context: ProjectContext): void {
    const disabled = context.pluginConfig?.disabled_rules;
    if (!Array.isArray(disabled) || context.ruleFiles.length === 0) return;
    const names = new Set(context.ruleFiles.flatMap((f) => f.ruleNames));
    const files = context.ruleFiles.length === 1 ? context.ruleFiles[0]!.path : `none of the ${context.ruleFiles.length} rule files here`;
    disabled.forEach((name: unknown, index) => {
      if (typeof name !== "string" || names.has(name)) return;
      const span = locate(context.document, context.source.text, ["pluginConfig", "disabled_rules", index], "value");
      const suggestion = didYouMean(name, names);
      const hintId = suggestion !== undefined ? "didYouMean" : names.size === 0 ? "noNamedRules" : "unknownRule";
      const shown = [...names].sort().slice(0, 10).map((n) => `"${n}"`).join(", ");
      context.report({ messageId: "unknownRule", span, data: { name, files, suggestion: suggestion ?? "", names: shown }, hintId });
    });
  },
};

export default rule;
