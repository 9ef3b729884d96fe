import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { fromUtf8, utf8 } from "./text-bytes.js";

/** `url_decode(text)`: `%XX` decoded, `+` kept; absent when a `%` is not followed by two hex digits. */
export const urlDecode: FunctionDefinition = {
  name: "url_decode",
  parameters: [{ name: "text", type: "string" }],
  result: "string",
  synopsis: "url_decode(text)",
  presence: "maybe",
  runtime: ["strUrlDecode"],
  lower: (lowering, call) => code`strUrlDecode(${lowering.value(call.args[0]!)})`,
  fold([text]) {
    if (typeof text !== "string") return undefined;
    const bytes = utf8(text);
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 0x25) {
        out.push(bytes[i]!);
        continue;
      }
      const hex = String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
      // Malformed: the call is absent, which folding has no value for.
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    }
    return fromUtf8(Uint8Array.from(out));
  },
};
