import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { utf8 } from "./text-bytes.js";

/** `url_encode(text)`: RFC 3986 percent-encoding, as `set query` writes names and values (runtime/query.ts). */
export const urlEncode: FunctionDefinition = {
  name: "url_encode",
  parameters: [{ name: "text", type: "string" }],
  result: "string",
  synopsis: "url_encode(text)",
  presence: "arguments",
  runtime: ["strUrlEncode"],
  lower: (lowering, call) => code`strUrlEncode(${lowering.value(call.args[0]!)})`,
  fold: ([text]) => (typeof text === "string" ? [...utf8(text)].map(encodeByte).join("") : undefined),
};

function encodeByte(byte: number): string {
  const c = String.fromCharCode(byte);
  return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
