/**
 * `matches`, from docs/regex.md: an unanchored search over the value's *bytes*, `^`/`$` the edges of the value,
 * `.` any byte but newline, `\s` the five RE2 spaces, `(?i)` ASCII-only. This is a translation of the documented
 * syntax into a JavaScript RegExp run over a byte string (model.ts), independent of compiler/regex's automaton.
 * The translation spells out everything JavaScript would read differently: `.` (JavaScript also stops at `\r`),
 * `\s` (JavaScript adds `\v` and Unicode spaces, among them bytes 0x85 and 0xA0), case folding (JavaScript's `i`
 * folds Latin-1 letters too), non-ASCII characters (a quantifier repeats all of their bytes) and named groups.
 * Patterns reach here only after the checker accepted them, so errors are not diagnosed, only refused.
 */
import { toBytes } from "./model.js";

const DIGIT = new Set(range(0x30, 0x39));
const WORD = new Set([...DIGIT, ...range(0x41, 0x5a), ...range(0x61, 0x7a), 0x5f]);
const SPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const CLASS_ESCAPES: Record<string, ReadonlySet<number>> = { d: DIGIT, w: WORD, s: SPACE };
const CHAR_ESCAPES: Record<string, number> = { n: 0x0a, t: 0x09, r: 0x0d, f: 0x0c, v: 0x0b };

const cache = new Map<string, RegExp>();

export function regexMatches(pattern: string, value: string): boolean {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(translate(pattern));
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

/**
 * `match[N]` (docs/language.md, "Match groups"): the groups of the leftmost-longest match, or undefined when there
 * is none. Found by brute force, independently of the compiler's group program: the first start, then the
 * longest end, at which the pattern matches exactly that span (`^` only counts at the value's start and `$` only at
 * its end); among the ways it can, JavaScript's backtracking takes the first in priority order (alternatives left
 * to right, repetitions greedy), and ECMAScript's rule that each iteration of a repetition starts with its groups
 * unset is the documented one.
 */
export function regexGroups(pattern: string, value: string): (string | undefined)[] | undefined {
  for (let start = 0; start <= value.length; start++) {
    for (let end = value.length; end >= start; end--) {
      const found = exactRegExp(pattern, start === 0, end === value.length).exec(value.slice(start, end));
      if (found !== null) return [...found];
    }
  }
  return undefined;
}

const exactCache = new Map<string, RegExp>();

/** The pattern matching a whole span, its `^` and `$` kept only where the span touches the value's edges. */
export function exactRegExp(pattern: string, atStart: boolean, atEnd: boolean): RegExp {
  const key = `${atStart ? 1 : 0}${atEnd ? 1 : 0}${pattern}`;
  let regex = exactCache.get(key);
  if (regex === undefined) {
    // The translation writes `^` and `$` for anchors only (literal ones become `\x5e`, `\x24`).
    const source = translate(pattern, true).replace(/\^/g, atStart ? "^" : "(?!)").replace(/\$/g, atEnd ? "$" : "(?!)");
    regex = new RegExp(`^(?:${source})$`);
    exactCache.set(key, regex);
  }
  return regex;
}

/** The JavaScript source of a documented pattern; with `groups`, its capturing groups capture. */
export function translate(pattern: string, groups = false): string {
  let text = toBytes(pattern);
  const foldCase = text.startsWith("(?i)");
  if (foldCase) text = text.slice(4);
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      const [set, next] = escape(text, i);
      out += set.size === 1 ? literal([...set][0]!, foldCase) : classOf(set);
      i = next;
    } else if (c === "[") {
      const [set, next] = bracket(text, i, foldCase);
      out += classOf(set);
      i = next;
    } else if (c === ".") {
      out += classOf(complement(new Set([0x0a])));
      i++;
    } else if (c === "(") {
      out += groups && !text.startsWith("?:", i + 1) ? "(" : "(?:";
      i = skipGroupPrefix(text, i + 1);
    } else if (")|^$*+?".includes(c)) {
      out += c;
      i++;
    } else if (c === "{") {
      const end = text.indexOf("}", i);
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (c.charCodeAt(0) >= 0x80) {
      // One non-ASCII character: all its UTF-8 bytes, as one unit for a following quantifier.
      let end = i + 1;
      while (end < text.length && (text.charCodeAt(end) & 0xc0) === 0x80) end++;
      out += `(?:${[...text.slice(i, end)].map((b) => hex(b.charCodeAt(0))).join("")})`;
      i = end;
    } else {
      out += literal(c.charCodeAt(0), foldCase);
      i++;
    }
  }
  return out;
}

/** After `(`: `?:`, `?P<name>` and `?<name>` only group. */
function skipGroupPrefix(text: string, i: number): number {
  if (text.startsWith("?:", i)) return i + 2;
  if (text.startsWith("?P<", i) || text.startsWith("?<", i)) return text.indexOf(">", i) + 1;
  return i;
}

/** The bytes one escape at `i` stands for, and where the pattern goes on. */
function escape(text: string, i: number): [ReadonlySet<number>, number] {
  const e = text[i + 1]!;
  const lower = e.toLowerCase();
  if (lower in CLASS_ESCAPES) {
    const set = CLASS_ESCAPES[lower]!;
    return [e === lower ? set : complement(set), i + 2];
  }
  if (e in CHAR_ESCAPES) return [new Set([CHAR_ESCAPES[e]!]), i + 2];
  if (e === "x") return [new Set([parseInt(text.slice(i + 2, i + 4), 16)]), i + 4];
  return [new Set([e.charCodeAt(0)]), i + 2];
}

/** A `[...]` class at `i`: its bytes (letters folded first under `(?i)`, then negated) and where it ends. */
function bracket(text: string, i: number, foldCase: boolean): [ReadonlySet<number>, number] {
  let j = i + 1;
  const negated = text[j] === "^";
  if (negated) j++;
  const set = new Set<number>();
  let first = true;
  while (text[j] !== "]" || first) {
    first = false;
    let low: ReadonlySet<number>;
    [low, j] = text[j] === "\\" ? escape(text, j) : [new Set([text.charCodeAt(j)]), j + 1];
    if (text[j] === "-" && text[j + 1] !== "]" && low.size === 1) {
      let high: ReadonlySet<number>;
      [high, j] = text[j + 1] === "\\" ? escape(text, j + 1) : [new Set([text.charCodeAt(j + 1)]), j + 2];
      for (const b of range([...low][0]!, [...high][0]!)) set.add(b);
    } else {
      for (const b of low) set.add(b);
    }
  }
  if (foldCase) for (const b of [...set]) set.add(otherCase(b));
  return [negated ? complement(set) : set, j + 1];
}

function literal(byte: number, foldCase: boolean): string {
  const other = foldCase ? otherCase(byte) : byte;
  return other === byte ? hex(byte) : `[${hex(byte)}${hex(other)}]`;
}

function otherCase(byte: number): number {
  if (byte >= 0x41 && byte <= 0x5a) return byte + 32;
  if (byte >= 0x61 && byte <= 0x7a) return byte - 32;
  return byte;
}

function classOf(set: ReadonlySet<number>): string {
  return `[${[...set].sort((a, b) => a - b).map(hex).join("")}]`;
}

function complement(set: ReadonlySet<number>): Set<number> {
  return new Set(range(0, 255).filter((b) => !set.has(b)));
}

function hex(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

function range(low: number, high: number): number[] {
  return Array.from({ length: high - low + 1 }, (_, k) => low + k);
}
