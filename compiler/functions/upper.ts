import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";

/** `upper(text)`: ASCII letters in upper case, other bytes kept (the mirror of `lower`). */
export const upper: FunctionDefinition = {
  name: "upper",
  parameters: [{ name: "text", type: "string" }],
  result: "string",
  synopsis: "upper(text)",
  presence: "arguments",
  runtime: ["strUpper"],
  lower: (lowering, call) => code`strUpper(${lowering.value(call.args[0]!)})`,
  fold: ([text]) => (typeof text === "string" ? [...text].map((c) => (c >= "a" && c <= "z" ? c.toUpperCase() : c)).join("") : undefined),
};
