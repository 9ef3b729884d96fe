import type { Authorize } from "../../grammar/ast.js";
import { code, type Code } from "../ir/code.js";
import { RULE_ANSWERED, RULE_PAUSED } from "../ir/rule-result.js";
import type { Statement } from "../ir/statements.js";
import { shadowGlobals } from "../lower/shadow.js";
import { checkAuthorize } from "../check/authorize.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { escapeLogLine } from "./log.js";
import type { ActionLowering } from "./lowering.js";
import { sendReplyCode } from "./local-response.js";

/**
 * `authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR]
 * [copy headers [...]]` (docs/language.md, "External authorization"): the rule asks the authorization service on
 * CLUSTER and pauses (runtime/ext-authz.ts, lower/callouts.ts); the answer's callback answers the client or goes on
 * with the next rule. Defaults as Envoy's ext_authz filter (api/envoy/extensions/filters/http/ext_authz/v3/
 * ext_authz.proto): a 200 ms timeout, `failure_mode_allow: false`, and `status_on_error` 403 (Forbidden).
 */

/** Envoy's ext_authz default timeout (the grpc_service / http_service `timeout`). */
export const DEFAULT_AUTHORIZE_TIMEOUT_MS = 200;
/** ext_authz's status_on_error default: what a failure answers under `on failure deny`. */
const STATUS_ON_ERROR = 403;

export const authorize: ActionDefinition<Authorize> = {
  keyword: () => "authorize",
  synopsis: '`authorize with "CLUSTER" [grpc] [timeout D] [on failure CHOICE] [send headers [...]] [path EXPR] [copy headers [...]]`',
  production: "authorize",
  expressions: (action) => (action.path ? [action.path] : []),
  effects: (action) => ({ writes: action.copyHeaders ? { names: action.copyHeaders.names.map((n) => n.value), prefixes: [] } : NO_WRITES, targets: [], mayReply: true }),
  shadow: {
    effect: "meters",
    would: (action) => `ask "${action.cluster.value}" to authorize`,
    lowerShadow: (lowering, action) => lowerAuthorize(lowering, action, true),
  },
  check: checkAuthorize,
  lower: (lowering, action) => lowerAuthorize(lowering, action, false),
  clusters: (action) => [action.cluster.value],
};

/** Whether a failure (an error, a 5xx, a timeout, an unknown cluster) refuses the request: `deny` by default. */
function failureDenies(action: Authorize): boolean {
  return (action.failure?.choice ?? "deny") === "deny";
}

/**
 * The rule's statements: start the call and pause; when the proxy refuses the call, `deny` answers 403 at once
 * and `allow` goes on. In a shadow rule the call is made the same way, and a refusal only logged and counted.
 */
function lowerAuthorize(lowering: ActionLowering, action: Authorize, shadow: boolean): Statement[] {
  const rule = lowering.rule!;
  const deny = failureDenies(action);
  const details = lowering.constant(lowering.details);
  const hook = lowering.replyHook;
  const failed = sendReplyCode(hook, String(STATUS_ON_ERROR), "EMPTY", details, "NO_HEADERS");
  const denied = sendReplyCode(hook, "authzDeniedStatus()", "authzDeniedBody()", details, "authzDeniedHeaders()");
  const line = lowering.constant(escapeLogLine(`shadow rule "${rule.name ?? ""}":`));
  const metric = shadowGlobals(rule).metric;
  const wouldFail = code`authzWouldDeny(${line}, ${metric}, true);`;
  /** What each answer does: `answer` is AUTHZ_OK, AUTHZ_DENIED or AUTHZ_FAILED; `allowed` applies an allowing answer. */
  const decide = (resume: Code, replied: string, allowed: Code | undefined): Code[] =>
    shadow
      ? [code`if (answer == AUTHZ_DENIED) authzWouldDeny(${line}, ${metric}, false);`, ...(deny ? [code`else if (answer == AUTHZ_FAILED) ${wouldFail}`] : []), resume]
      : [
          "if (answer == AUTHZ_DENIED) {",
          ...denied.map((line) => code`  ${line}`),
          `  ${replied}`,
          ...(deny ? [code`} else if (answer == AUTHZ_FAILED) {`, ...failed.map((line) => code`  ${line}`), `  ${replied}`] : []),
          "} else {",
          ...(allowed === undefined ? [] : [code`  if (answer == AUTHZ_OK) ${allowed}`]),
          `  ${resume}`,
          "}",
        ];
  const timeout = action.timeout?.ms ?? DEFAULT_AUTHORIZE_TIMEOUT_MS;
  const cluster = lowering.constant(action.cluster.value);
  const send = namesConstant(lowering, action.sendHeaders?.names.map((n) => n.value));
  const site = action.grpc
    ? lowering.ctx.callouts.add({
        phase: lowering.phase,
        rule: rule.index,
        onReceive: (resume, replied) => ["const answer = authzGrpcAnswer(size);", ...decide(resume, replied, "authzApplyOk();")],
        onClose: (resume, replied) => ["const answer = AUTHZ_FAILED;", ...decide(resume, replied, undefined)],
      })
    : lowering.ctx.callouts.add({
        phase: lowering.phase,
        rule: rule.index,
        transport: "http",
        onResponse: (resume, replied) => [
          "const answer = authzHttpAnswer(headers, size);",
          ...decide(resume, replied, action.copyHeaders ? code`authzCopyHeaders(${namesConstant(lowering, action.copyHeaders.names.map((n) => n.value))});` : undefined),
        ],
      });
  const path: Code = action.path === undefined ? "ABSENT" : lowering.text(action.path);
  const call = action.grpc ? code`authzGrpcCall(${cluster}, ${send}, ${timeout}, ctx, ${site})` : code`authzHttpCall(${cluster}, ${path}, ${send}, ${timeout}, ctx, ${site})`;
  const statements: Statement[] = [{ kind: "Branches", arms: [{ condition: call, actions: [[{ kind: "Return", result: RULE_PAUSED }]] }] }];
  if (deny && !shadow) {
    statements.push({ kind: "Branches", arms: [{ condition: "authzRefused()", actions: [[...failed.map((line): Statement => ({ kind: "ReplyStep", code: line })), { kind: "Return", result: RULE_ANSWERED }]] }] });
  } else if (deny) {
    statements.push({ kind: "Branches", arms: [{ condition: "authzRefused()", actions: [[{ kind: "ReplyStep", code: wouldFail }]] }] });
  }
  return statements;
}

/** A list of header names as the runtime reads it (runtime/ext-authz.ts): one constant, "\n" between names. */
function namesConstant(lowering: ActionLowering, names: readonly string[] | undefined): Code {
  return names === undefined || names.length === 0 ? "EMPTY" : lowering.constant(names.join("\n"));
}
