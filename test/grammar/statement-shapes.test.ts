import { describe, expect, it } from "vitest";
import { MAX_DIAGNOSTICS, parse } from "../../grammar/index.js";
import { astBuilder } from "../../grammar/build-ast.js";
import type { ProgramCstNode } from "../../grammar/cst.js";
import { lex } from "../../grammar/lexer.js";
import { scanNesting } from "../../grammar/limits.js";
import { Source } from "../../grammar/source.js";
import { statementChunks, STATEMENTS_PER_CHUNK } from "../../grammar/statement-chunks.js";
import { MAX_SHAPES, StatementShapes } from "../../grammar/statement-shapes.js";
import { parsedWhole } from "./helpers.js";

/** Parses each statement run of `text` through one StatementShapes, as a large file's parse does. */
function throughShapes(text: string): { shapes: StatementShapes; statements: unknown[] } {
  const lexed = lex(text);
  const levels = scanNesting(lexed.tokens, 0, 0).stringLevels;
  const shapes = new StatementShapes();
  const statements = statementChunks(lexed.tokens, 1)!.flatMap((run) => astBuilder.buildProgram(shapes.parse(run) as ProgramCstNode, [], levels));
  return { shapes, statements };
}

/** Pairs of statements that differ only where the parser looks at words: each must get its own parse. */
const lookalikes = [
  // `any` is the word of `contains any LIST` only before an operand.
  'rule "a" on request_headers when request.path contains any blocked deny 403',
  'rule "b" on request_headers when request.path contains anyx deny 403',
  // After a limit's unit, the clause word decides what follows: `burst N`, `by EXPR`, `via "CLUSTER"`.
  'rule "c" on request_headers limit 10 per minute burst 5',
  'rule "d" on request_headers limit 10 per minute by 5',
  'rule "k" on request_headers limit 10 per day via "rl"',
  'rule "l" on request_headers limit 10 per day by "rl"',
  // An identifier spelt like a token name must not pass for a string or a number.
  'rule "e" on request_headers when request.path == StringLiteral deny 403',
  'rule "f" on request_headers when request.path == "StringLiteral" deny 403',
  'rule "g" on request_headers when response.status == IntLiteral deny 403',
  'rule "h" on request_headers when response.status == 404 deny 403',
  // `count "m" by X only [...]` and `count "m" by X limit N` differ by one word.
  'rule "i" on request_headers count "m" by request.method only ["GET"]',
  'rule "j" on request_headers count "m" by request.method limit 5',
];

describe("statements of the same shape share one parse", () => {
  it("a generated file parses each shape once and copies it for the rest, to the AST of one whole parse", () => {
    const kinds = [
      (i: number) => `rule "p-${i}" on request_headers when request.path starts_with "/svc-${i}/" deny 403 "gone\\n"`,
      (i: number) => `rule "h-${i}" on request_headers when request.header["x-t"] == "t-${i}" { set "x-pool" = "pool-\${request.path}-${i}"; log info "${i}" }`,
      (i: number) => `rule "r-${i}" on request_headers when request.path matches "^/v${i}/[0-9]+$" redirect 301 "/items" else deny ${400 + (i % 100)}`,
      (i: number) => `rule "c-${i}" on request_headers when source.address in ["10.${i % 256}.0.0/16", "2001:db8:${i.toString(16)}::/48"] deny 403`,
    ];
    // Names are part of a shape (the parser tests some words): a param of its own name is a shape of its own.
    const params = ['param p1 = ["10.0.0.0/8"]', 'param p2 = ["10.1.0.0/16"]'];
    const text = [...params, ...Array.from({ length: 1000 }, (_, i) => kinds[i % kinds.length]!(i))].join("\n");
    const { shapes, statements } = throughShapes(text);
    expect(shapes.misses).toBe(params.length + kinds.length);
    expect(shapes.hits).toBe(1000 - kinds.length);
    expect(statements).toEqual(parsedWhole(text));
  });

  it("statements that differ in a word the parser tests are parsed apart, each as a whole parse does", () => {
    const text = [...lookalikes, ...lookalikes.map((line) => line.replace(/"(\w)"/, '"$1-again"'))].join("\n");
    const { shapes, statements } = throughShapes(text);
    expect(shapes.misses).toBe(lookalikes.length);
    expect(shapes.hits).toBe(lookalikes.length);
    expect(statements).toEqual(parsedWhole(text));
  });

  it("keeps at most MAX_SHAPES templates: a file of all-different statements still parses to the whole parse", () => {
    // Each rule reads a param of another name, so no two share a shape; the last is shaped like the first.
    const text = [...Array.from({ length: MAX_SHAPES + 20 }, (_, i) => `rule "r${i}" on request_headers set "x" = v${i}`), 'rule "again" on request_headers set "y" = v0'].join("\n");
    const { shapes, statements } = throughShapes(text);
    expect(shapes.misses).toBe(MAX_SHAPES + 20);
    // The first shape was kept, so the last rule copies it.
    expect(shapes.hits).toBe(1);
    expect(statements).toEqual(parsedWhole(text));
  });

  it("a large file's parse is unchanged: statements, spans, string diagnostics and comments", () => {
    const rules = Array.from({ length: STATEMENTS_PER_CHUNK + 50 }, (_, i) => `rule "r${i}" on request_headers when request.path == "/a${i}" set "x-a" = "\\q${i}" # note ${i}`);
    const text = rules.join("\n");
    const { program, diagnostics } = parse(new Source("big.fw", text));
    expect(program.statements).toEqual(parsedWhole(text));
    expect(program.comments).toHaveLength(rules.length);
    // Every rule has the same malformed escape: each is reported at its own line, not the template's (the first
    // MAX_DIAGNOSTICS of them).
    const source = new Source("big.fw", text);
    expect(diagnostics.map((d) => `${d.code} ${source.position(d.span.start).line}`)).toEqual(
      Array.from({ length: MAX_DIAGNOSTICS }, (_, i) => `${diagnostics[0]!.code} ${i + 1}`),
    );
  });
});
