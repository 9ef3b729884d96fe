import { code } from "../ir/code.js";
import { parseIpOrCidr } from "../net.js";
import type { FunctionDefinition } from "./definition.js";

/**
 * `ip(text)`: the text as an address (compiler/address-values.ts), so that `in` compares it with CIDR ranges;
 * absent when it is not an IPv4 or IPv6 address (no port, brackets or prefix).
 */
export const ip: FunctionDefinition = {
  name: "ip",
  parameters: [{ name: "text", type: "string" }],
  result: "string",
  address: true,
  synopsis: "ip(text)",
  presence: "maybe",
  runtime: ["ipText"],
  lower: (lowering, call) => code`ipText(${lowering.value(call.args[0]!)})`,
  fold: ([text]) => (typeof text === "string" && !text.includes("/") && parseIpOrCidr(text) !== undefined ? text : undefined),
};
