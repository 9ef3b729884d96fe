import { walkExpression } from "../../../grammar/walk.js";
import { ruleExpressions } from "../../actions/registry.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * At a gateway (filterc.yaml `context: GATEWAY`) the peer is usually a load balancer in front of it, so
 * `source.address` is that balancer's address for every request: allow-lists and logs by it say nothing about the
 * client. `client.address` with `trustedHops` takes the client from `x-forwarded-for`.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "source-address-at-gateway",
    type: "problem",
    defaultSeverity: "warn",
    description: "Report `source.address` in rules deployed at a gateway, where it is the address of the proxy in front of it.",
    messages: {
      gatewayPeer: "at a gateway (`context: GATEWAY`), `source.address` is the address of whatever connects to the gateway, usually a load balancer, not the client",
    },
    hints: {
      gatewayPeer: "use `client.address`, with `trustedHops` in filterc.yaml set to the number of proxies in front of the gateway",
    },
  }),
  checkFile(context: FileContext): void {
    if (context.deployment.context !== "GATEWAY") return;
    const { checked } = context;
    for (const info of checked.rules) {
      const roots = ruleExpressions(info.rule);
      for (const root of roots) {
        walkExpression(root, (e) => {
          if (e.kind !== "Reference") return;
          const resolution = checked.references.get(e);
          if (resolution?.kind === "field" && resolution.field.name === "source.address") context.report({ messageId: "gatewayPeer", span: e.span });
        });
      }
    }
  },
};

export default rule;
