import { ruleMeta, type LintRule } from "../rule.js";

/**
 * A disable comment that suppressed nothing: the problem it was written for is gone, or it names the wrong rule
 * or line. Left in place it would hide the next real problem there. Reported by the engine, which knows which
 * directives were used; not reported for rules that are switched off. The fix removes the stale id from the
 * comment, or the whole comment when nothing else would be left in it (a directive without ids covers everything).
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "unused-disable",
    type: "suggestion",
    defaultSeverity: "warn",
    description: "Report filterc-disable comments that suppress nothing.",
    fixable: "code",
    messages: {
      unusedNextLine: "`{{rule}}` reports nothing on line {{line}}, so this disable comment is not needed",
      unusedFile: "`{{rule}}` reports nothing in this file, so this disable comment is not needed",
      unusedAllNextLine: "no problem is reported on line {{line}}, so this disable comment is not needed",
      unusedAllFile: "no problem is reported in this file, so this disable comment is not needed",
    },
    hints: {
      unusedNextLine: "remove `{{rule}}` from the comment",
      unusedFile: "remove `{{rule}}` from the comment",
      unusedAllNextLine: "remove the comment",
      unusedAllFile: "remove the comment",
    },
  }),
};

export default rule;
