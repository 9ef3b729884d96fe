import type { Expression } from "../../grammar/ast.js";
import type { Statement } from "../ir/statements.js";
import { constantText, type ActionLowering } from "./lowering.js";
import { RULE_ANSWERED, RULE_NEXT } from "../ir/rule-result.js";

/** The status of a local response: the checker accepts int literals only (checkStatus). */
export function statusOf(expr: Expression): number {
  if (expr.kind !== "IntLiteral") throw new Error("internal: status must be an int literal");
  return expr.value;
}

const step = (code: string): Statement => ({ kind: "ReplyStep", code });
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
  const bodyCode = () => (body === undefined ? "EMPTY" : lowering.text(body));
  const constants = headers.map((h) => constantText(h.value));
  if (constants.every((c) => c !== undefined)) {
    // Every value is known (and was checked for CR, LF and NUL): the header list is static data.
    const list = headers.length === 0 ? "NO_HEADERS" : ctx.data.pairs(headers.map((h, i) => [h.name, constants[i]!]));
    const bodyValue = bodyCode();
    return [step(`sendLocalResponse(${status}, ${bodyValue}, ${details()}, ${list});`), answered];
  }
  if (requireAll && headers.length === 1) {
    // A redirect: the runtime checks the location, builds the one-header list and sends, or logs and skips.
    const location = lowering.text(headers[0]!.value);
    const bodyValue = bodyCode();
    return [step(`if (!sendLocalResponseWith(${status}, ${bodyValue}, ${details()}, ${lowering.constant(headers[0]!.name)}, ${location})) return ${RULE_NEXT};`), answered];
  }
  const out: Statement[] = [];
  const values = headers.map((h, i) => {
    out.push(step(`const v${i} = ${lowering.text(h.value)};`));
    return `v${i}`;
  });
  if (requireAll) {
    for (const [i, h] of headers.entries()) {
      out.push(step(`if (!isSafeHeaderValue(v${i})) { logParts(LOG_WARN, ${lowering.constant(`skipped ${h.name} "`)}, v${i}, ${lowering.constant('": it contains CR, LF or NUL')}); return ${RULE_NEXT}; }`));
    }
  }
  out.push(step(`const body = ${bodyCode()};`));
  let headerList = "NO_HEADERS";
  if (headers.length > 0) {
    const keys = headers.map((h) => lowering.constant(h.name));
    const size = headers.map((h, i) => `strLen(${values[i]}) + ${new TextEncoder().encode(h.name).length}`).join(" + ");
    out.push(step(`pairsBegin(${headers.length}, ${size});`));
    for (const [i, h] of headers.entries()) {
      out.push(step(`if (!pairsAdd(${keys[i]}, ${values[i]})) logParts(LOG_WARN, ${lowering.constant(`dropped response header "${h.name}": its value contains CR, LF or NUL`)}, EMPTY, EMPTY);`));
    }
    headerList = "pairsFinish()";
  }
  out.push(step(`sendLocalResponse(${status}, body, ${details()}, ${headerList});`), answered);
  return out;
}
