import type { Stop } from "../../grammar/ast.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { RULE_STOP } from "../ir/rule-result.js";

/** `stop` */
export const stop: ActionDefinition<Stop> = {
  keyword: () => "stop",
  synopsis: "`stop`",
  production: "stop",
  expressions: () => [],
  effects: () => ({ writes: NO_WRITES, targets: [], ends: "phase" }),
  shadow: { effect: "enforces", would: () => "stop" },
  check() {},
  lower: () => [{ kind: "Return", result: RULE_STOP }],
};
