import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * `on failure deny` answers 500 whenever the rate limit service is late, and without `timeout` late means 20 ms
 * (Envoy's ratelimit filter's default): a slow service then refuses traffic. The author should choose the wait
 * knowingly.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "global-limit-deny-timeout",
    type: "problem",
    defaultSeverity: "warn",
    description: "Require an explicit `timeout` on a global limit that fails closed (`on failure deny`).",
    messages: {
      denyWithoutTimeout: "`on failure deny` without `timeout`: every request the rate limit service does not answer within 20ms is refused with a 500",
    },
    hints: {
      denyWithoutTimeout: "state the wait the service gets, e.g. `timeout 50ms on failure deny`, or fail open with `on failure allow`",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const action of ruleActions(info.rule)) {
        if (action.kind !== "Limit" || action.via?.failure?.choice !== "deny" || action.via.timeout !== undefined) continue;
        context.report({ messageId: "denyWithoutTimeout", span: action.via.failure.span });
      }
    }
  },
};

export default rule;
