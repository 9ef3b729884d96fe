import { describe, expect, it } from "vitest";
import { fmt } from "./helpers.js";

/** `for host` / `for host suffix` / `for path prefix` blocks in `filterc fmt` (grammar/printer.ts `scope`). */

const file = (...lines: string[]) => lines.join("\n") + "\n";

function expectFormat(input: string, expected: string): void {
  expect(fmt(input)).toBe(expected);
  expect(fmt(expected)).toBe(expected);
}

describe("scopes", () => {
  it("indent their rules and nested blocks one level per block, with `{` on the head line", () => {
    expectFormat(
      'for   host "a.example"{on request_headers set "x" = "1"\nfor path   prefix "/p/" {\non request_headers deny 403}}',
      file('for host "a.example" {', '  on request_headers set "x" = "1"', '  for path prefix "/p/" {', "    on request_headers deny 403", "  }", "}"),
    );
  });

  it("break a long rule inside a block at the block's indentation", () => {
    const long = `on request_headers when request.header["x-a-rather-long-header-name"] == "some value" and request.method == "POST" deny 403`;
    expectFormat(
      `for host suffix ".example.com" { ${long} }`,
      file(
        'for host suffix ".example.com" {',
        "  on request_headers",
        '    when request.header["x-a-rather-long-header-name"] == "some value" and request.method == "POST"',
        "    deny 403",
        "}",
      ),
    );
  });

  it("keep blank lines between rules and comments inside, and print an empty block as {}", () => {
    expectFormat(
      'for host "a.example" { # about a\n  on request_headers stop\n\n\n  # last\n  on request_headers stop\n}\nfor path prefix "/x" {   }',
      file('for host "a.example" {', "  # about a", "  on request_headers stop", "", "  # last", "  on request_headers stop", "}", 'for path prefix "/x" {}'),
    );
  });

  it("keep comments written inside the head, before it", () => {
    expectFormat('for # why\nhost "a.example" {\n  on request_headers stop\n}', file("# why", 'for host "a.example" {', "  on request_headers stop", "}"));
  });
});
