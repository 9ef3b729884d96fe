import type { Expression } from "../../../grammar/ast.js";
import { ruleActions } from "../../../grammar/walk.js";
import { referenceName } from "../../check/describe.js";
import { functionDefinition } from "../../functions/registry.js";
import { headerRead } from "../analysis/headers.js";
import { walkExpression } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/** Headers whose values are credentials or session state. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "request:authorization",
  "request:proxy-authorization",
  "request:cookie",
  "request:x-api-key",
  "request:x-auth-token",
  "response:set-cookie",
]);

/**
 * Proxy logs are read by more people, and kept longer, than the services behind the proxy. A log line that
 * interpolates a credential (an Authorization header, a cookie) copies it there.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-sensitive-log",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow log messages that interpolate credentials: authorization headers, cookies, API keys.",
    messages: {
      sensitive: "this log line writes `{{field}}`, a credential, into the proxy's logs",
    },
    hints: {
      sensitive: "log whether it is present instead, e.g. `\"present=${exists({{field}})}\"`, or leave it out",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const action of ruleActions(info.rule)) {
        if (action.kind === "Log") walkExpression(action.message, (e) => check(context, e));
      }
    }
  },
};

function check(context: FileContext, e: Expression): boolean | void {
  // A function with no text result (`exists`, `size`) tells something about the value without writing it.
  if (e.kind === "Call" && functionDefinition(e.callee.name)?.result !== "string") return false;
  if (e.kind !== "Reference") return;
  const resolution = context.checked.references.get(e);
  if (resolution?.kind !== "field") return;
  const cookie = resolution.field.source.from === "cookie-keyed";
  const key = headerRead(e, context.checked);
  if (cookie || (key !== undefined && SENSITIVE_HEADERS.has(key) && resolution.field.name.endsWith(".header"))) {
    context.report({ messageId: "sensitive", span: e.span, data: { field: referenceName(e) } });
  }
}

export default rule;
