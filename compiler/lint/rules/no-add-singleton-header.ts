import { ruleMeta, type FileContext, type LintRule } from "../rule.js";
import { ruleActions } from "../../../grammar/walk.js";

/**
 * Headers defined to have exactly one value. `add` keeps the existing value and appends another, and a
 * receiver then uses the first, rejects the message, or (for strict-transport-security) ignores both. Header
 * names of list-valued fields (cache-control, vary, set-cookie, ...) are deliberately absent. `content-length`
 * and `host` have rules of their own.
 */
export const SINGLETON_HEADERS: ReadonlySet<string> = new Set([
  "access-control-allow-credentials",
  "access-control-allow-origin",
  "access-control-max-age",
  "age",
  "authorization",
  "content-location",
  "content-range",
  "content-type",
  "date",
  "etag",
  "expires",
  "if-modified-since",
  "if-range",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "strict-transport-security",
  "user-agent",
  "x-content-type-options",
  "x-frame-options",
  "x-request-id",
]);

const rule: LintRule = {
  meta: ruleMeta({
    id: "no-add-singleton-header",
    type: "problem",
    defaultSeverity: "warn",
    hasSuggestions: true,
    description: "Disallow `add` on headers that must have a single value, such as content-type, location and strict-transport-security.",
    messages: {
      addSingleton: "`{{name}}` takes a single value; `add` keeps any existing `{{name}}` and appends a second one",
    },
    hints: {
      addSingleton: "use `set` to replace the value, or `set_default` to write it only when it is missing",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const action of ruleActions(info.rule)) {
        if (action.kind === "HeaderAssign" && action.op === "add" && SINGLETON_HEADERS.has(action.name.value)) {
          // The keyword starts the action: `add` becomes `set` or `set_default`, which mean different things.
          const keyword = { start: action.span.start, end: action.span.start + "add".length };
          const suggestions = ["set", "set_default"].map((op) => ({ desc: `use \`${op}\``, fix: { span: keyword, text: op } }));
          context.report({ messageId: "addSingleton", span: action.span, data: { name: action.name.value }, suggestions });
        }
      }
    }
  },
};

export default rule;
