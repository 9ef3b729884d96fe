import { ByteSet } from "./byteset.js";
import { RegexCode } from "./codes.js";
import { RegexFailure, regexFailure, type RegexError } from "./error.js";
import { classEscape, controlEscape, DOT, isAsciiPunctuation } from "./named-sets.js";
import {
  altNode,
  concatNode,
  groupNode,
  repeatNode,
  setNode,
  type ParsedRegex,
  type RegexNode,
  type TopAlternative,
} from "./syntax.js";

/** Counted repetitions are expanded, so their counts are bounded. */
export const MAX_REPEAT_COUNT = 1000;
/** Bound on the expanded pattern (estimated NFA states): keeps nested counts like `(a{100}){100}` from exploding. */
export const MAX_PATTERN_SIZE = 10_000;
/** Groups nest at most this deep: parsing and NFA construction recurse once per level. */
export const MAX_GROUP_DEPTH = 200;

export type ParseResult = { readonly ok: true; readonly regex: ParsedRegex } | { readonly ok: false; readonly error: RegexError };

export interface ParseOptions {
  /** Keep capturing groups as `group` nodes (for match groups, group-program.ts); the DFA needs none. */
  readonly groups?: boolean;
}

/** Parses a pattern of the supported RE2-like subset; stops at the first error. */
export function parseRegex(pattern: string, options: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, regex: new Parser(pattern, options.groups === true).parsePattern() };
  } catch (e) {
    if (e instanceof RegexFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** One item of a character class: a single byte (can be a range end) or a class escape such as `\d`. */
type ClassAtom = { readonly kind: "byte"; readonly value: number } | { readonly kind: "set"; readonly set: ByteSet };

interface Quantifier {
  readonly min: number;
  readonly max: number;
  readonly offset: number;
  readonly length: number;
}

const utf8 = new TextEncoder();

/** One shared set per literal byte (and case), so equal labels are the same object for byte-class computation. */
const literalSets: ByteSet[] = [];
function literalSet(b: number, caseInsensitive: boolean): ByteSet {
  const index = caseInsensitive ? b + 256 : b;
  return (literalSets[index] ??= caseInsensitive ? ByteSet.of(b).foldAsciiCase() : ByteSet.of(b));
}

class Parser {
  private pos = 0;
  private caseInsensitive = false;
  /** Capturing groups opened so far: the next one's number minus one. */
  private groupCount = 0;

  constructor(
    private readonly src: string,
    private readonly keepGroups = false,
  ) {}

  parsePattern(): ParsedRegex {
    if (this.src.startsWith("(?i)")) {
      this.caseInsensitive = true;
      this.pos = 4;
    }
    const alternatives: TopAlternative[] = [];
    let size = 0;
    for (;;) {
      const start = this.pos;
      const anchoredStart = this.peek() === "^";
      if (anchoredStart) this.pos++;
      const { node, anchoredEnd } = this.parseSequence(0);
      alternatives.push({ anchoredStart, anchoredEnd, body: node });
      size += node.size;
      this.checkSize(size, start);
      if (this.pos >= this.src.length) return { alternatives };
      if (this.peek() === "|") {
        this.pos++;
        continue;
      }
      // A top-level sequence stops only at `|`, `)` or the end.
      throw this.fail(RegexCode.unbalancedParen, this.pos, 1, "unmatched `)`", "remove it, or write `\\)` to match a parenthesis");
    }
  }

  /** Items up to `|`, `)` or the end; at the top level (depth 0) a final `$` is consumed and reported. */
  private parseSequence(depth: number): { node: RegexNode; anchoredEnd: boolean } {
    const items: RegexNode[] = [];
    let size = 0;
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === "|" || c === ")") break;
      if (c === "$") {
        const next = this.src[this.pos + 1];
        if (depth === 0 && (next === undefined || next === "|")) {
          this.pos++;
          return { node: concatNode(items), anchoredEnd: true };
        }
        throw this.fail(
          RegexCode.misplacedAnchor,
          this.pos,
          1,
          "`$` can only appear at the end of the pattern or of a top-level alternative",
          "write `\\$` to match a dollar sign; to anchor alternatives inside a group, anchor each top-level alternative: `a$|b$`",
        );
      }
      if (c === "^") {
        throw this.fail(
          RegexCode.misplacedAnchor,
          this.pos,
          1,
          "`^` can only appear at the start of the pattern or of a top-level alternative",
          "write `\\^` to match a caret; to anchor alternatives inside a group, write `^(a|b)` or `^a|^b`",
        );
      }
      const start = this.pos;
      const item = this.parseQuantified(this.parseAtom(depth), start);
      items.push(item);
      size += item.size;
      this.checkSize(size, start);
    }
    return { node: concatNode(items), anchoredEnd: false };
  }

  private parseAlternation(depth: number): RegexNode {
    const start = this.pos;
    const items = [this.parseSequence(depth).node];
    while (this.peek() === "|") {
      this.pos++;
      items.push(this.parseSequence(depth).node);
    }
    const node = altNode(items);
    this.checkSize(node.size, start);
    return node;
  }

  private parseAtom(depth: number): RegexNode {
    const c = this.peek();
    switch (c) {
      case "(":
        return this.parseGroup(depth);
      case "[":
        return setNode(this.parseClass());
      case ".":
        this.pos++;
        return setNode(DOT);
      case "\\": {
        const atom = this.parseEscape(false);
        return setNode(atom.kind === "set" ? atom.set : this.byteSet(atom.value));
      }
      case "*":
      case "+":
      case "?":
        throw this.nothingToRepeat(this.pos, 1);
      case "{": {
        const brace = this.readBrace();
        if (brace !== undefined) throw this.nothingToRepeat(this.pos, brace.length);
        throw this.badBrace();
      }
      case "]":
        throw this.fail(RegexCode.unbalancedBracket, this.pos, 1, "unmatched `]`", "write `\\]` to match a bracket");
      case "}":
        throw this.fail(RegexCode.badRepetition, this.pos, 1, "unmatched `}`", "write `\\}` to match a brace");
      default:
        return this.parseLiteral();
    }
  }

  /** A literal character: an ASCII byte (case-folded under `(?i)`), or the UTF-8 bytes of a non-ASCII character. */
  private parseLiteral(): RegexNode {
    const cp = this.src.codePointAt(this.pos)!;
    const text = String.fromCodePoint(cp);
    this.pos += text.length;
    if (cp < 0x80) return setNode(this.byteSet(cp));
    return concatNode(Array.from(utf8.encode(text), (b) => setNode(literalSet(b, false))));
  }

  private byteSet(b: number): ByteSet {
    return literalSet(b, this.caseInsensitive);
  }

  private parseGroup(depth: number): RegexNode {
    const open = this.pos;
    if (depth >= MAX_GROUP_DEPTH) {
      throw this.fail(RegexCode.patternTooLarge, open, 1, `groups are nested more than ${MAX_GROUP_DEPTH} deep`, "flatten the pattern; most groups can be removed or written one after another");
    }
    this.pos++;
    // `(?:` does not capture; `(...)` and named groups do (parseGroupPrefix rejects every other `(?`).
    const capturing = this.peek() !== "?" || !this.src.startsWith("?:", this.pos);
    if (this.peek() === "?") this.parseGroupPrefix(open);
    const index = capturing ? ++this.groupCount : 0;
    const node = this.parseAlternation(depth + 1);
    if (this.peek() !== ")") {
      throw this.fail(RegexCode.unbalancedParen, open, 1, "this `(` is never closed", "add a `)`, or write `\\(` to match a parenthesis");
    }
    this.pos++;
    return capturing && this.keepGroups ? groupNode(index, node) : node;
  }

  /** After `(`, at `?`: accepts `?:` and group names (groups only group here); rejects every other extension. */
  private parseGroupPrefix(open: number): void {
    const rest = this.src.slice(this.pos);
    if (rest.startsWith("?:")) {
      this.pos += 2;
      return;
    }
    if (rest.startsWith("?=") || rest.startsWith("?!") || rest.startsWith("?<=") || rest.startsWith("?<!")) {
      const behind = rest.startsWith("?<");
      throw this.fail(
        RegexCode.lookaround,
        open,
        behind ? 4 : 3,
        `${behind ? "lookbehind" : "lookahead"} is not supported`,
        "matching is a single forward pass; combine several conditions with `and`, `or` and `not` instead",
      );
    }
    if (rest.startsWith("?P<") || rest.startsWith("?<")) {
      this.pos += rest.startsWith("?P<") ? 3 : 2;
      const name = /^([A-Za-z_][A-Za-z0-9_]*)>/.exec(this.src.slice(this.pos));
      if (name === null) {
        throw this.fail(RegexCode.unsupportedSyntax, open, this.pos - open, "invalid group name", "a group name is letters, digits and `_`, closed by `>`: `(?P<id>...)`");
      }
      this.pos += name[0].length;
      return;
    }
    if (rest.startsWith("?P=") || rest.startsWith("?P>")) {
      const recursion = rest.startsWith("?P>");
      const close = this.src.indexOf(")", this.pos);
      const length = (close < 0 ? this.src.length : close + 1) - open;
      if (recursion) throw this.fail(RegexCode.unsupportedSyntax, open, length, "recursive patterns are not supported", "a finite automaton cannot match nested structure; spell out the nesting depth you need");
      throw this.backreference(open, length);
    }
    if (rest.startsWith("?>")) {
      throw this.fail(RegexCode.possessive, open, 3, "atomic groups are not supported", "remove the `?>`: without backtracking it does not change whether the pattern matches");
    }
    if (rest.startsWith("?#")) {
      throw this.fail(RegexCode.unsupportedSyntax, open, 3, "comments in patterns are not supported", "put the comment on a `#` line in the rule file instead");
    }
    const flags = /^\?[A-Za-z-]*[:)]?/.exec(rest)![0];
    if (rest.startsWith("?i)")) {
      throw this.fail(RegexCode.unsupportedSyntax, open, 4, "the `(?i)` flag is only allowed at the very start of the pattern", "move `(?i)` to the start: it then applies to the whole pattern");
    }
    if (flags.length > 1) {
      throw this.fail(RegexCode.unsupportedSyntax, open, 1 + flags.length, `unsupported flags \`(${flags}\``, "the only flag is a leading `(?i)` for ASCII case-insensitivity");
    }
    throw this.fail(RegexCode.unsupportedSyntax, open, 2, "unsupported group syntax `(?`", "use `(...)` or `(?:...)` to group; write `\\(` or `\\?` to match the characters");
  }

  /** A `[...]` class as a byte set; under `(?i)` the listed bytes are case-folded before a `^` negates them. */
  private parseClass(): ByteSet {
    const open = this.pos;
    this.pos++;
    const negated = this.peek() === "^";
    if (negated) this.pos++;
    const set = new ByteSet();
    let items = 0;
    for (;;) {
      if (this.pos >= this.src.length) {
        throw this.fail(RegexCode.unbalancedBracket, open, 1, "this `[` is never closed", "add a `]`, or write `\\[` to match a bracket");
      }
      if (this.peek() === "]") {
        if (items === 0) {
          throw this.fail(
            RegexCode.emptyClass,
            open,
            this.pos + 1 - open,
            "empty character class",
            negated ? "to match any byte write `[\\x00-\\xff]`; to include `]` in a class write `\\]`" : "to include `]` in a class write `\\]`",
          );
        }
        this.pos++;
        break;
      }
      const itemStart = this.pos;
      const low = this.parseClassAtom();
      items++;
      if (this.peek() === "-" && this.src[this.pos + 1] !== "]" && this.pos + 1 < this.src.length) {
        this.pos++;
        const high = this.parseClassAtom();
        const length = this.pos - itemStart;
        if (low.kind === "set" || high.kind === "set") {
          throw this.fail(RegexCode.badRange, itemStart, length, "a class escape like `\\d` cannot be the end of a range", "list it separately, and write `\\-` for a literal dash: `[\\d\\-z]`");
        }
        if (low.value > high.value) {
          throw this.fail(RegexCode.badRange, itemStart, length, `range \`${this.src.slice(itemStart, this.pos)}\` is backwards`, "write the smaller end first, e.g. `[a-z]`");
        }
        set.addRange(low.value, high.value);
      } else {
        if (low.kind === "set") set.addSet(low.set);
        else set.add(low.value);
      }
    }
    const folded = this.caseInsensitive ? set.foldAsciiCase() : set;
    const result = negated ? folded.complement() : folded;
    if (result.isEmpty()) {
      throw this.fail(RegexCode.emptyClass, open, this.pos - open, "this character class matches no byte at all", "a negated class must leave at least one byte out");
    }
    return result;
  }

  private parseClassAtom(): ClassAtom {
    const c = this.peek();
    if (c === "\\") return this.parseEscape(true);
    const cp = this.src.codePointAt(this.pos)!;
    if (cp >= 0x80) {
      const length = cp > 0xffff ? 2 : 1;
      throw this.fail(
        RegexCode.nonAsciiInClass,
        this.pos,
        length,
        "non-ASCII characters inside a character class are not supported yet",
        "use an alternation such as `(é|è)`, or bytes with `\\xHH`",
      );
    }
    if (c === "[" && this.src[this.pos + 1] === ":") {
      const close = this.src.indexOf(":]", this.pos);
      const length = close < 0 ? 2 : close + 2 - this.pos;
      throw this.fail(RegexCode.unsupportedSyntax, this.pos, length, "POSIX character classes are not supported", "use ranges and escapes, e.g. `[a-zA-Z]`, `\\d`, `\\s`; write `\\[` for a bracket");
    }
    this.pos++;
    return { kind: "byte", value: cp };
  }

  /** At a backslash. Inside a class `\b` is rejected as ambiguous (backspace in some dialects). */
  private parseEscape(inClass: boolean): ClassAtom {
    const start = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) {
      throw this.fail(RegexCode.unknownEscape, start, 1, "the pattern ends with a lone backslash", "write `\\\\` to match a backslash");
    }
    this.pos += 2;
    const set = classEscape(c);
    if (set !== undefined) return { kind: "set", set };
    const control = controlEscape(c);
    if (control !== undefined) return { kind: "byte", value: control };
    if (c === "x") {
      const hex = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos));
      if (hex === null) throw this.fail(RegexCode.unknownEscape, start, 2, "`\\x` must be followed by exactly two hex digits", "e.g. `\\x2f` for `/`, `\\x00` for a zero byte");
      this.pos += 2;
      return { kind: "byte", value: parseInt(hex[0], 16) };
    }
    if (/^[1-9]$/.test(c) || (c === "k" && /^[<{']/.test(this.src[this.pos] ?? ""))) {
      throw this.backreference(start, c === "k" ? this.nameLength(start) : 2);
    }
    if (c === "b" || c === "B" || c === "<" || c === ">") {
      if (inClass && c === "b") throw this.fail(RegexCode.unknownEscape, start, 2, "`\\b` is not supported inside a character class", "write `\\x08` for a backspace byte");
      throw this.fail(
        RegexCode.wordBoundary,
        start,
        2,
        `word boundaries (\`\\${c}\`) are not supported`,
        "match the delimiters explicitly, e.g. `^word$|^word\\W|\\Wword$|\\Wword\\W`",
      );
    }
    if (isAsciiPunctuation(c)) return { kind: "byte", value: c.charCodeAt(0) };
    throw this.unknownEscape(start, c);
  }

  private unknownEscape(start: number, c: string): RegexFailure {
    const hints: Record<string, string> = {
      A: "use `^` to anchor at the start",
      z: "use `$` to anchor at the end",
      Z: "use `$` to anchor at the end",
      "0": "write `\\x00` for a zero byte",
      p: "Unicode classes are not supported; use ASCII ranges or literal characters",
      P: "Unicode classes are not supported; use ASCII ranges or literal characters",
      e: "write `\\x1b` for escape",
      a: "write `\\x07` for bell",
    };
    const length = String.fromCodePoint(this.src.codePointAt(start + 1)!).length + 1;
    return this.fail(
      RegexCode.unknownEscape,
      start,
      length,
      `unknown escape \`\\${String.fromCodePoint(this.src.codePointAt(start + 1)!)}\``,
      hints[c] ?? "escapes are `\\d \\w \\s \\D \\W \\S \\n \\t \\r \\f \\v \\xHH` and a backslash before punctuation",
    );
  }

  /** Length of `\k<name>` for the caret, or of `\k` when unclosed. */
  private nameLength(start: number): number {
    const close = /^\\k(<[^>]*>|\{[^}]*\}|'[^']*')/.exec(this.src.slice(start));
    return close === null ? 2 : close[0].length;
  }

  private parseQuantified(atom: RegexNode, start: number): RegexNode {
    const quantifier = this.readQuantifier();
    if (quantifier === undefined) return atom;
    if (this.peek() === "?") {
      this.pos++; // lazy: the same match/no-match result
    } else if (this.peek() === "+") {
      throw this.fail(
        RegexCode.possessive,
        quantifier.offset,
        this.pos + 1 - quantifier.offset,
        "possessive quantifiers are not supported",
        `remove the final \`+\`: \`${this.src.slice(quantifier.offset, this.pos)}\` gives the same match result here`,
      );
    }
    const next = this.peek();
    if (next === "*" || next === "+" || next === "?" || (next === "{" && this.readBrace() !== undefined)) {
      throw this.fail(
        RegexCode.nothingToRepeat,
        this.pos,
        next === "{" ? this.readBrace()!.length : 1,
        "a quantifier cannot follow another quantifier",
        "remove one, or group the repeated part first: `(a*)+`",
      );
    }
    const node = repeatNode(atom, quantifier.min, quantifier.max);
    this.checkSize(node.size, start);
    return node;
  }

  /** Consumes `*`, `+`, `?` or a valid `{...}`; a `{` that is not a repetition is an error after an atom. */
  private readQuantifier(): Quantifier | undefined {
    const offset = this.pos;
    switch (this.peek()) {
      case "*":
        this.pos++;
        return { min: 0, max: Infinity, offset, length: 1 };
      case "+":
        this.pos++;
        return { min: 1, max: Infinity, offset, length: 1 };
      case "?":
        this.pos++;
        return { min: 0, max: 1, offset, length: 1 };
      case "{": {
        const brace = this.readBrace();
        if (brace === undefined) throw this.badBrace();
        this.pos += brace.length;
        return brace;
      }
      default:
        return undefined;
    }
  }

  /** Reads `{n}`, `{n,}` or `{n,m}` at the position without consuming it; undefined when malformed. */
  private readBrace(): Quantifier | undefined {
    const offset = this.pos;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(offset));
    if (match === null) return undefined;
    const length = match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3]);
    if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) {
      throw this.fail(
        RegexCode.repeatTooLarge,
        offset,
        length,
        `repetition count over ${MAX_REPEAT_COUNT}`,
        "counted repetitions are expanded when the filter is built; use `+` or `*` for long runs",
      );
    }
    if (min > max) {
      throw this.fail(RegexCode.badRepetition, offset, length, `repetition \`${match[0]}\` has its minimum above its maximum`, `write the smaller count first: \`{${max},${min}}\``);
    }
    return { min, max, offset, length };
  }

  private badBrace(): RegexFailure {
    const close = this.src.indexOf("}", this.pos);
    const length = close < 0 ? 1 : close + 1 - this.pos;
    const hint = /^\{,\d+\}/.test(this.src.slice(this.pos))
      ? "write the lower bound explicitly: `{0,n}`"
      : "a repetition is `{n}`, `{n,}` or `{n,m}`; write `\\{` to match a brace";
    return this.fail(RegexCode.badRepetition, this.pos, length, "`{` does not start a valid repetition", hint);
  }

  private nothingToRepeat(offset: number, length: number): RegexFailure {
    return this.fail(
      RegexCode.nothingToRepeat,
      offset,
      length,
      "nothing to repeat before this quantifier",
      "put the quantifier after the item it repeats, or escape it (`\\*`, `\\+`, `\\?`, `\\{`) to match it literally",
    );
  }

  private backreference(offset: number, length: number): RegexFailure {
    return this.fail(
      RegexCode.backreference,
      offset,
      length,
      "backreferences need backtracking, which filterc rules out to keep matching linear-time",
      "match the repeated text explicitly, or compare the parts in separate conditions",
    );
  }

  private checkSize(size: number, start: number): void {
    if (size > MAX_PATTERN_SIZE) {
      throw this.fail(
        RegexCode.patternTooLarge,
        start,
        this.pos - start,
        `this pattern is too large once its repetitions are expanded (over ${MAX_PATTERN_SIZE} states)`,
        "use smaller counts, or `+`/`*` instead of large nested counts",
      );
    }
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private fail(code: string, offset: number, length: number, message: string, hint?: string): RegexFailure {
    return regexFailure(code, offset, length, message, hint);
  }
}
