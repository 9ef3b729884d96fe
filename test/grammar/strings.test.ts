import { describe, expect, it } from "vitest";
import type { Expression, HeaderAssign, Rule, TemplateString } from "../../grammar/index.js";
import { tokenize } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { errorsOf, parseOk, ref, shape, str, textAt } from "./helpers.js";

/** The value of `set "h" = <literal>`, with the full text for span checks. */
function valueOf(literal: string): { text: string; value: Expression } {
  const text = `on request_headers set "h" = ${literal}`;
  const rule = parseOk(text).statements[0] as Rule;
  return { text, value: (rule.actions[0] as HeaderAssign).value };
}

describe("string escapes", () => {
  it.each([
    [String.raw`"plain"`, "plain"],
    [String.raw`"a\\b"`, "a\\b"],
    [String.raw`"say \"hi\""`, 'say "hi"'],
    [String.raw`"l1\nl2\tt\rr"`, "l1\nl2\tt\rr"],
    [String.raw`"cost: \${x}"`, "cost: ${x}"],
    [String.raw`"caf\u{e9} \u{1F600}"`, "café 😀"],
    [`"$5 and $ and {}"`, "$5 and $ and {}"],
    [`""`, ""],
  ])("%s", (literal, value) => {
    const { value: node } = valueOf(literal);
    expect(node).toMatchObject({ kind: "StringLiteral", value, raw: literal.slice(1, -1) });
  });

  it("reports unknown and malformed escapes where they are", () => {
    expect(errorsOf(String.raw`on request_headers set "h" = "a\qb"`)).toEqual(["E0103 1:32 unknown escape `\\q` in a string"]);
    expect(errorsOf(String.raw`on request_headers set "h" = "\d"`)).toEqual(["E0103 1:31 unknown escape `\\d` in a string"]);
    expect(errorsOf(String.raw`on request_headers set "h" = "\u00e9"`)).toEqual([
      "E0104 1:31 invalid Unicode escape: `\\u` must be followed by `{`, 1 to 6 hex digits and `}`",
    ]);
    expect(errorsOf(String.raw`on request_headers set "h" = "\u{D800}"`)).toEqual(["E0104 1:31 `\\u{D800}` is not a Unicode character"]);
  });
});

describe("interpolation", () => {
  it("splits text and expressions with spans into the original file", () => {
    const { text, value } = valueOf('"blocked ${request.path} from ${source.address}"');
    expect(value.kind).toBe("TemplateString");
    const template = value as TemplateString;
    expect(shape(template)).toEqual({
      kind: "TemplateString",
      parts: [{ kind: "TemplateText", value: "blocked " }, ref("request.path"), { kind: "TemplateText", value: " from " }, ref("source.address")],
    });
    expect(template.parts.map((p) => textAt(text, p.span))).toEqual(["blocked ", "request.path", " from ", "source.address"]);
    expect(textAt(text, template.span)).toBe('"blocked ${request.path} from ${source.address}"');
  });

  it("parses nested quoted strings inside ${...}", () => {
    const { text, value } = valueOf('"id=${request.header["x-id"]}"');
    const template = value as TemplateString;
    expect(shape(template.parts)).toEqual([{ kind: "TemplateText", value: "id=" }, ref("request.header", str("x-id"))]);
    const reference = template.parts[1]!;
    if (reference.kind !== "Reference") throw new Error("expected a reference");
    expect(textAt(text, reference.span)).toBe('request.header["x-id"]');
    expect(reference.segments.map((s) => textAt(text, s.span))).toEqual(["request", "header"]);
    expect(textAt(text, reference.key!.span)).toBe('"x-id"');
  });

  it("parses interpolations inside interpolations, with braces and quotes that do not close the outer string", () => {
    const { text, value } = valueOf('"a${lower("}${request.header["x-${b}"]}")}z"');
    const outer = value as TemplateString;
    expect(outer.parts.map((p) => p.kind)).toEqual(["TemplateText", "Call", "TemplateText"]);
    const call = outer.parts[1]!;
    if (call.kind !== "Call") throw new Error("expected a call");
    const inner = call.args[0] as TemplateString;
    expect(inner.kind).toBe("TemplateString");
    expect(inner.parts.map((p) => textAt(text, p.span))).toEqual(["}", 'request.header["x-${b}"]']);
    const deepest = inner.parts[1]!;
    if (deepest.kind !== "Reference" || deepest.key?.kind !== "TemplateString") throw new Error("expected a keyed reference");
    expect(deepest.key.parts.map((p) => textAt(text, p.span))).toEqual(["x-", "b"]);
  });

  it("accepts any expression and keeps adjacent interpolations apart", () => {
    const { text, value } = valueOf('"${a == 1}${ (b) }"');
    const template = value as TemplateString;
    expect(template.parts.map((p) => [p.kind, textAt(text, p.span)])).toEqual([
      ["Binary", "a == 1"],
      ["Paren", "(b)"],
    ]);
  });

  it("reports errors inside ${...} at their place in the file", () => {
    expect(errorsOf('on request_headers set "h" = "x ${request.header[} y"')).toEqual([
      "E0111 1:50 expected a value after `[`, found the end of the `${...}`",
    ]);
    expect(errorsOf('on request_headers set "h" = "${a b}"')).toEqual(["E0118 1:35 unexpected `b` in `${...}`: it holds a single expression"]);
    expect(errorsOf('on request_headers set "h" = "${a @ b}"')[0]).toBe("E0101 1:35 unexpected character `@`");
    expect(errorsOf('on request_headers set "h" = "${ }"')).toEqual(["E0107 1:31 empty `${}` in a string"]);
    expect(errorsOf('on request_headers set "h" = "${a # b}"')).toEqual(["E0101 1:35 a comment cannot start inside `${...}`"]);
  });

  it("refuses interpolation where a constant string is required", () => {
    expect(errorsOf('on request_headers set "x-${a}" = "1"')).toEqual(["E0119 1:27 a header name cannot contain `${...}`"]);
    expect(errorsOf('rule "r${a}" on request_headers stop')).toEqual(["E0119 1:8 a rule name cannot contain `${...}`"]);
  });
});

describe("the lexer", () => {
  it("collects comments with their spans and text, and nothing else sees them", () => {
    const text = '# first\non request_headers stop # trailing\n  # indented\r\nparam a = "#not a comment"';
    const program = parseOk(text);
    expect(program.comments.map((c) => [c.text, textAt(text, c.span)])).toEqual([
      [" first", "# first"],
      [" trailing", "# trailing"],
      [" indented", "# indented"],
    ]);
    expect(program.statements.map((s) => s.kind)).toEqual(["Rule", "ParamDecl"]);
  });

  it("tells keywords from identifiers that start with one", () => {
    const { tokens } = tokenize(new Source("t", "on onward set set_default setting in info notify not"));
    expect(tokens.map((t) => t.type)).toEqual(["On", "Identifier", "Set", "SetDefault", "Identifier", "In", "Identifier", "Identifier", "Not"]);
  });

  it("measures strings with nested interpolations as one token", () => {
    const text = 'set "a" = "x${f("}")}y" stop';
    const { tokens, diagnostics } = tokenize(new Source("t", text));
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => t.image)).toEqual(["set", '"a"', "=", '"x${f("}")}y"', "stop"]);
  });

  it("reports unterminated strings and interpolations on their own line only", () => {
    const { tokens, diagnostics } = tokenize(new Source("t", 'a "open\nb "${x\nc'));
    expect(tokens.map((t) => t.image)).toEqual(["a", '"open', "b", '"${x', "c"]);
    expect(diagnostics.map((d) => [d.code, d.span])).toEqual([
      ["E0102", { start: 2, end: 7 }],
      ["E0106", { start: 11, end: 14 }],
    ]);
  });
});
