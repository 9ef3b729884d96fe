import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { checkSearchLiteral, searchLiteral } from "./literal-argument.js";
import { bytesIndexOf, fromUtf8, utf8 } from "./text-bytes.js";

/** `split_first(text, sep)`: the part before the first `sep`, or all of `text`; a view, never a copy. */
export const splitFirst: FunctionDefinition = {
  name: "split_first",
  parameters: [
    { name: "text", type: "string" },
    { name: "sep", type: "string" },
  ],
  result: "string",
  synopsis: "split_first(text, sep)",
  presence: "arguments",
  runtime: ["strSplitFirst"],
  check: (ctx, call) => checkSearchLiteral(ctx, call, 1, "sep"),
  lower: (lowering, call) => code`strSplitFirst(${lowering.value(call.args[0]!)}, ${lowering.constant(searchLiteral(call, 1))})`,
  fold([text, sep]) {
    if (typeof text !== "string" || typeof sep !== "string") return undefined;
    const bytes = utf8(text);
    const at = bytesIndexOf(bytes, utf8(sep));
    return at < 0 ? text : fromUtf8(bytes.subarray(0, at));
  },
};
