import { describe, expect, it } from "vitest";
import type { IToken } from "chevrotain";
import { parse } from "../../grammar/index.js";
import { lex } from "../../grammar/lexer.js";
import { parseTokens } from "../../grammar/parser.js";
import { Source } from "../../grammar/source.js";
import { statementChunks, STATEMENTS_PER_CHUNK } from "../../grammar/statement-chunks.js";
import { errorsOf, parsedWhole } from "./helpers.js";

/** Statements of every kind a chunk boundary could fall next to: params, named and unnamed rules, blocks, `else`. */
function statementText(i: number): string {
  switch (i % 6) {
    case 0:
      return `param p${i} = ["/a${i}", "/b${i}"]`;
    case 1:
      return `rule "r${i}" on request_headers when request.path starts_with "/p${i}" {\n  log info "rule ${i}: \${request.path}"\n  deny 403\n}`;
    case 2:
      return `on request_headers when request.header["x-rule"] == "${i}" set "x-seen" = "${i}" # ${i}`;
    case 3:
      return `rule "r${i}" on request_headers when request.path in p${i - 3} deny 404 else when request.path == "/x" set "x" = "y" else stop`;
    case 4:
      return `on response_headers when response.status >= 500 respond 503 "down" with { "retry-after" = "${i % 60}" }`;
    default:
      return `rule "r${i}" on request_headers when (request.path matches "^/v${i}/[0-9]+$" or source.address in ["10.${i % 256}.0.0/16"]) redirect 301 "/new"`;
  }
}

const bigFile = (count: number) => Array.from({ length: count }, (_, i) => statementText(i)).join("\n");

describe("parsing a large file a run of statements at a time", () => {
  it("gives the statements of one parse of the whole file", () => {
    const text = bigFile(2 * STATEMENTS_PER_CHUNK + 17);
    const chunks = statementChunks(lex(text).tokens);
    expect(chunks?.length).toBeGreaterThan(1);
    const { program, diagnostics } = parse(new Source("big.fw", text));
    expect(diagnostics).toEqual([]);
    expect(program.statements).toHaveLength(2 * STATEMENTS_PER_CHUNK + 17);
    expect(program.statements).toEqual(parsedWhole(text));
  });

  it("cuts only before `rule` or `param` outside brackets, and keeps every token", () => {
    const text = bigFile(2 * STATEMENTS_PER_CHUNK + 5);
    const tokens = lex(text).tokens;
    const chunks = statementChunks(tokens)!;
    expect(chunks.flat()).toEqual(tokens);
    for (const chunk of chunks.slice(1)) expect(["Rule", "Param"]).toContain(chunk[0]!.tokenType.name);
  });

  it("leaves a small file whole", () => {
    expect(statementChunks(lex(bigFile(STATEMENTS_PER_CHUNK)).tokens)).toBeUndefined();
  });

  it("reports a syntax error deep in a large file as a parse of the whole file does", () => {
    const lines = bigFile(2 * STATEMENTS_PER_CHUNK + 40).split("\n");
    // A missing `}` in the middle: recovery decides how far the block reaches, which a run cut short would change.
    const broken = lines.findIndex((line, i) => i > lines.length / 2 && line.trim() === "}");
    const text = [...lines.slice(0, broken), ...lines.slice(broken + 1)].join("\n");
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    const lexed = lex(text);
    const whole = parseTokens(lexed.tokens as IToken[], "program");
    expect(whole.errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(new RegExp(`^E\\d+ ${broken + 1}:`));
  });
});
