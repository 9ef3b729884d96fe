import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";

/** `lower(text)`: ASCII letters in lower case (header names and methods are ASCII; other bytes are kept). */
export const lower: FunctionDefinition = {
  name: "lower",
  parameters: [{ name: "text", type: "string" }],
  result: "string",
  synopsis: "lower(text)",
  presence: "arguments",
  runtime: ["strLower"],
  lower: (lowering, call) => code`strLower(${lowering.value(call.args[0]!)})`,
  fold: ([text]) => (typeof text === "string" ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : undefined),
};
