import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Every param becomes a key of the plugin configuration. One that no rule reads is a knob that does nothing:
 * operators can set it and nothing changes. Usually a rule was deleted or a name misspelt.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-unused-param",
    type: "suggestion",
    defaultSeverity: "warn",
    description: "Disallow params that no rule uses: they are configuration keys that change nothing.",
    messages: {
      unused: "param `{{name}}` is declared but no rule uses it",
    },
    hints: {
      unused: "remove it, or use it in a rule; operators could set `{{name}}` in the plugin configuration and nothing would change",
    },
  }),
  checkFile(context: FileContext): void {
    const used = new Set<string>();
    for (const resolution of context.checked.references.values()) {
      if (resolution.kind === "param") used.add(resolution.param.name);
    }
    for (const param of context.checked.params) {
      if (!used.has(param.name)) context.report({ messageId: "unused", span: param.decl.name.span, data: { name: param.name } });
    }
  },
};

export default rule;
