import { headerTargets } from "../analysis/headers.js";
import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Connection-specific headers (RFC 9110 section 7.6.1) describe one hop, not the message. Envoy manages them
 * itself: it removes them from what it forwards, and HTTP/2 and HTTP/3 forbid them outright, so a value a rule
 * writes is dropped or makes the message malformed. Removing one is harmless and not reported.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set(["connection", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "proxy-connection"]);

const rule: LintRule = {
  meta: ruleMeta({
    id: "no-hop-by-hop-header",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow writing hop-by-hop headers (connection, transfer-encoding, keep-alive, upgrade, te, trailer, proxy-connection).",
    messages: {
      write: "`{{name}}` is a hop-by-hop header: Envoy manages it per connection, so `{{operation}}` has no reliable effect",
      localReply: "`{{name}}` is a hop-by-hop header: Envoy sets it on local replies itself",
    },
    hints: {
      write: "remove this action; HTTP/2 and HTTP/3 forbid connection-specific headers and Envoy drops them from what it forwards",
      localReply: "remove this entry from `with { }`",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const action of ruleActions(info.rule)) {
        for (const target of headerTargets(action)) {
          const name = target.name.value;
          if (!HOP_BY_HOP_HEADERS.has(name) || target.operation === "remove" || target.operation === "rename-from") continue;
          const operation = target.operation === "rename-to" ? "rename" : target.operation;
          context.report({ messageId: target.operation === "local-reply" ? "localReply" : "write", span: target.name.span, data: { name, operation } });
        }
      }
    }
  },
};

export default rule;
