import type { FunctionDefinition } from "./definition.js";
import { exists } from "./exists.js";
import { hash } from "./hash.js";
import { ip } from "./ip.js";
import { random } from "./random.js";
import { uuid } from "./uuid.js";
import { lower } from "./lower.js";
import { replace } from "./replace.js";
import { size } from "./size.js";
import { splitFirst } from "./split-first.js";
import { splitLast } from "./split-last.js";
import { substring } from "./substring.js";
import { trimPrefix } from "./trim-prefix.js";
import { trimSuffix } from "./trim-suffix.js";
import { upper } from "./upper.js";
import { urlDecode } from "./url-decode.js";
import { urlEncode } from "./url-encode.js";

/** Every builtin function by name. Adding one: its module, an entry here, a row in docs/language.md's table. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDefinition> = new Map(
  [
    exists,
    lower,
    size,
    replace,
    trimPrefix,
    trimSuffix,
    substring,
    upper,
    splitFirst,
    splitLast,
    urlEncode,
    urlDecode,
    hash,
    ip,
    random,
    uuid,
  ].map((definition) => [definition.name, definition]),
);

export function functionDefinition(name: string): FunctionDefinition | undefined {
  return FUNCTIONS.get(name);
}

/** Every runtime export some function's lowering may call. */
export function functionRuntimeImports(): string[] {
  return [...new Set([...FUNCTIONS.values()].flatMap((definition) => definition.runtime))];
}
