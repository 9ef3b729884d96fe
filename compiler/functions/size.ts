import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { utf8 } from "./text-bytes.js";

/** `size(text)`: the length in bytes, an int; absent text has no size. */
export const size: FunctionDefinition = {
  name: "size",
  parameters: [{ name: "text", type: "string" }],
  result: "int",
  synopsis: "size(text)",
  presence: "arguments",
  runtime: ["strSize"],
  lower: (lowering, call) => code`strSize(${lowering.value(call.args[0]!)})`,
  fold: ([text]) => (typeof text === "string" ? utf8(text).length : undefined),
};
