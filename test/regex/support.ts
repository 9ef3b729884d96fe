import { compileRegex } from "../../compiler/regex/index.js";

const utf8 = new TextEncoder();

export function bytesOf(input: string | readonly number[]): Uint8Array {
  return typeof input === "string" ? utf8.encode(input) : Uint8Array.from(input);
}

/** The table of a pattern that must compile; a failing compile fails the test with the error. */
export function tableOf(pattern: string, maxStates?: number): Uint8Array {
  const result = compileRegex(pattern, maxStates === undefined ? {} : { maxStates });
  if (!result.ok) throw new Error(`${JSON.stringify(pattern)} did not compile: ${JSON.stringify(result.errors)}`);
  return result.table;
}

/** The RegExp with the same meaning as a pattern, for patterns where JavaScript and filterc agree. */
export function javascriptRegExp(pattern: string): RegExp {
  return pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), "i") : new RegExp(pattern);
}

/** A small deterministic PRNG (mulberry32), so randomized tests are reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
