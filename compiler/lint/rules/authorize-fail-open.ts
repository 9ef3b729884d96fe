import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * `authorize ... on failure allow` lets every request through unchecked whenever the authorization service is down,
 * slow or answering 5xx: an outage of the service opens the gate. Sometimes that is the choice (a soft rollout, a
 * check that only enriches), so it is a warning to state it knowingly; a shadow rule refuses nothing anyway.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "authorize-fail-open",
    type: "problem",
    defaultSeverity: "warn",
    description: "Report `authorize` that lets requests through unchecked when the authorization service fails (`on failure allow`).",
    messages: {
      failOpen: "`on failure allow`: while the authorization service is down, late or failing, every request passes unchecked",
    },
    hints: {
      failOpen: "leave it out to refuse with 403 on failure (Envoy's ext_authz default), or disable this rule on the line where failing open is intended",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      if (info.rule.shadow !== undefined) continue;
      for (const action of ruleActions(info.rule)) {
        if (action.kind !== "Authorize" || action.failure?.choice !== "allow") continue;
        context.report({ messageId: "failOpen", span: action.failure.span });
      }
    }
  },
};

export default rule;
