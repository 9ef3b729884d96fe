import { describe, expect, it } from "vitest";
import { formatSource } from "../../compiler/format.js";
import { Source } from "../../grammar/source.js";
import { parse, type Binary, type Rule } from "../../grammar/index.js";
import { printProgram } from "../../grammar/printer.js";
import { comment, group, hardline, indent, layout, line } from "../../grammar/printer-doc.js";
import { escapeRegex } from "../../grammar/printer-strings.js";
import { mulberry32 } from "./generator.js";

describe("formatSource", () => {
  it("says whether the text changed", () => {
    expect(formatSource(new Source("a.fw", "on request_headers stop\n"))).toMatchObject({ text: "on request_headers stop\n", changed: false });
    expect(formatSource(new Source("a.fw", "on request_headers   stop"))).toMatchObject({ text: "on request_headers stop\n", changed: true });
  });

  it("does not format a file with syntax errors and returns its diagnostics", () => {
    const result = formatSource(new Source("a.fw", "on request_headers when deny 403"));
    expect(result.text).toBeUndefined();
    expect(result.changed).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0111"]);
  });
});

describe("printProgram", () => {
  it("breaks lines at the given width", () => {
    const text = "param l = [\"alpha\", \"beta\", \"gamma\"]\n";
    const { program } = parse(new Source("a.fw", text));
    expect(printProgram(program, text)).toBe(text);
    expect(printProgram(program, text, { width: 20 })).toBe('param l = [\n  "alpha",\n  "beta",\n  "gamma",\n]\n');
  });
});

describe("layout", () => {
  const words = group(["one", indent([line, "two", line, "three"])]);

  it("prints a group flat when it fits and breaks every line of it otherwise", () => {
    expect(layout(words, 20)).toBe("one two three");
    expect(layout(words, 10)).toBe("one\n  two\n  three");
  });

  it("ends the line after an end-of-line comment, letting only a comma stay before it", () => {
    expect(layout(["a", comment(" why", false), ",", " ", "b"], 80)).toBe("a, # why\n  b");
  });

  it("measures what follows an own-line comment from the start of the next line", () => {
    const doc = ["x", indent([hardline, comment(" a note", true), group(["aaaa", line, "bbbb"])])];
    expect(layout(doc, 11)).toBe("x\n  # a note\n  aaaa bbbb");
  });

  it("breaks the groups around a comment", () => {
    expect(layout(group(["a", comment(" why", false), line, "b"]), 80)).toBe("a # why\nb");
  });
});

describe("escapeRegex", () => {
  /** The pattern the parser reads from `matches "<raw>"`, or undefined when that is not valid. */
  function patternOf(raw: string): string | undefined {
    const { program, diagnostics } = parse(new Source("a.fw", `on request_headers when x matches "${raw}" stop`));
    if (diagnostics.length > 0) return undefined;
    const condition = (program.statements[0] as Rule).condition as Binary;
    return condition.right.kind === "RegexLiteral" ? condition.right.pattern : undefined;
  }

  it("spells every valid pattern so that it reads back the same", () => {
    const random = mulberry32(7);
    const pieces = ["\\", "\\\\", '\\"', "\\d", "\\$", "$", "{", "}", "a", ".", "é"];
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const raw = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const pattern = patternOf(raw);
      if (pattern === undefined) continue;
      checked++;
      const spelled = escapeRegex(pattern);
      expect(spelled, raw).toBeDefined();
      expect(patternOf(spelled!), raw).toBe(pattern);
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
