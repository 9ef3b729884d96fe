import { locate } from "../../project/yaml-locate.js";
import { didYouMean } from "../../../grammar/suggest.js";
import { ENFORCE_RULES_KEY, SHADOW_RULES_KEY } from "../../shadow-mode.js";
import { ruleMeta, type LintRule, type ProjectContext } from "../rule.js";

/** The lists of rule names a plugin configuration may hold: rules switched off, shadowed, enforced. */
const RULE_LISTS = ["disabled_rules", SHADOW_RULES_KEY, ENFORCE_RULES_KEY] as const;

/**
 * `pluginConfig.disabled_rules` in filterc.yaml switches named rules off at runtime (`shadow_rules` and
 * `enforce_rules` flip them between shadow and enforcing). A name that no rule file beside the project file
 * declares changes nothing, and the filter cannot say so until it is deployed:
 * usually the rule was renamed or the name misspelt.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "unknown-rule-in-config",
    type: "problem",
    defaultSeverity: "error",
    description: "Disallow names in pluginConfig.disabled_rules (shadow_rules, enforce_rules) that no rule file beside filterc.yaml declares.",
    messages: {
      unknownRule: "`{{list}}` names rule \"{{name}}\", which {{files}} does not declare",
    },
    hints: {
      didYouMean: "{{suggestion}}",
      unknownRule: "the named rules are {{names}}",
      noNamedRules: "only named rules (`rule \"name\" on ...`) can be disabled",
    },
  }),
  checkProject(context: ProjectContext): void {
    if (context.ruleFiles.length === 0) return;
    const names = new Set(context.ruleFiles.flatMap((f) => f.ruleNames));
    const files = context.ruleFiles.length === 1 ? context.ruleFiles[0]!.path : `none of the ${context.ruleFiles.length} rule files here`;
    for (const list of RULE_LISTS) {
      const listed = context.pluginConfig?.[list];
      if (!Array.isArray(listed)) continue;
      listed.forEach((name: unknown, index) => {
        if (typeof name !== "string" || names.has(name)) return;
        const span = locate(context.document, context.source.text, ["pluginConfig", list, index], "value");
        const suggestion = didYouMean(name, names);
        const hintId = suggestion !== undefined ? "didYouMean" : names.size === 0 ? "noNamedRules" : "unknownRule";
        const shown = [...names].sort().slice(0, 10).map((n) => `"${n}"`).join(", ");
        context.report({ messageId: "unknownRule", span, data: { list, name, files, suggestion: suggestion ?? "", names: shown }, hintId });
      });
    }
  },
};

export default rule;
