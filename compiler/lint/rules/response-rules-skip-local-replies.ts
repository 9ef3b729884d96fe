import type { Action } from "../../../grammar/ast.js";
import { actionKeyword, isLocalResponse, isTerminator } from "../../actions/registry.js";
import { ruleBranches, ruleHead } from "../../../grammar/walk.js";
import { isLaterSide, phaseDefinition } from "../../phases.js";
import { placePhrase } from "../place.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/** At most this many local replies are pointed at; the message counts the rest. */
const SHOWN = 3;

/**
 * A local reply (`deny`, `respond`, `redirect` in a request rule) ends the filter's rules for the stream: its
 * response rules never run on the filter's own replies, whatever the host does. A response rule that adds
 * security headers or logs errors therefore misses exactly the responses the filter made, which surprises users
 * who expect "every response". Reported on each response rule of a file that answers locally.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "response-rules-skip-local-replies",
    type: "problem",
    defaultSeverity: "warn",
    description: "Report response rules in a file whose request rules answer locally: response rules never run on the filter's own replies.",
    messages: {
      skipsLocalReplies: "this response rule does not run on the local replies of this file ({{replies}}): response rules only see responses from the upstream",
    },
    hints: {
      skipsLocalReplies: "headers a local reply needs go in `respond STATUS \"body\" with { \"name\" = \"value\" }`, or in a rule `on local_reply`",
    },
  }),
  checkFile(context: FileContext): void {
    const replies: Action[] = [];
    for (const info of context.checked.rules) {
      if (isLaterSide(info.phase)) continue;
      // A terminator ends only its own branch.
      for (const branch of ruleBranches(info.rule)) {
        for (const action of branch.actions) {
          if (isLocalResponse(action)) replies.push(action);
          if (isTerminator(action)) break;
        }
      }
    }
    if (replies.length === 0) return;
    const first = replies[0]!;
    const more = replies.length - 1;
    // In a filter of several files (imports), the reply may be in another file than the response rule: named.
    const description = (from: number) => `\`${actionKeyword(first)}\` ${placePhrase(context.source, first.span.start, from)}${more === 0 ? "" : ` and ${more} more`}`;
    const related = replies.slice(0, SHOWN).map((action) => ({ span: action.span, message: "answers locally here" }));
    for (const info of context.checked.rules) {
      // `on local_reply` rules are the ones that do run on them.
      if (!isLaterSide(info.phase) || phaseDefinition(info.phase).runsOn !== "callback") continue;
      const span = ruleHead(info.rule);
      context.report({ messageId: "skipsLocalReplies", span, data: { replies: description(span.start) }, related });
    }
  },
};

export default rule;
