import { referenceName } from "../../check/describe.js";
import { headerRead } from "../analysis/headers.js";
import { ruleConditions, walkExpression } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * List-valued headers: a client or proxy may send each of them as several header lines (and most also as one
 * comma-separated line). A header field reads only the first line, as Envoy's own lookup does, so a condition on
 * one of these can miss the value it looks for.
 */
export const REPEATED_HEADERS: ReadonlySet<string> = new Set([
  "request:accept",
  "request:accept-charset",
  "request:accept-encoding",
  "request:accept-language",
  "request:cache-control",
  "request:cookie",
  "request:forwarded",
  "request:if-match",
  "request:if-none-match",
  "request:via",
  "request:x-forwarded-for",
  "response:allow",
  "response:cache-control",
  "response:link",
  "response:set-cookie",
  "response:vary",
  "response:via",
  "response:www-authenticate",
]);

function hintFor(key: string): string {
  if (key === "request:cookie") return "cookie";
  if (key === "request:x-forwarded-for" || key === "request:forwarded") return "forwarded";
  if (key === "response:set-cookie") return "setCookie";
  return "other";
}

const rule: LintRule = {
  meta: ruleMeta({
    id: "repeated-header-first-value",
    type: "problem",
    defaultSeverity: "warn",
    description: "Report conditions on list-valued headers (x-forwarded-for, accept, cookie, via, forwarded, ...), which only see the first value.",
    messages: {
      firstValueOnly: "`{{field}}` can arrive as several header lines, and a condition only sees the first one",
    },
    hints: {
      cookie: "read one cookie by name with `request.cookie[\"name\"]`",
      forwarded: "every proxy appends to this header, so its first entry is whatever the client claimed; `client.address` picks the entry your trusted proxies added",
      setCookie: "each cookie is its own `set-cookie` line, so only the first cookie is tested",
      other: "test with `contains` rather than `==`, and expect other values on later lines to be missed",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const condition of ruleConditions(info.rule)) walkExpression(condition, (e) => {
        // exists() asks whether the header is there at all, which any line answers.
        if (e.kind === "Call" && e.callee.name === "exists") return false;
        if (e.kind !== "Reference" || e.key === undefined) return;
        const resolution = context.checked.references.get(e);
        if (resolution?.kind !== "field" || !resolution.field.name.endsWith(".header")) return;
        const key = headerRead(e, context.checked);
        if (key !== undefined && REPEATED_HEADERS.has(key)) {
          context.report({ messageId: "firstValueOnly", span: e.span, data: { field: referenceName(e) }, hintId: hintFor(key) });
        }
      });
    }
  },
};

export default rule;
