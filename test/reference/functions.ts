/**
 * The builtin functions (docs/language.md, "Functions") on the interpreter's values: strings are byte strings (one
 * char a byte), ints bigints, absent undefined. Written from the doc, apart from compiler/functions/ and runtime/.
 */
import { isAddressText, type Value } from "./fields.js";
import { percentEncode } from "./query.js";

/** A function applied to its evaluated arguments; `exists` is the caller's, as it looks at its argument unevaluated. */
export function applyFunction(name: string, args: readonly Value[]): Value {
  // Absent in, absent out, for every function here.
  if (args.some((arg) => arg === undefined)) return undefined;
  const text = args[0] as string;
  switch (name) {
    case "hash":
      return fnv1a32(text);
    case "ip":
      return isAddressText(text) ? text : undefined;
    case "lower":
      return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    case "upper":
      return text.replace(/[a-z]/g, (c) => c.toUpperCase());
    case "size":
      return BigInt(text.length);
    case "trim_prefix": {
      const prefix = args[1] as string;
      return text.startsWith(prefix) ? text.slice(prefix.length) : text;
    }
    case "trim_suffix": {
      const suffix = args[1] as string;
      return text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text;
    }
    case "substring":
      return substring(text, args[1] as bigint, args[2] as bigint | undefined);
    case "split_first": {
      const at = text.indexOf(args[1] as string);
      return at < 0 ? text : text.slice(0, at);
    }
    case "split_last": {
      const sep = args[1] as string;
      const at = text.lastIndexOf(sep);
      return at < 0 ? text : text.slice(at + sep.length);
    }
    case "replace": {
      const result = text.split(args[1] as string).join(args[2] as string);
      // A result that grew past 1 MiB is absent.
      return result.length > text.length && result.length > 1024 * 1024 ? undefined : result;
    }
    case "url_encode":
      return percentEncode(text);
    case "url_decode":
      return percentDecode(text);
  }
  throw new Error(`reference interpreter: unknown function ${name}`);
}

/** Negative start from the end, both ends clamped, negative length 0; no length: the rest. */
function substring(text: string, start: bigint, length: bigint | undefined): string {
  const len = BigInt(text.length);
  let from = start < 0n ? len + start : start;
  from = from < 0n ? 0n : from > len ? len : from;
  const rest = len - from;
  const count = length === undefined ? rest : length < 0n ? 0n : length > rest ? rest : length;
  return text.slice(Number(from), Number(from + count));
}

/** `%XX` to its byte, `+` kept; undefined (absent) when a `%` is not followed by two hex digits. */
function percentDecode(text: string): string | undefined {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "%") {
      out += text[i];
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 2;
  }
  return out;
}

/** FNV-1a 32 (docs/language.md, "hash"): over the bytes, from the offset basis, xor then multiply modulo 2^32. */
function fnv1a32(bytes: string): bigint {
  let h = 2166136261n;
  for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes.charCodeAt(i))) * 16777619n) % 4294967296n;
  return h;
}
