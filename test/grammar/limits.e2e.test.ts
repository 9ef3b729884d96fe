import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { formatSource } from "../../compiler/format.js";
import { parse, parseExpression } from "../../grammar/index.js";
import { MAX_ARITHMETIC_DEPTH, MAX_FILE_CHARS, MAX_NAME_BYTES, MAX_NESTING, MAX_OPERATORS, MAX_SCOPE_NESTING } from "../../grammar/limits.js";
import { header, hostFor } from "../support/compile.js";
import { Source } from "../../grammar/source.js";
import { runCli, tempDir } from "../support/cli.js";
import { lintText } from "../lint/helpers.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Input past the limits of grammar/limits.ts ends with a located diagnostic, never "Maximum call stack size
 * exceeded"; input just within them goes through every phase that walks the AST (check, lint, fmt).
 */

const rule = (condition: string) => `on request_headers when ${condition} deny 403\n`;
const nested = (open: string, inner: string, close: string, depth: number) => open.repeat(depth) + inner + close.repeat(depth);
const comparisons = (count: number, op: "and" | "or") => Array.from({ length: count }, (_, i) => `request.path != "/p${i}"`).join(` ${op} `);
function template(depth: number): string {
  let text = '"a"';
  for (let i = 0; i < depth; i++) text = `"\${${text}}"`;
  return text;
}

const tooDeep: Record<string, string> = {
  "250 parentheses": rule(nested("(", 'request.path == "a"', ")", 250)),
  "300 nested calls": rule(nested("lower(", "request.path", ")", 300) + ' == "a"'),
  "300 nested lists in a param": `param p = ${nested("[", '"a"', "]", 300)}\n`,
  "500 nested interpolations": `on request_headers set "x" = ${template(500)}\n`,
  "10,000 not": rule("not ".repeat(10_000) + 'request.path == "a"'),
  "not and parentheses alternating": rule(nested("not (", 'request.path == "a"', ")", 40)),
};

function codesOf(text: string): string[] {
  return parse(new Source("deep.fw", text)).diagnostics.map((d) => d.code);
}

describe("nesting limit (E0120)", () => {
  it.each(Object.entries(tooDeep))("%s: one E0120 at the first token past the limit", (_, text) => {
    const result = parse(new Source("deep.fw", text));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0120"]);
    // The caret points into the line, at a bracket, `not` or string 65 levels in.
    expect(result.diagnostics[0]!.span.start).toBeGreaterThan(20);
  });

  it(`accepts ${MAX_NESTING} levels and refuses ${MAX_NESTING + 1}`, () => {
    expect(codesOf(rule(nested("(", 'request.path == "a"', ")", MAX_NESTING)))).toEqual([]);
    expect(codesOf(rule(nested("(", 'request.path == "a"', ")", MAX_NESTING + 1)))).toEqual(["E0120"]);
    expect(codesOf(rule("not ".repeat(MAX_NESTING) + 'request.path == "a"'))).toEqual([]);
    expect(codesOf(rule("not ".repeat(MAX_NESTING + 1) + 'request.path == "a"'))).toEqual(["E0120"]);
  });

  it("counts interpolation levels together with the brackets around them", () => {
    const inTemplate = `on request_headers set "x" = "\${${nested("(", "request.path", ")", MAX_NESTING - 1)}}"\n`;
    expect(codesOf(inTemplate)).toEqual([]);
    const deeper = `on request_headers set "x" = ${nested("lower(", `"\${${nested("(", "request.path", ")", MAX_NESTING - 1)}}"`, ")", 1)}\n`;
    expect(codesOf(deeper)).toEqual(["E0120"]);
  });

  it("does not carry `not` or brackets from one statement into the next", () => {
    const text = Array.from({ length: MAX_NESTING * 2 }, (_, i) => rule(`not (request.path == "/${i}"`)).join("");
    expect(codesOf(text)).not.toContain("E0120");
  });

  it("applies to lone expressions too", () => {
    expect(parseExpression(new Source("x", nested("(", "request.path", ")", 1000))).diagnostics.map((d) => d.code)).toEqual(["E0120"]);
  });
});

describe("name length limit (E0123)", () => {
  it("refuses a param name and a rule name past the limit, each at its name", () => {
    const name = "n".repeat(MAX_NAME_BYTES + 1);
    const text = `param ${name} = "v"\nrule "${name}" on request_headers set "x-a" = ${name}\n`;
    const result = parse(new Source("long.fw", text));
    expect(result.diagnostics.map((d) => [d.code, d.span.start])).toEqual([
      ["E0123", text.indexOf(name)],
      ["E0123", text.indexOf(`"${name}"`)],
    ]);
    expect(result.diagnostics[0]!.message).toBe("param name too long: 16,384 bytes of UTF-8 (the limit is 16,383)");
  });

  it("counts UTF-8 bytes, not characters: a surrogate pair is 4, \u00e9 is 2", () => {
    const at = (name: string) => codesOf(`rule "${name}" on request_headers stop\n`);
    expect(at("\u{1F600}".repeat(MAX_NAME_BYTES >> 2))).toEqual([]);
    expect(at("\u{1F600}".repeat((MAX_NAME_BYTES >> 2) + 1))).toEqual(["E0123"]);
    expect(at("\u00e9".repeat(MAX_NAME_BYTES >> 1))).toEqual([]);
    expect(at("\u00e9".repeat((MAX_NAME_BYTES >> 1) + 1))).toEqual(["E0123"]);
  });
});

describe("operator limit (E0121)", () => {
  it("refuses a 3,000-term `and` with one located error and drops the rule", () => {
    const text = 'on response_headers set "a" = "b"\n' + rule(comparisons(3000, "and"));
    const result = parse(new Source("and.fw", text));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0121"]);
    expect(result.diagnostics[0]!.message).toContain("5,999");
    expect(result.program.statements).toHaveLength(1);
  });

  it("refuses a 10,000-long comparison chain", () => {
    expect(codesOf(rule(Array.from({ length: 10_000 }, () => '"a"').join(" == ")))).toContain("E0121");
  });

  it("counts operators inside interpolations", () => {
    const inside = comparisons(MAX_OPERATORS / 2 + 1, "or");
    expect(codesOf(`on request_headers set "x" = "\${${inside}}"\n`)).toContain("E0121");
  });

  it(`checks, lints and formats an expression of ${MAX_OPERATORS} operators nested ${MAX_NESTING / 2} deep`, () => {
    const chain = comparisons(MAX_OPERATORS / 2, "or"); // 500 comparisons and 499 `or`
    const text = rule("not ".repeat(MAX_NESTING / 2 - 1) + nested("(", chain, ")", MAX_NESTING / 2));
    const source = new Source("max.fw", text);
    expect(analyze(source).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(lintText(text).messages.filter((m) => m.severity === 2)).toEqual([]);
    const formatted = formatSource(source);
    expect(formatted.text).toContain("or request.path");
  });
});

describe("arithmetic depth limit (E0124)", () => {
  const sum = (terms: number) => Array.from({ length: terms }, () => "destination.port").join(" - ");

  it("refuses a 1,000-term difference, which crashed the AssemblyScript compiler, with one located error", () => {
    const text = `on request_headers set "x" = "\${${sum(1000)}}"\n`;
    const result = parse(new Source("sum.fw", text));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0124"]);
    expect(result.diagnostics[0]!.message).toContain(`more than ${MAX_ARITHMETIC_DEPTH} operators`);
    expect(result.program.statements).toEqual([]);
    expect(parseExpression(new Source("sum", sum(MAX_ARITHMETIC_DEPTH + 2))).diagnostics.map((d) => d.code)).toEqual(["E0124"]);
  });

  it(`compiles arithmetic ${MAX_ARITHMETIC_DEPTH} operators deep and runs it`, async () => {
    const text = `on request_headers when ${sum(MAX_ARITHMETIC_DEPTH + 1)} < 0 set "x" = "\${${sum(MAX_ARITHMETIC_DEPTH + 1)}}"\n`;
    expect(analyze(new Source("deep.fw", text)).diagnostics).toEqual([]);
    const host = await hostFor(text);
    // 8080 - 64 * 8080
    expect(header(host.runStream({}).upstreamRequest!.headers, "x")).toBe(String(8080 - MAX_ARITHMETIC_DEPTH * 8080));
  });
});

describe("scope nesting limit (E0133)", () => {
  const nested = (levels: number) => 'for path prefix "/a" {\n'.repeat(levels) + 'on request_headers set "x" = "in"\n' + "}\n".repeat(levels);

  it("refuses 5,000 nested `for` blocks, which overflowed the parser's stack, with one located error", () => {
    const result = parse(new Source("deep.fw", nested(5000)));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0133"]);
    expect(result.program.statements).toEqual([]);
  });

  it(`compiles blocks ${MAX_SCOPE_NESTING} deep and runs them`, async () => {
    const text = nested(MAX_SCOPE_NESTING);
    // Each inner block repeats its enclosing one's prefix (W0450); nothing else.
    expect(analyze(new Source("deep.fw", text)).diagnostics.map((d) => d.code).filter((c) => c !== "W0450")).toEqual([]);
    const host = await hostFor(text);
    expect(header(host.runStream({ request: { path: "/a/b" } }).upstreamRequest!.headers, "x")).toBe("in");
    expect(header(host.runStream({ request: { path: "/b" } }).upstreamRequest!.headers, "x")).toBeUndefined();
  });
});

describe("file size limit (E0122)", () => {
  it("refuses a file past the limit before lexing it", () => {
    const result = parse(new Source("big.fw", "#".repeat(MAX_FILE_CHARS + 1)));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0122"]);
  });
});

describe("the CLI on adversarial files", () => {
  const dir = tempDir("filterc-limits-");
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it.each([
    ["lint", "250 parentheses", "E0120"],
    ["fmt", "10,000 not", "E0120"],
  ])("%s on %s: exit 1 with a located %s", (command, name, code) => {
    const file = write(`${command}.fw`, tooDeep[name]!);
    const run = runCli([command, file]);
    expect(run.stderr).not.toMatch(/internal error|bug in filterc|call stack/);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(new RegExp(`error\\[${code}\\]: expression nested too deeply[\\s\\S]*${command}\\.fw:1:\\d+`));
  });

  it("lint on a 3,000-term and: exit 1 with E0121", () => {
    const run = runCli(["lint", write("and.fw", rule(comparisons(3000, "and")))]);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("error[E0121]: too many operators in one expression: 5,999");
  });

  it("a 10 MB line with an unterminated string: one short diagnostic, not 20 MB of frame", () => {
    const run = runCli(["lint", write("long-line.fw", `on request_headers set "x" = "${"(".repeat(10 * 1024 * 1024)}\n`)]);
    expect(run.stderr).not.toMatch(/internal error|bug in filterc/);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("error[E0102]: unterminated string");
    expect((run.stdout + run.stderr).length).toBeLessThan(2000);
  }, 120_000);

  it("2 MB of random tokens: the first 100 syntax errors, and the parse stops instead of recovering for minutes", () => {
    const pieces = ["(", ")", "[", "]", '"', "${", "}", "not ", "and ", "#", "\\", "a", " ", "\n", "=", "on "];
    const chosen: string[] = [];
    let seed = 7;
    for (let length = 0; length < 2 * 1024 * 1024; length += chosen[chosen.length - 1]!.length) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      chosen.push(pieces[(seed >>> 16) % pieces.length]!);
    }
    const run = runCli(["lint", write("garbage.fw", chosen.join(""))]);
    expect(run.stderr).not.toMatch(/internal error|bug in filterc/);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("100 problems (100 errors, 0 warnings)");
  }, 120_000);

  it("a 10 MB string literal: lint ends with success", () => {
    const run = runCli(["lint", write("huge-literal.fw", `on request_headers set "x" = "${"a".repeat(10 * 1024 * 1024)}"\n`)]);
    expect(run.stderr).not.toMatch(/internal error|bug in filterc/);
    expect(run.status).toBe(0);
  }, 120_000);
});
