import type { Expression, IntLiteral, Limit, Reference } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import { quoted } from "../check/describe.js";
import { checkListItems, inferExpression, unwrapParens } from "../check/expressions.js";
import { bucketsWithoutKey, limitAmountInvalid, limitBucketsOutOfRange, limitKeyNotScalar, limitNotInRequestPhase, MAX_LIMIT_BUCKETS, MAX_LIMIT_TOKENS } from "../check/errors/rate-limits.js";
import { code, type Code } from "../ir/code.js";
import { RULE_ANSWERED } from "../ir/rule-result.js";
import type { Statement } from "../ir/statements.js";
import type { LowerContext } from "../lower/context.js";
import { RATE_LIMIT_COLLISIONS_COUNTER, RATE_LIMITED_COUNTER, RULE_TAG } from "../metric-names.js";
import { phaseDefinition } from "../phases.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { sendReplyCode } from "./local-response.js";
import type { ActionLowering } from "./lowering.js";
import { globalLimitClusters, globalLimitWould, isGlobal, lowerGlobalLimit } from "./global-limit.js";

/**
 * `limit N per UNIT [by EXPR] [burst M] [buckets K] [headers off]`: a token bucket per key in shared data
 * (runtime/rate-limit.ts, docs/language.md "Rate limits"). A request over the limit is answered 429, through the
 * `on local_reply` rules like a `deny`; in a shadow rule the tokens are taken and the refusals only counted.
 */

/** Slots a keyed limit hashes its keys into without `buckets` (docs/language.md). */
export const DEFAULT_LIMIT_BUCKETS = 4096;
/** The 429 of Envoy's local_ratelimit filter (Http::Code::TooManyRequests). */
const TOO_MANY_REQUESTS = 429;

const UNIT_NS: Readonly<Record<string, string>> = { second: "1000000000", minute: "60000000000", hour: "3600000000000" };

export const limit: ActionDefinition<Limit> = {
  keyword: () => "limit",
  synopsis: "`limit N per UNIT [by EXPR] [burst M] [buckets K] [headers off]`",
  production: "limit",
  expressions: (action) => [action.rate, ...(action.by ? [action.by] : []), ...(action.burst ? [action.burst] : [])],
  effects: () => ({ writes: NO_WRITES, targets: [], mayReply: true }),
  shadow: {
    effect: "meters",
    would: (action) => (isGlobal(action) ? globalLimitWould(action) : `limit ${amountText(action.rate)} per ${action.unit.name} (429 over it)`),
    lowerShadow: (lowering, action) => (isGlobal(action) ? lowerGlobalLimit(lowering, action, true) : [refusal(lowering, action, [])]),
  },
  check(ctx, action) {
    if (ctx.phase !== undefined) {
      const phase = phaseDefinition(ctx.phase);
      // A phase without local replies is reported by the checker for every replying action (check/rules.ts).
      if (phase.side !== "request" && phase.localReply) ctx.report(limitNotInRequestPhase(action.span, ctx.phase));
    }
    checkAmount(ctx, action.rate, "limit", 1);
    if (action.burst !== undefined) checkAmount(ctx, action.burst, "burst", 0);
    if (action.by !== undefined) {
      const key = unwrapParens(action.by);
      if (key.kind === "ListLiteral") {
        ctx.report(limitKeyNotScalar(key.span, quoted(key)));
        checkListItems(ctx, key);
      } else if (inferExpression(ctx, action.by) === "list") ctx.report(limitKeyNotScalar(action.by.span, quoted(action.by)));
    }
    if (action.buckets !== undefined) {
      ctx.types.set(action.buckets, "int");
      if (action.buckets.value < 1 || action.buckets.value > MAX_LIMIT_BUCKETS) ctx.report(limitBucketsOutOfRange(action.buckets.span, action.buckets.value));
      else if (action.by === undefined) ctx.report(bucketsWithoutKey(action.buckets.span));
    }
  },
  lower: (lowering, action) => (isGlobal(action) ? lowerGlobalLimit(lowering, action, false) : [refusal(lowering, action, reply(lowering, action))]),
  clusters: globalLimitClusters,
};

function amountText(amount: IntLiteral | Reference): string {
  return amount.kind === "IntLiteral" ? String(amount.value) : amount.segments.map((s) => s.name).join(".");
}

/** N or M: a whole number in range, or an int param whose default is in range. */
function checkAmount(ctx: CheckContext, amount: IntLiteral | Reference, clause: "limit" | "burst", min: number): void {
  if (amount.kind === "IntLiteral") {
    ctx.types.set(amount, "int");
    if (amount.value < min || amount.value > MAX_LIMIT_TOKENS) ctx.report(limitAmountInvalid(amount.span, clause, String(amount.value), "is out of range"));
    return;
  }
  const type = inferExpression(ctx, amount);
  // An unknown name is already reported.
  if (type === undefined) return;
  const resolution = ctx.references.get(amount);
  if (resolution?.kind !== "param") {
    ctx.report(limitAmountInvalid(amount.span, clause, amountText(amount), `is ${resolution?.kind === "variable" ? "a variable, known only per request" : "not a param"}`));
    return;
  }
  const value = resolution.param.defaultValue;
  if (type !== "int") ctx.report(limitAmountInvalid(amount.span, clause, amountText(amount), `is a ${type} param`));
  else if (typeof value === "number" && (value < min || value > MAX_LIMIT_TOKENS)) ctx.report(limitAmountInvalid(amount.span, clause, amountText(amount), `defaults to ${value}`));
}

/** The shared-data key prefix of each limit of a lowering: a rule's shadow and enforced paths share its buckets. */
const sites = new WeakMap<LowerContext, Map<Limit, string>>();

function siteKey(lowering: ActionLowering, action: Limit): string {
  const keys = sites.get(lowering.ctx) ?? new Map<Limit, string>();
  sites.set(lowering.ctx, keys);
  const known = keys.get(action);
  if (known !== undefined) return known;
  const rule = ruleTag(lowering);
  const n = [...keys.values()].filter((key) => key.startsWith(`${lowering.ctx.metrics.prefix}rate_limit.${rule}.`)).length;
  // The filter's metric prefix keeps two filters of one VM id apart; the rule and the limit's number in it follow,
  // then the slot number.
  const key = `${lowering.ctx.metrics.prefix}rate_limit.${rule}.${n}.`;
  keys.set(action, key);
  return key;
}

/** The rule as metric tags name it: its response details without the `filterc_` prefix. */
function ruleTag(lowering: ActionLowering): string {
  return lowering.details.slice("filterc_".length);
}

function amountCode(lowering: ActionLowering, amount: IntLiteral | Reference | undefined): Code {
  if (amount === undefined) return "<i64>0";
  return amount.kind === "IntLiteral" ? `<i64>${amount.value}` : lowering.value(amount as Expression);
}

/** `if (!rateLimitTake(...)) { count the refusal; then `onRefusal` }`. */
function refusal(lowering: ActionLowering, action: Limit, onRefusal: Statement[]): Statement {
  const metrics = lowering.ctx.metrics;
  const prefix = lowering.constant(siteKey(lowering, action));
  const key: Code = action.by === undefined ? "EMPTY" : lowering.text(action.by);
  const buckets = action.by === undefined ? 1 : (action.buckets?.value ?? DEFAULT_LIMIT_BUCKETS);
  const collisions = action.by === undefined ? "0" : metrics.taggedCounter(RATE_LIMIT_COLLISIONS_COUNTER, RULE_TAG, ruleTag(lowering));
  const limited = metrics.taggedCounter(RATE_LIMITED_COUNTER, RULE_TAG, ruleTag(lowering));
  const take = code`rateLimitTake(${prefix}, ${key}, ${amountCode(lowering, action.rate)}, ${amountCode(lowering, action.burst)}, <i64>${UNIT_NS[action.unit.name]!}, ${buckets}, ${collisions})`;
  return { kind: "Branches", arms: [{ condition: code`!${take}`, actions: [[{ kind: "RuntimeCall", function: "metricIncrement", args: [limited] }, ...onRefusal]] }] };
}

/** The 429: its headers unless `headers off`, through the `on local_reply` rules when the program has any. */
function reply(lowering: ActionLowering, action: Limit): Statement[] {
  const details = lowering.constant(lowering.details);
  const list: Code = action.headersOff
    ? "NO_HEADERS"
    : code`rateLimitHeaders(${lowering.constant("retry-after")}, ${lowering.constant("x-ratelimit-limit")}, ${lowering.constant("x-ratelimit-remaining")})`;
  const steps = sendReplyCode(lowering.replyHook, String(TOO_MANY_REQUESTS), "EMPTY", details, list);
  return [...steps.map((step): Statement => ({ kind: "ReplyStep", code: step })), { kind: "Return", result: RULE_ANSWERED }];
}
