import type { Limit } from "../../grammar/ast.js";
import { code, type Code } from "../ir/code.js";
import { RULE_ANSWERED, RULE_PAUSED } from "../ir/rule-result.js";
import type { Statement } from "../ir/statements.js";
import { RATE_LIMITED_COUNTER, RULE_TAG } from "../metric-names.js";
import { shadowGlobals } from "../lower/shadow.js";
import { escapeLogLine } from "./log.js";
import type { ActionLowering } from "./lowering.js";
import { sendReplyCode } from "./local-response.js";

/**
 * A global limit, `limit N per UNIT [by EXPR] via "CLUSTER" [timeout D] [on failure allow|deny]` (docs/language.md,
 * "Global rate limits"): the rule calls the rate limit service on CLUSTER and pauses (runtime/global-rate-limit.ts,
 * lower/callouts.ts); the answer's callback sends the 429 or goes on with the next rule. Defaults and answers as
 * Envoy's ratelimit filter (source/extensions/filters/http/ratelimit/ratelimit.cc, config.proto): a 20 ms
 * timeout, failures let the request through (`failure_mode_deny: false`) or answer 500 with `deny`, OVER_LIMIT
 * answers 429 with the service's response_headers_to_add, OK sets its request_headers_to_add on the request.
 */

/** Envoy's ratelimit filter's default `timeout`. */
export const DEFAULT_GLOBAL_LIMIT_TIMEOUT_MS = 20;
const TOO_MANY_REQUESTS = 429;
/** Http::Code::InternalServerError, the ratelimit filter's answer to a failure under failure_mode_deny. */
const INTERNAL_SERVER_ERROR = 500;

type GlobalLimit = Limit & { readonly via: NonNullable<Limit["via"]> };

export function isGlobal(action: Limit): action is GlobalLimit {
  return action.via !== undefined;
}

/** The clusters a global limit calls: the deployment defines them (emit/envoy-bootstrap.ts, docs/deploy.md). */
export function globalLimitClusters(action: Limit): readonly string[] {
  return action.via === undefined ? [] : [action.via.cluster.value];
}

/** What a shadow rule's log line says the limit would do. */
export function globalLimitWould(action: GlobalLimit): string {
  return `ask "${action.via.cluster.value}" to limit ${action.rate.kind === "IntLiteral" ? action.rate.value : "?"} per ${action.unit.name}`;
}

/**
 * The rule's statements: start the call and pause; when the proxy refuses the call, `deny` answers 500 at once and
 * `allow` goes on. In a shadow rule the call is made the same way, and the answer only logged and counted.
 */
export function lowerGlobalLimit(lowering: ActionLowering, action: GlobalLimit, shadow: boolean): Statement[] {
  const rule = lowering.rule!;
  const deny = action.via.failure?.choice === "deny" && !shadow;
  const details = lowering.constant(lowering.details);
  const hook = lowering.replyHook;
  const failed = sendReplyCode(hook, String(INTERNAL_SERVER_ERROR), "EMPTY", details, "NO_HEADERS");
  const limited = lowering.ctx.metrics.taggedCounter(RATE_LIMITED_COUNTER, RULE_TAG, lowering.details.slice("filterc_".length));
  const wouldLine = lowering.constant(escapeLogLine(`shadow rule "${rule.name!}":`));
  const site = lowering.ctx.callouts.add({
    phase: lowering.phase,
    rule: rule.index,
    onReceive: (resume, replied) =>
      shadow
        ? [code`if (rateLimitAnswer(size) == ANSWER_OVER) rateLimitWouldLimit(${wouldLine}, ${shadowGlobals(rule).metric});`, resume]
        : [
            "const answer = rateLimitAnswer(size);",
            code`if (answer == ANSWER_OVER) {`,
            code`  metricIncrement(${limited});`,
            ...sendReplyCode(hook, String(TOO_MANY_REQUESTS), "EMPTY", details, "rateLimitReplyHeaders()").map((line) => code`  ${line}`),
            `  ${replied}`,
            ...(deny ? [code`} else if (answer != ANSWER_OK) {`, ...failed.map((line) => code`  ${line}`), `  ${replied}`] : []),
            "} else {",
            "  if (answer == ANSWER_OK) rateLimitSetRequestHeaders();",
            `  ${resume}`,
            "}",
          ],
    onClose: (resume, replied) => (deny ? [...failed, replied] : [resume]),
  });
  const by: Code = action.by === undefined ? "ABSENT" : lowering.text(action.by);
  const call = code`rateLimitCall(${lowering.constant(action.via.cluster.value)}, ${lowering.constant(lowering.ctx.filterName)}, ${lowering.constant(rule.name!)}, ${by}, ${action.by !== undefined}, ${action.via.timeout?.ms ?? DEFAULT_GLOBAL_LIMIT_TIMEOUT_MS}, ctx, ${site})`;
  const statements: Statement[] = [{ kind: "Branches", arms: [{ condition: call, actions: [[{ kind: "Return", result: RULE_PAUSED }]] }] }];
  if (deny) {
    statements.push({ kind: "Branches", arms: [{ condition: "rateLimitRefused()", actions: [[...failed.map((line): Statement => ({ kind: "ReplyStep", code: line })), { kind: "Return", result: RULE_ANSWERED }]] }] });
  }
  return statements;
}
