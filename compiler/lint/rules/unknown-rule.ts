import { ruleMeta, type LintRule } from "../rule.js";

/**
 * A rule id in filterc.yaml's `lint:` map or in a disable comment that is not a lint rule. The setting or the
 * comment would do nothing, so the typo is reported with the closest id. Compile errors have codes (E0401) and
 * cannot be switched off: they would fail the build anyway. Reported by the engine.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "unknown-rule",
    type: "problem",
    defaultSeverity: "error",
    hasSuggestions: true,
    description: "Disallow unknown rule ids in filterc.yaml's lint map and in filterc-disable comments.",
    messages: {
      unknownRule: "unknown lint rule `{{id}}`",
      compileCode: "`{{id}}` is a compile error, and compile errors cannot be switched off",
      unknownDirective: "unknown directive `{{directive}}`",
    },
    hints: {
      didYouMean: "{{suggestion}}",
      unknownRule: "`filterc lint --list-rules` prints every rule id",
      compileCode: "fix the problem instead: `filterc explain {{id}}` says how",
      unknownDirective: "the directives are `filterc-disable-next-line RULE` and `filterc-disable RULE`",
    },
  }),
};

export default rule;
