import { walkFieldReads } from "../../rule-walk.js";
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
    walkFieldReads(context.checked, (field, reference) => {
      if (field.name === "source.address") context.report({ messageId: "gatewayPeer", span: reference.span });
    });
  },
};

export default rule;
