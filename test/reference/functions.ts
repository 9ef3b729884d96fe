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
      return xxHash32(text);
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

/**
 * xxHash32, seed 0 (docs/language.md, "hash"), step by step as the doc lists them, in bigints reduced modulo 2^32.
 */
function xxHash32(bytes: string): bigint {
  const M = 4294967296n;
  const [p1, p2, p3, p4, p5] = [2654435761n, 2246822519n, 3266489917n, 668265263n, 374761393n];
  const mul = (a: bigint, b: bigint) => (a * b) % M;
  const add = (a: bigint, b: bigint) => (a + b) % M;
  const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (32n - r))) % M;
  const u32At = (i: number) => [0, 1, 2, 3].reduce((acc, k) => acc + (BigInt(bytes.charCodeAt(i + k)) << BigInt(8 * k)), 0n);
  const n = bytes.length;
  let i = 0;
  let h: bigint;
  if (n >= 16) {
    const acc = [add(p1, p2), p2, 0n, M - p1];
    for (; i + 16 <= n; i += 16) {
      for (let k = 0; k < 4; k++) acc[k] = mul(rotl(add(acc[k]!, mul(u32At(i + 4 * k), p2)), 13n), p1);
    }
    h = add(add(rotl(acc[0]!, 1n), rotl(acc[1]!, 7n)), add(rotl(acc[2]!, 12n), rotl(acc[3]!, 18n)));
  } else {
    h = p5;
  }
  h = add(h, BigInt(n));
  for (; i + 4 <= n; i += 4) h = mul(rotl(add(h, mul(u32At(i), p3)), 17n), p4);
  for (; i < n; i++) h = mul(rotl(add(h, mul(BigInt(bytes.charCodeAt(i)), p5)), 11n), p1);
  h = mul(h ^ (h >> 15n), p2);
  h = mul(h ^ (h >> 13n), p3);
  return h ^ (h >> 16n);
}
