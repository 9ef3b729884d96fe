import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { checkSearchLiteral, searchLiteral } from "./literal-argument.js";
import { utf8 } from "./text-bytes.js";

/** The longest result `replace` makes from a shorter text; longer is absent (runtime/string-builders.ts, REPLACE_MAX). */
export const REPLACE_MAX_BYTES = 1 << 20;

/**
 * `replace(text, from, to)`: every `from` (a non-empty literal), left to right and not overlapping, becomes `to`
 * (any string). Built in the request's arena; `text` itself when there is nothing to replace.
 */
export const replace: FunctionDefinition = {
  name: "replace",
  parameters: [
    { name: "text", type: "string" },
    { name: "from", type: "string" },
    { name: "to", type: "string" },
  ],
  result: "string",
  synopsis: "replace(text, from, to)",
  presence: "maybe",
  runtime: ["strReplace"],
  check: (ctx, call) => checkSearchLiteral(ctx, call, 1, "from"),
  lower: (lowering, call) =>
    code`strReplace(${lowering.value(call.args[0]!)}, ${lowering.constant(searchLiteral(call, 1))}, ${lowering.value(call.args[2]!)})`,
  // On valid UTF-8, byte occurrences of a valid UTF-8 text are its character occurrences: splitting at `from` and joining with `to` agrees.
  fold([text, from, to]) {
    if (typeof text !== "string" || typeof from !== "string" || typeof to !== "string" || from === "") return undefined;
    const result = text.split(from).join(to);
    const bytes = utf8(result).length;
    // Too long: the call is absent, which folding has no value for.
    return bytes > REPLACE_MAX_BYTES && bytes > utf8(text).length ? undefined : result;
  },
};
