/**
 * Mutants of the examples/ rule files, for the compiler's robustness suites (mutation.test.ts, and
 * mutation-compile.e2e.test.ts for the mutants the checker accepts). A mutant is a file's bytes after one to three
 * mutations: byte flips, inserted tokens and bytes, truncations after each kind of character, duplicated lines,
 * deep nesting, long `or` chains, huge literals and names, invalid UTF-8 sequences.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { decodeRuleText, type RuleFileText } from "../../compiler/rule-file.js";

const EXAMPLES_DIR = new URL("../../examples/", import.meta.url);

export const EXAMPLES: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }> = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith(".fw"))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, EXAMPLES_DIR))) }));

/** The seed of `npm test`; FILTERC_MUTATION_SEED replays another. */
export const MUTATION_SEED = Number(process.env.FILTERC_MUTATION_SEED ?? 13);

const utf8 = new TextEncoder();

/** Pieces of the language and near misses, inserted whole. */
const TOKENS = [
  "(", ")", "{", "}", "[", "]", '"', "${", "}", "\\", ",", ".", "=", "==", "!=", "<", ">=", ";", "#", "\n", " ",
  "and", "or", "not", "when", "rule", "on", "param", "with", "to", "in", "matches", "starts_with", "exists(", "lower(",
  "request_headers", "response_headers", "request.path", "request.header[", 'request.header["x"]', "response.status",
  "source.address", "destination.port", "connection.mtls", "set", "remove", "deny", "respond", "redirect", "log warn",
  "rewrite prefix", "set_default", "rename", "stop", '"\\u{110000}"', '"\\u{D800}"', '"\\q"', '"${', "99999999999999999999999",
  "-0", "0x10", "1e3", '"10.0.0.0/33"', '"::/129"', '"[a-"', '"(?"', '"a{99999}"', '"\\p{L}"', "\u00e9", "\u{1F600}", "\u2028",
  "\u0000", "\r", "\t", "\uFEFF", "/*", "//",
];

/** Byte sequences that are not UTF-8: a lone continuation, overlong forms, a surrogate, past U+10FFFF, cut short. */
const INVALID_UTF8 = [[0x80], [0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]];

/** Truncation points: right after (or before) each occurrence of one of these characters. */
const CUT_AFTER = ['"', "{", "}", "(", ")", "[", "$", "\\", "\n", " ", "=", ".", "#", "/", ":"];

export type Mutation =
  | { readonly kind: "flip"; readonly at: number; readonly mask: number }
  | { readonly kind: "token"; readonly at: number; readonly token: string }
  | { readonly kind: "bytes"; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: "invalid-utf8"; readonly at: number; readonly sequence: number }
  | { readonly kind: "truncate"; readonly char: string; readonly index: number; readonly before: boolean }
  | { readonly kind: "truncate-anywhere"; readonly at: number }
  | { readonly kind: "duplicate-line"; readonly line: number; readonly times: number }
  | { readonly kind: "nest"; readonly how: "parens" | "not" | "lower" | "list" | "interpolation"; readonly depth: number }
  | { readonly kind: "or-chain"; readonly terms: number }
  | { readonly kind: "huge-string"; readonly length: number }
  | { readonly kind: "huge-number"; readonly digits: number }
  | { readonly kind: "huge-name"; readonly length: number };

/** Positions are fractions of the length, so one mutation fits any file. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("flip" as const), at, mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("token" as const), at, token: fc.constantFrom(...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("bytes" as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("invalid-utf8" as const), at, sequence: fc.nat({ max: INVALID_UTF8.length - 1 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("truncate" as const), char: fc.constantFrom(...CUT_AFTER), index: fc.nat({ max: 50 }), before: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate-anywhere" as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate-line" as const), line: fc.nat({ max: 40 }), times: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("nest" as const),
      how: fc.constantFrom("parens" as const, "not" as const, "lower" as const, "list" as const, "interpolation" as const),
      depth: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 60, max: 400 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("or-chain" as const), terms: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 490, max: 1200 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge-string" as const), length: fc.integer({ min: 1000, max: 300_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge-number" as const), digits: fc.integer({ min: 15, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge-name" as const), length: fc.integer({ min: 100, max: 20_000 }) }) },
);

export interface Mutant {
  readonly example: string;
  readonly mutations: readonly Mutation[];
  readonly bytes: Uint8Array;
}

export const mutantArbitrary: fc.Arbitrary<Mutant> = fc
  .record({ example: fc.nat({ max: EXAMPLES.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  .map(({ example, mutations }) => {
    const original = EXAMPLES[example]!;
    return { example: original.name, mutations, bytes: mutations.reduce(applyMutation, original.bytes) };
  });

/** The mutant as a rule file is read by every command: strict UTF-8, or E0001. */
export function readMutant(mutant: Mutant): RuleFileText {
  return decodeRuleText(mutant.bytes, `${mutant.example}.mutant`);
}

/** A short description for failure messages (huge pieces are summarized by the mutation itself). */
export function describeMutant(mutant: Mutant): string {
  const text = new TextDecoder().decode(mutant.bytes);
  const shown = text.length > 600 ? `${JSON.stringify(text.slice(0, 300))} … ${JSON.stringify(text.slice(-300))} (${text.length} chars)` : JSON.stringify(text);
  return `${mutant.example} with ${JSON.stringify(mutant.mutations)}:\n${shown}`;
}

function splice(bytes: Uint8Array, start: number, end: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (end - start) + inserted.length);
  out.set(bytes.subarray(0, start), 0);
  out.set(inserted, start);
  out.set(bytes.subarray(end), start + inserted.length);
  return out;
}

const position = (bytes: Uint8Array, fraction: number) => Math.floor(fraction * (bytes.length + 1));

/** Offsets of every occurrence of an ASCII string in the bytes. */
function occurrences(bytes: Uint8Array, needle: string): number[] {
  const found: number[] = [];
  const first = needle.charCodeAt(0);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    found.push(i);
  }
  return found;
}

/** Replaces the first occurrence of `needle` (or, without one, inserts at the start). */
function replaceFirst(bytes: Uint8Array, needle: string, replacement: string): Uint8Array {
  const i = occurrences(bytes, needle)[0];
  return i === undefined ? splice(bytes, 0, 0, utf8.encode(replacement)) : splice(bytes, i, i + needle.length, utf8.encode(replacement));
}

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case "flip": {
      if (bytes.length === 0) return bytes;
      const i = Math.min(position(bytes, m.at), bytes.length - 1);
      const out = bytes.slice();
      out[i] = out[i]! ^ m.mask;
      return out;
    }
    case "token": {
      const i = position(bytes, m.at);
      return splice(bytes, i, i, utf8.encode(m.token));
    }
    case "bytes": {
      const i = position(bytes, m.at);
      return splice(bytes, i, i, Uint8Array.from(m.bytes));
    }
    case "invalid-utf8": {
      const i = position(bytes, m.at);
      return splice(bytes, i, i, Uint8Array.from(INVALID_UTF8[m.sequence]!));
    }
    case "truncate": {
      const found = occurrences(bytes, m.char);
      if (found.length === 0) return bytes;
      const i = found[m.index % found.length]!;
      return bytes.subarray(0, m.before ? i : i + 1);
    }
    case "truncate-anywhere":
      return bytes.subarray(0, position(bytes, m.at));
    case "duplicate-line": {
      const starts = [0, ...occurrences(bytes, "\n").map((i) => i + 1)].filter((s) => s < bytes.length);
      if (starts.length === 0) return bytes;
      const start = starts[m.line % starts.length]!;
      const newline = occurrences(bytes.subarray(start), "\n")[0];
      const end = newline === undefined ? bytes.length : start + newline + 1;
      const line = bytes.subarray(start, end);
      const copies = new Uint8Array(line.length * m.times);
      for (let k = 0; k < m.times; k++) copies.set(line, k * line.length);
      return splice(bytes, end, end, newline === undefined ? Uint8Array.from([10, ...copies]) : copies);
    }
    case "nest":
      return nest(bytes, m.how, m.depth);
    case "or-chain":
      return replaceFirst(bytes, " on ", ` on request_headers when ${Array.from({ length: m.terms }, (_, k) => `request.path == "/${k}"`).join(" or ")} set "x-or" = "1"\nrule "or-chain-host" on `);
    case "huge-string":
      return replaceFirst(bytes, '"', `"${"ab\\n".repeat(Math.ceil(m.length / 4)).slice(0, m.length)}`);
    case "huge-number":
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\nparam huge_number = ${"9".repeat(m.digits)}\non request_headers set "x-n" = "\${huge_number}"\n`));
    case "huge-name": {
      const name = "n".repeat(m.length);
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\nparam ${name} = "v"\nrule "${name}" on request_headers set "x-${name}" = ${name}\n`));
    }
  }
}

function nest(bytes: Uint8Array, how: "parens" | "not" | "lower" | "list" | "interpolation", depth: number): Uint8Array {
  const repeat = (s: string) => s.repeat(depth);
  switch (how) {
    case "parens":
      return replaceFirst(bytes, "request.path", `${repeat("(")}request.path${repeat(")")}`);
    case "not":
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\non request_headers when ${repeat("not ")}exists(request.header["x-deep"]) set "x-deep" = "1"\n`));
    case "lower":
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\non request_headers set "x-deep" = ${repeat("lower(")}request.path${repeat(")")}\n`));
    case "list":
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\nparam deep_list = ${repeat("[")}"a"${repeat("]")}\n`));
    case "interpolation":
      return splice(bytes, bytes.length, bytes.length, utf8.encode(`\non request_headers set "x-deep" = ${repeat('"${')}request.path${repeat('}"')}\n`));
  }
}
