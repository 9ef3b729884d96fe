import type { Action } from "../../../grammar/ast.js";
import type { RuleInfo } from "../../check/result.js";
import type { Phase } from "../../phases.js";
import { ConstantFolder } from "../analysis/constant.js";
import { actionExpressions, actionKeyword, isTerminator } from "../../actions/registry.js";
import { ruleBranches, ruleHead, walkExpression } from "../../../grammar/walk.js";
import { isBodyPhase } from "../../phases.js";
import type { TextEdit } from "../fix.js";
import { coversComment } from "../fix-ranges.js";
import { placePhrase } from "../place.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Rules of a phase run in file order until one answers locally (`deny`, `respond`, `redirect`) or says `stop`.
 * When such a rule has no condition (or one that is always true), the rules after it in the same phase never
 * run; inside one rule, the actions after such an action never run, and the fix removes them.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-unreachable",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow rules after an unconditional deny/respond/redirect/stop in the same phase, and actions after one inside a rule.",
    fixable: "code",
    messages: {
      ruleAfterTerminator: "this rule never runs: the rule {{place}} always ends {{phase}} processing with `{{terminator}}`",
      actionAfterTerminator: "{{count}} never run{{s}}: `{{terminator}}` ends the rule before {{them}}",
    },
    hints: {
      ruleAfterTerminator: "move this rule above the rule {{place}}, or give that rule a `when` condition",
      // A rule cannot be moved above a rule of another file: the files' order is the imports' order.
      ruleAfterImportedTerminator: "rules run in import order: put this rule above the import that brings in the rule {{place}}, or give that rule a `when` condition",
      importedRuleAfterTerminator: "rules run in import order: move the import of {{file}} above the rule {{place}} (or above the import that brings it in), or give that rule a `when` condition",
      actionAfterTerminator: "move the `{{terminator}}` last, or remove what follows it",
    },
  }),
  checkFile(context: FileContext): void {
    const folder = new ConstantFolder(context.checked);
    const blockers = new Map<Phase, { info: RuleInfo; terminator: Action }>();
    for (const info of context.checked.rules) {
      // A terminator ends only its own branch: each `else` branch is checked on its own.
      const terminators = ruleBranches(info.rule).map((branch) => {
        const actions = branch.actions;
        const index = actions.findIndex(isTerminator);
        const terminator = index < 0 ? undefined : actions[index]!;
        if (terminator !== undefined && index < actions.length - 1) {
          const rest = actions.length - 1 - index;
          const fix = deadActionsRemoval(context, info, terminator, actions.slice(index + 1));
          context.report({
            messageId: "actionAfterTerminator",
            span: { start: actions[index + 1]!.span.start, end: actions[actions.length - 1]!.span.end },
            data: { count: rest === 1 ? "this action" : `these ${rest} actions`, s: rest === 1 ? "s" : "", them: rest === 1 ? "it" : "them", terminator: actionKeyword(terminator) },
            related: [{ span: terminator.span, message: "the rule ends here" }],
            ...(fix && { fix }),
          });
        }
        return terminator;
      });
      const terminator = terminators[0];
      const blocker = blockers.get(info.phase);
      if (blocker !== undefined) {
        const span = ruleHead(info.rule);
        const file = context.source.locate(span.start).file;
        const elsewhere = context.source.locate(blocker.info.rule.span.start).file !== file;
        // The first file of a composition is the one named on the command line: its rules can move above an import.
        const entry = file === context.source.files[0];
        context.report({
          messageId: "ruleAfterTerminator",
          hintId: !elsewhere ? "ruleAfterTerminator" : entry ? "ruleAfterImportedTerminator" : "importedRuleAfterTerminator",
          span,
          data: { place: placePhrase(context.source, blocker.info.rule.span.start, span.start), phase: info.phase, terminator: actionKeyword(blocker.terminator), file: file.name },
          related: [{ span: blocker.terminator.span, message: "always runs" }],
        });
        continue;
      }
      const unconditional = info.rule.condition === undefined || folder.value(info.rule.condition) === true;
      if (unconditional && terminator !== undefined) blockers.set(info.phase, { info, terminator });
      else if (info.rule.elseBranches !== undefined && info.rule.elseBranches.at(-1)!.condition === undefined && terminators.every((t) => t !== undefined)) {
        // Every branch ends the phase and a plain `else` catches what the others do not: the rule always ends it.
        blockers.set(info.phase, { info, terminator: terminators.at(-1)! });
      }
    }
  },
};

/**
 * Actions that only change or answer the message: after a terminator they never run, and removing them changes
 * nothing. Others leave a trace even unreached: `let` declares a name later rules may read, `count`, `observe`
 * and `limit` declare metrics and shared data, `replace` makes the filter buffer or stream the body.
 */
const REMOVABLE: ReadonlySet<Action["kind"]> = new Set(["HeaderAssign", "HeaderRemove", "HeaderRemovePrefix", "HeaderRename", "QueryParam", "RewritePath", "RewritePrefix", "Log", "Stop", "Deny", "Respond", "Redirect"]);

/**
 * The fix for actions after a terminator: the text from the end of the terminator to the end of the last action.
 * Only in header phases of rules that enforce (a body phase decides how to buffer from every action it holds, a
 * shadow rule can be switched to enforce by configuration), for removable actions that read no body, and when no
 * comment lies in between.
 */
function deadActionsRemoval(context: FileContext, info: RuleInfo, terminator: Action, dead: readonly Action[]): TextEdit | undefined {
  if (isBodyPhase(info.phase) || info.rule.shadow !== undefined || !dead.every((a) => REMOVABLE.has(a.kind))) return undefined;
  let readsBody = false;
  for (const root of dead.flatMap(actionExpressions)) walkExpression(root, (e) => {
    const resolution = e.kind === "Reference" ? context.checked.references.get(e) : undefined;
    if (resolution?.kind === "field" && resolution.field.name.includes("body")) readsBody = true;
  });
  const span = { start: terminator.span.end, end: dead.at(-1)!.span.end };
  if (readsBody || coversComment(context.program.comments, span)) return undefined;
  return { span, text: "" };
}

export default rule;
