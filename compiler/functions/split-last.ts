import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { checkSearchLiteral, searchLiteral } from "./literal-argument.js";
import { bytesLastIndexOf, fromUtf8, utf8 } from "./text-bytes.js";

/** `split_last(text, sep)`: the part after the last `sep`, or all of `text`; a view, never a copy. */
export const splitLast: FunctionDefinition = {
  name: "split_last",
  parameters: [
    { name: "text", type: "string" },
    { name: "sep", type: "string" },
  ],
  result: "string",
  synopsis: "split_last(text, sep)",
  presence: "arguments",
  runtime: ["strSplitLast"],
  check: (ctx, call) => checkSearchLiteral(ctx, call, 1, "sep"),
  lower: (lowering, call) => code`strSplitLast(${lowering.value(call.args[0]!)}, ${lowering.constant(searchLiteral(call, 1))})`,
  fold([text, sep]) {
    if (typeof text !== "string" || typeof sep !== "string") return undefined;
    const bytes = utf8(text);
    const needle = utf8(sep);
    const at = bytesLastIndexOf(bytes, needle);
    return at < 0 ? text : fromUtf8(bytes.subarray(at + needle.length));
  },
};
