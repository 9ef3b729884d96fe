import { sideOf } from "../../phases.js";
import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Each cookie a server sets is its own `set-cookie` header, and `set` replaces all of them: a response rule that
 * sets one cookie this way silently deletes the session cookies the upstream sent. `rename ... to "set-cookie"`
 * replaces them the same way.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-set-set-cookie",
    type: "problem",
    defaultSeverity: "warn",
    hasSuggestions: true,
    description: "Disallow `set \"set-cookie\"` in response rules, which replaces every cookie the upstream set.",
    messages: {
      setSetCookie: "`set \"set-cookie\"` replaces every `set-cookie` header of the response, including the upstream's cookies",
      renameToSetCookie: "renaming to `set-cookie` replaces every `set-cookie` header of the response, including the upstream's cookies",
    },
    hints: {
      setSetCookie: "use `add \"set-cookie\" = ...` to set one more cookie",
      renameToSetCookie: "copy the value with `add \"set-cookie\" = response.header[\"...\"]` and remove the old header",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      if (sideOf(info.phase) !== "response") continue;
      for (const action of ruleActions(info.rule)) {
        if (action.kind === "HeaderAssign" && action.op === "set" && action.name.value === "set-cookie") {
          const keyword = { start: action.span.start, end: action.span.start + "set".length };
          context.report({ messageId: "setSetCookie", span: action.span, suggestions: [{ desc: "use `add` to add one cookie", fix: { span: keyword, text: "add" } }] });
        } else if (action.kind === "HeaderRename" && action.to.value === "set-cookie") {
          context.report({ messageId: "renameToSetCookie", span: action.to.span });
        }
      }
    }
  },
};

export default rule;
