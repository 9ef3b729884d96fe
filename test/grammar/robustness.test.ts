import { describe, expect, it } from "vitest";
import { parse, type Node } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";

const SAMPLE = `# headers
param max_age = 31536000
param blocked = ["10.0.0.0/8", "192.168.1.7"]
rule "hsts" on response_headers set "strict-transport-security" = "max-age=\${max_age}"
rule "admin" on request_headers when request.path starts_with "/admin" and not exists(request.header["x-token"]) {
  log warn "blocked \${request.path} from \${source.address}"
  deny 403 "forbidden"
}
on request_headers when request.path matches "^/v\\d+/old" or source.address in blocked redirect 301 "/new"
on response_headers when response.status >= 500 respond 503 "unavailable" with { "retry-after" = "5"; "x-a" = "b", }
on request_headers { remove prefix "x-internal-"; rename "x-old" to "x-new"; rewrite prefix "/api/" to "/v2/"; stop }
`;

/** A small deterministic PRNG (mulberry32), so a failure reproduces from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts, duplicates and splices pieces of the sample: mostly-valid text with realistic damage. */
function mutate(seed: number): string {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  let text = SAMPLE;
  const edits = 1 + pick(4);
  for (let i = 0; i < edits; i++) {
    const at = pick(text.length);
    const length = 1 + pick(12);
    switch (pick(4)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + length);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + ['"', "{", "}", "(", "[", "${", "\\", "'", "==", "not", "\n"][pick(11)] + text.slice(at);
        break;
      default: {
        const from = pick(text.length);
        text = text.slice(0, at) + text.slice(from, from + length) + text.slice(at);
      }
    }
  }
  return text;
}

/** Every node reachable from the program, with the spans of nested parts. */
function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (value !== null && typeof value === "object") {
    if ("kind" in value) yield value as Node;
    for (const child of Object.values(value)) yield* nodes(child);
  }
}

describe("damaged input", () => {
  it.each(Array.from({ length: 200 }, (_, i) => i + 1))("seed %i: no throw, spans inside the file, diagnostics sorted", (seed) => {
    const text = mutate(seed);
    const { program, diagnostics } = parse(new Source("fuzz.fw", text));
    for (const node of nodes(program)) {
      expect(node.span.start).toBeGreaterThanOrEqual(0);
      expect(node.span.end).toBeGreaterThanOrEqual(node.span.start);
      expect(node.span.end).toBeLessThanOrEqual(text.length);
      expect(Number.isInteger(node.span.start) && Number.isInteger(node.span.end)).toBe(true);
    }
    for (const d of diagnostics) {
      expect(d.code).toMatch(/^E01\d\d$/);
      expect(d.span.start).toBeLessThanOrEqual(d.span.end);
      expect(d.span.end).toBeLessThanOrEqual(text.length);
    }
    const starts = diagnostics.map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("parses the undamaged sample cleanly", () => {
    expect(parse(new Source("sample.fw", SAMPLE)).diagnostics).toEqual([]);
  });

  it.each([
    ["an empty file", ""],
    ["only comments and blank lines", "# a\n\n   # b\n"],
    ["a byte order mark", "\uFEFFon request_headers stop"],
    ["CRLF line endings", 'on request_headers {\r\n  set "a" = "b" # c\r\n  stop\r\n}\r\n'],
  ])("accepts %s", (_, text) => {
    const { program, diagnostics } = parse(new Source("edge.fw", text));
    expect(diagnostics).toEqual([]);
    expect(program.span).toEqual({ start: 0, end: text.length });
    for (const comment of program.comments) expect(comment.text).not.toMatch(/\r/);
  });
});
