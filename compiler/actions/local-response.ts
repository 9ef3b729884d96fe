import type { Expression } from "../../grammar/ast.js";
import { code, joinCode, type Code } from "../ir/code.js";
import type { Statement } from "../ir/statements.js";
import { constantText, type ActionLowering, type ReplyHook } from "./lowering.js";
import { RULE_ANSWERED, RULE_NEXT } from "../ir/rule-result.js";

/** The status of a local response: the checker accepts int literals only (checkStatus). */
export function statusOf(expr: Expression): number {
  if (expr.kind !== "IntLiteral") throw new Error("internal: status must be an int literal");
  return expr.value;
}

const step = (statement: Code): Statement => ({ kind: "ReplyStep", code: statement });
const answered: Statement = { kind: "Return", result: RULE_ANSWERED };

/**
 * The statements of `deny`, `respond` and `redirect`. Header values are evaluated before the header list is laid
 * out, since evaluating them may allocate. A header value with CR, LF or NUL is dropped with a warning; for a
 * redirect (`requireAll`) the location is the point, so the action is skipped.
 */
export function localResponse(lowering: ActionLowering, status: number, body: Expression | undefined, headers: { name: string; value: Expression }[], requireAll = false): Statement[] {
  const { ctx } = lowering;
  // Lazily, in the order the statements need them: static data keeps the order of first use.
  const details = () => lowering.constant(lowering.details);
  const bodyCode = (): Code => (body === undefined ? "EMPTY" : lowering.text(body));
  const constants = headers.map((h) => constantText(h.value));
  const hook = lowering.replyHook;
  if (constants.every((c) => c !== undefined)) {
    // Every value is known (and was checked for CR, LF and NUL): the header list is static data.
    const list = headers.length === 0 ? "NO_HEADERS" : ctx.data.pairs(headers.map((h, i) => [h.name, constants[i]!]));
    const bodyValue = bodyCode();
    // The body before the `on local_reply` rules, as below: the action's values first (language.md), which shows
    // when both take random() or uuid().
    if (hook !== undefined) return [step(code`const body = ${bodyValue};`), ...replyRules(hook, list), step(code`sendLocalResponse(${status}, body, ${details()}, replyFinish());`), answered];
    // Without local_reply rules a constant reply may sit in a rule table (compiler/lower/rule-table.ts).
    const reply: Statement = {
      kind: "StaticReply",
      code: code`sendLocalResponse(${status}, ${bodyValue}, ${details()}, ${list});`,
      status,
      body: body === undefined ? undefined : constantText(body),
      details: lowering.details,
      headers: headers.map((h, i) => [h.name, constants[i]!] as const),
    };
    // A body that is not a constant keeps the reply code only: no table can hold it.
    return [body === undefined || reply.body !== undefined ? reply : step(reply.code), answered];
  }
  if (requireAll && headers.length === 1 && hook === undefined) {
    // A redirect: the runtime checks the location, builds the one-header list and sends, or logs and skips.
    const location = lowering.text(headers[0]!.value);
    const bodyValue = bodyCode();
    return [step(code`if (!sendLocalResponseWith(${status}, ${bodyValue}, ${details()}, ${lowering.constant(headers[0]!.name)}, ${location})) return ${RULE_NEXT};`), answered];
  }
  const out: Statement[] = [];
  const values = headers.map((h, i) => {
    out.push(step(code`const v${i} = ${lowering.text(h.value)};`));
    return `v${i}`;
  });
  if (requireAll) {
    for (const [i, h] of headers.entries()) {
      // The line every skipped header action logs (docs/language.md, Actions), as sendLocalResponseWith does.
      out.push(step(code`if (!isSafeHeaderValue(v${i})) { logParts(LOG_WARN, ${lowering.constant(`skipped header "${h.name}": its value contains CR, LF or NUL`)}, EMPTY, EMPTY); return ${RULE_NEXT}; }`));
    }
  }
  out.push(step(code`const body = ${bodyCode()};`));
  let headerList: Code = "NO_HEADERS";
  if (headers.length > 0) {
    const keys = headers.map((h) => lowering.constant(h.name));
    const size = joinCode(headers.map((h, i) => `strLen(${values[i]}) + ${new TextEncoder().encode(h.name).length}`), " + ");
    out.push(step(code`pairsBegin(${headers.length}, ${size});`));
    for (const [i, h] of headers.entries()) {
      out.push(step(code`if (!pairsAdd(${keys[i]}, ${values[i]})) logParts(LOG_WARN, ${lowering.constant(`dropped response header "${h.name}": its value contains CR, LF or NUL`)}, EMPTY, EMPTY);`));
    }
    headerList = "pairsFinish()";
  }
  if (hook !== undefined) {
    out.push(...replyRules(hook, headerList));
    headerList = "replyFinish()";
  }
  out.push(step(code`sendLocalResponse(${status}, body, ${details()}, ${headerList});`), answered);
  return out;
}

/** The `on local_reply` rules, run on the reply's header list before it is sent (runtime/reply-headers.ts). */
function replyRules(hook: ReplyHook, list: Code): Statement[] {
  return replyRulesCode(hook, list).map(step);
}

/** The same as code, for a reply the filter sends outside a rule (a body past maxBody, body-phase.ts). */
export function replyRulesCode(hook: ReplyHook, list: Code): Code[] {
  return [code`replyBegin(${list}, ${hook.extra});`, `${hook.function}(ctx);`];
}

/**
 * Sends a reply whose header list the runtime builds (`list`, pairs format): through the `on local_reply` rules when
 * the program has any (`hook`), as every reply of the filter goes. Used by the 429 of a limit and by the replies a
 * callout's answer decides (a global limit's 429 or 500, an authorization service's denial or failure).
 */
export function sendReplyCode(hook: ReplyHook | undefined, status: Code, body: Code, details: Code, list: Code): Code[] {
  if (hook === undefined) return [code`sendLocalResponse(${status}, ${body}, ${details}, ${list});`];
  return [...replyRulesCode(hook, list), code`sendLocalResponse(${status}, ${body}, ${details}, replyFinish());`];
}
