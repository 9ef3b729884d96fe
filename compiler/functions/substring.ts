import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { fromUtf8, utf8 } from "./text-bytes.js";

/**
 * `substring(text, start[, length])`: bytes of `text` from `start` (negative: from the end), `length` of them or
 * the rest; both ends clamped to the text, a negative length is 0. A view, never a copy.
 */
export const substring: FunctionDefinition = {
  name: "substring",
  parameters: [
    { name: "text", type: "string" },
    { name: "start", type: "int" },
    { name: "length", type: "int", optional: true },
  ],
  result: "string",
  synopsis: "substring(text, start[, length])",
  presence: "arguments",
  runtime: ["strSubstring"],
  lower(lowering, call) {
    const [text, start, length] = call.args;
    // Without a length, the rest of the text: no length reaches past it.
    const count = length === undefined ? "i64.MAX_VALUE" : lowering.value(length);
    return code`strSubstring(${lowering.value(text!)}, ${lowering.value(start!)}, ${count})`;
  },
  fold([text, start, length]) {
    if (typeof text !== "string" || typeof start !== "number" || (length !== undefined && typeof length !== "number")) return undefined;
    const bytes = utf8(text);
    const from = Math.min(Math.max(start < 0 ? bytes.length + start : start, 0), bytes.length);
    const count = length === undefined ? bytes.length - from : Math.min(Math.max(length, 0), bytes.length - from);
    return fromUtf8(bytes.subarray(from, from + count));
  },
};
