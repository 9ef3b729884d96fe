import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";

/** `trim_suffix(text, suffix)`: `text` without `suffix` at its end, or `text` as it is; a view, never a copy. */
export const trimSuffix: FunctionDefinition = {
  name: "trim_suffix",
  parameters: [
    { name: "text", type: "string" },
    { name: "suffix", type: "string" },
  ],
  result: "string",
  synopsis: "trim_suffix(text, suffix)",
  presence: "arguments",
  runtime: ["strTrimSuffix"],
  lower: (lowering, call) => code`strTrimSuffix(${lowering.value(call.args[0]!)}, ${lowering.value(call.args[1]!)})`,
  fold: ([text, suffix]) =>
    typeof text === "string" && typeof suffix === "string" ? (text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text) : undefined,
};
