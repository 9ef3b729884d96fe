import { headerTargets, type HeaderOperation } from "../analysis/headers.js";
import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * `content-length` frames the body. filterc rules never change a body, so a different length makes the proxy
 * or the peer read too few or too many bytes, and removing it only turns a sized message into a chunked one,
 * which some upstreams refuse. Local replies get their length from their body.
 */
const messageIds: Record<HeaderOperation, string> = {
  set: "write",
  add: "write",
  set_default: "write",
  "rename-to": "write",
  "rename-from": "remove",
  remove: "remove",
  "local-reply": "localReply",
};

const rule: LintRule = {
  meta: ruleMeta({
    id: "no-content-length-change",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow changing content-length, which must match a body filterc rules never change.",
    messages: {
      write: "changing `content-length` with `{{operation}}` makes it disagree with the body, which rules cannot change",
      remove: "removing `content-length` turns the message into a chunked one; the body is unchanged, so this only loses its size",
      localReply: "`content-length` of a local reply is computed from its body; do not set it in `with { }`",
    },
    hints: {
      write: "remove this action: Envoy keeps `content-length` right for the body it forwards",
      remove: "remove this action unless the upstream must see a chunked request",
      localReply: "remove this entry from `with { }`",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      for (const action of ruleActions(info.rule)) {
        for (const target of headerTargets(action)) {
          if (target.name.value !== "content-length") continue;
          const operation = target.operation.startsWith("rename") ? "rename" : target.operation;
          context.report({ messageId: messageIds[target.operation], span: target.name.span, data: { operation } });
        }
      }
    }
  },
};

export default rule;
