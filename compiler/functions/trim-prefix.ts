import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";

/** `trim_prefix(text, prefix)`: `text` without `prefix` at its start, or `text` as it is; a view, never a copy. */
export const trimPrefix: FunctionDefinition = {
  name: "trim_prefix",
  parameters: [
    { name: "text", type: "string" },
    { name: "prefix", type: "string" },
  ],
  result: "string",
  synopsis: "trim_prefix(text, prefix)",
  presence: "arguments",
  runtime: ["strTrimPrefix"],
  lower: (lowering, call) => code`strTrimPrefix(${lowering.value(call.args[0]!)}, ${lowering.value(call.args[1]!)})`,
  // Byte prefixes of valid UTF-8 that are themselves valid UTF-8 end on a character boundary: strings agree.
  fold: ([text, prefix]) => (typeof text === "string" && typeof prefix === "string" ? (text.startsWith(prefix) ? text.slice(prefix.length) : text) : undefined),
};
