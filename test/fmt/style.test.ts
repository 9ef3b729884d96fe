import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fmt } from "./helpers.js";

/** `lines` joined as a file: one line per entry and a final newline. */
const file = (...lines: string[]) => lines.join("\n") + "\n";

/** The expected output, which must also be a fixed point. */
function expectFormat(input: string, expected: string): void {
  expect(fmt(input)).toBe(expected);
  expect(fmt(expected)).toBe(expected);
}

describe("statements", () => {
  it("keeps a one-line rule on one line and normalises spacing", () => {
    expectFormat('on   response_headers\n\tset "hello"="world"', file('on response_headers set "hello" = "world"'));
  });

  it("writes params with spaces around `=`", () => {
    expectFormat("param  max_age=31536000\nparam strict=false", file("param max_age = 31536000", "param strict = false"));
  });

  it("never reorders statements", () => {
    expectFormat('on request_headers stop\nparam x = 1\nrule "a" on request_headers stop', file("on request_headers stop", "param x = 1", 'rule "a" on request_headers stop'));
  });

  it("keeps one empty line where there were several, none where there was none, none at the start", () => {
    expectFormat("\n\nparam a = 1\n\n\n\nparam b = 2\nparam c = 3\n\n", file("param a = 1", "", "param b = 2", "param c = 3"));
  });

  it("prints an empty file as empty", () => {
    expect(fmt("")).toBe("");
    expect(fmt(" \n\n\t\n")).toBe("");
  });

  it("turns CRLF line ends into LF and drops trailing spaces", () => {
    expectFormat("param a = 1   \r\n\r\n# note   \r\nparam b = 2\r\n", file("param a = 1", "", "# note", "param b = 2"));
  });
});

describe("rules", () => {
  const longCondition = 'request.path starts_with "/admin" and not exists(request.header["x-admin-token"])';

  it("puts `when` on the rule's line when the whole rule fits in 100 columns", () => {
    const rule = 'rule "admin" on request_headers when request.path starts_with "/admin" deny 403 "forbidden"';
    expect(rule.length).toBeLessThanOrEqual(100);
    expectFormat(rule.replace(/ when /, "\n   when\n "), file(rule));
  });

  it("otherwise gives the head, the condition and the action a line each", () => {
    expectFormat(
      `rule "admin-token" on request_headers when ${longCondition} respond 401 "missing token"`,
      file('rule "admin-token" on request_headers', `  when ${longCondition}`, '  respond 401 "missing token"'),
    );
  });

  it("moves a long action of a rule without condition to its own line", () => {
    const value = `"max-age=\${hsts_max_age}; includeSubDomains; preload; and-some-more-text"`;
    expectFormat(`rule "hsts" on response_headers set "strict-transport-security" = ${value}`, file('rule "hsts" on response_headers', `  set "strict-transport-security" = ${value}`));
  });

  it("breaks a condition that does not fit before each `or`, indented under `when`; an `and` run only if still too long", () => {
    const fits = `request.path starts_with "/admin/" and not exists(request.header["x-admin-token"])`;
    expectFormat(
      `on request_headers when ${fits} or source.address in blocked_networks deny 403`,
      file("on request_headers", `  when ${fits}`, "    or source.address in blocked_networks", "  deny 403"),
    );
    const tooLong = `request.path starts_with "/admin/internal/tools/" and not exists(request.header["x-admin-token"])`;
    expectFormat(
      `on request_headers when ${tooLong} or source.address in blocked_networks deny 403`,
      file(
        "on request_headers",
        '  when request.path starts_with "/admin/internal/tools/"',
        '    and not exists(request.header["x-admin-token"])',
        "    or source.address in blocked_networks",
        "  deny 403",
      ),
    );
  });

  it("writes blocks with one action per line, two-space indentation and no `;`", () => {
    expectFormat('on request_headers { remove prefix "x-internal-"; rename "x-old" to "x-new"; stop; }', file("on request_headers {", '  remove prefix "x-internal-"', '  rename "x-old" to "x-new"', "  stop", "}"));
  });

  it("keeps the braces of a one-action block and of an empty one", () => {
    expectFormat("on request_headers { stop }", file("on request_headers {", "  stop", "}"));
    expectFormat("on request_headers {\n}", file("on request_headers {}"));
  });

  it("keeps `{` on the `when` line and indents the block under it when the condition has its own line", () => {
    expectFormat(
      `rule "admin-network" on request_headers when ${longCondition} { log warn "refused"\n deny 403 }`,
      file('rule "admin-network" on request_headers', `  when ${longCondition} {`, '    log warn "refused"', "    deny 403", "  }"),
    );
  });

  it("keeps one empty line between actions where there were some", () => {
    expectFormat("on request_headers {\n\n  stop\n\n\n  stop\n  stop\n\n}", file("on request_headers {", "  stop", "", "  stop", "  stop", "}"));
  });
});

describe("expressions", () => {
  it("keeps parentheses as written, and adds none", () => {
    expectFormat("on request_headers when ( a or b ) and not(c) and d == (1) stop", file("on request_headers when (a or b) and not (c) and d == (1) stop"));
  });

  it("writes calls, fields, keys and lists compactly", () => {
    expectFormat('on request_headers when lower ( request . header [ "x-env" ] ) in [ "a" , "b" , ] stop', file('on request_headers when lower(request.header["x-env"]) in ["a", "b"] stop'));
  });

  it("breaks a long list one item per line with a trailing comma", () => {
    const items = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "2001:db8::/32"];
    expectFormat(`param private_networks = [${items.map((i) => `"${i}"`).join(", ")}]`, file("param private_networks = [", ...items.map((i) => `  "${i}",`), "]"));
  });

  it("prints `respond ... with { }` on one line when it fits", () => {
    expectFormat('on response_headers respond 503 "unavailable" with { "retry-after" = "5"; "x-a" = "b" , }', file('on response_headers respond 503 "unavailable" with { "retry-after" = "5", "x-a" = "b" }'));
  });

  it("else one header per line", () => {
    expectFormat(
      'on response_headers when response.status >= 500 respond 503 "the service is unavailable, try later" with { "retry-after" = "5" "cache-control" = "no-store" }',
      file(
        "on response_headers",
        "  when response.status >= 500",
        '  respond 503 "the service is unavailable, try later" with { "retry-after" = "5", "cache-control" = "no-store" }',
      ).replace(
        '  respond 503 "the service is unavailable, try later" with { "retry-after" = "5", "cache-control" = "no-store" }\n',
        file('  respond 503 "the service is unavailable, try later" with {', '    "retry-after" = "5",', '    "cache-control" = "no-store",', "  }"),
      ),
    );
  });

  it("drops an empty `with {}`", () => {
    expectFormat("on request_headers respond 204 with {}", file("on request_headers respond 204"));
  });

  it("writes every action in its canonical form", () => {
    const actions = [
      'set "a" = "1"',
      'add "a" = 2',
      'set_default "a" = true',
      'remove "a"',
      'remove prefix "x-"',
      'rename "a" to "b"',
      'rewrite path "/x"',
      'rewrite prefix "/a/" to "/b/"',
      'set query "page" = "2"',
      'remove query "utm_source"',
      "deny 403",
      'deny 403 "no"',
      "respond 200",
      'respond 200 "ok" with { "a" = "b" }',
      'redirect "/new"',
      'redirect 301 "/new"',
      'log info "hello"',
      "stop",
    ];
    expectFormat(`on request_headers {${actions.join(";")}}`, file("on request_headers {", ...actions.map((a) => `  ${a}`), "}"));
  });
});

describe("strings", () => {
  it.each([
    [String.raw`"\$5 and \u{e9}"`, `"$5 and é"`],
    [String.raw`"say \"hi\" \\ back"`, String.raw`"say \"hi\" \\ back"`],
    [String.raw`"l1\nl2\r"`, String.raw`"l1\nl2\r"`],
    ['"a\tb"', String.raw`"a\tb"`],
    [String.raw`"literal \${x}"`, String.raw`"literal \${x}"`],
    ['"zero\u200bwidth"', String.raw`"zero\u{200B}width"`],
    [String.raw`"nbsp\u{a0}"`, String.raw`"nbsp\u{00A0}"`],
    [String.raw`"\u{1F600}"`, '"😀"'],
    ['"${ request.header[ "x-id" ] }"', '"${request.header["x-id"]}"'],
    ['"a${ lower( "B${request.path}" ) }$"', '"a${lower("B${request.path}")}$"'],
    ['"cost $${ x }"', '"cost $${x}"'],
  ])("%s is written %s", (input, output) => {
    expectFormat(`param s = ${input}`, file(`param s = ${output}`));
  });

  it.each([
    [String.raw`"^/v\d+[.]json$"`, String.raw`"^/v\d+[.]json$"`],
    [String.raw`"\\d"`, String.raw`"\d"`],
    [String.raw`"a\\\\b"`, String.raw`"a\\\\b"`],
    [String.raw`"say \"hi\""`, String.raw`"say \"hi\""`],
    [String.raw`"\\\"x"`, String.raw`"\\\"x"`],
    [String.raw`"\${1}"`, String.raw`"\${1}"`],
    [String.raw`"\\\${2}"`, String.raw`"\\\${2}"`],
  ])("the pattern %s is written %s", (input, output) => {
    expectFormat(`on request_headers when request.path matches ${input} stop`, file(`on request_headers when request.path matches ${output} stop`));
  });
});

describe("comments", () => {
  it("keeps comments before statements, at the end of lines and at the end of the file", () => {
    const text = file("# Security headers", "", "# HSTS", "param max_age = 600 # seconds", "", "on response_headers stop   # done", "", "", "# the end");
    expectFormat(text, file("# Security headers", "", "# HSTS", "param max_age = 600 # seconds", "", "on response_headers stop # done", "", "# the end"));
  });

  it("keeps comments inside blocks, after `{` and before `}`", () => {
    const text = file("on request_headers { # why", "  # first", "  set \"a\" = \"b\" # trailing", "", "  stop", "  # last", "}");
    expectFormat(text, text);
  });

  it("moves a comment that ends the line before `{` after it", () => {
    expectFormat(file("on request_headers when a # why", "{ stop }"), file("on request_headers when a { # why", "  stop", "}"));
  });

  it("keeps comments inside a broken condition, above the operator they introduce", () => {
    const text = file("on request_headers", "  when a # first", "    # about b", "    and b", "  stop");
    expectFormat(text, text);
  });

  it("puts comments above `when` when they were written before it", () => {
    const text = file('rule "x" on request_headers', "  # only for admins", "  when a", "  stop");
    expectFormat(text, text);
  });

  it("keeps comments between list items and header entries, breaking the list", () => {
    expectFormat("param l = [\"a\", # first\n\"b\"]", file("param l = [", '  "a", # first', '  "b",', "]"));
    // A comment anywhere in a rule's one action breaks the rule onto several lines.
    expectFormat('on request_headers respond 200 with { # headers\n "a" = "b" }', file("on request_headers", "  respond 200 with { # headers", '    "a" = "b",', "  }"));
  });

  it("keeps a comment inside an otherwise empty block", () => {
    expectFormat("on request_headers {\n# nothing yet\n}", file("on request_headers {", "  # nothing yet", "}"));
  });

  it("keeps a comment in an odd place next to the same token, on a line of its own", () => {
    // After `deny`, before the status: the status moves to a continuation line.
    expectFormat("on request_headers deny # why\n 403", file("on request_headers", "  deny # why", "    403"));
  });

  it("keeps the text of comments, less trailing white space", () => {
    expectFormat("#!no space\n##  double\n#\non request_headers stop", file("#!no space", "##  double", "#", "on request_headers stop"));
  });
});

describe("docs/fmt.md", () => {
  const doc = readFileSync(new URL("../../docs/fmt.md", import.meta.url), "utf8");
  // Untagged code blocks are rule files, except the command lines.
  const blocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => !block.startsWith("filterc "));

  it.each(blocks)("shows formatted text: %s", (block) => {
    expect(fmt(block)).toBe(block);
  });
});

describe("else branches", () => {
  it("keeps a rule with one-action branches on one line when it fits", () => {
    expectFormat('on request_headers when request.path == "/" deny 403   else   set "x" = "1"', file('on request_headers when request.path == "/" deny 403 else set "x" = "1"'));
  });

  it("puts each branch on its own indented line when the rule does not fit", () => {
    const long = 'on request_headers when request.path starts_with "/a/very/long/path" deny 403 else when request.path == "/b" deny 404 else set "x-other" = "1"';
    expectFormat(long, file('on request_headers when request.path starts_with "/a/very/long/path" deny 403', '  else when request.path == "/b" deny 404', '  else set "x-other" = "1"'));
  });

  it("writes `} else {` after a block", () => {
    expectFormat(
      'rule "r" on request_headers when request.path == "/a" { set "x" = "a" }\nelse when request.path == "/b" { set "x" = "b" } else { set "x" = "c"; log info "c" }',
      file('rule "r" on request_headers when request.path == "/a" {', '  set "x" = "a"', '} else when request.path == "/b" {', '  set "x" = "b"', "} else {", '  set "x" = "c"', '  log info "c"', "}"),
    );
  });

  it("indents a block branch that follows a one-action branch", () => {
    expectFormat('on request_headers when request.path == "/a" deny 403 else { set "x" = "c" }', file('on request_headers when request.path == "/a" deny 403', "  else {", '    set "x" = "c"', "  }"));
  });

  it("keeps comments between branches", () => {
    expectFormat(
      'on request_headers when request.path == "/a" {\n  set "x" = "a" # a\n}\n# before the else\nelse { # in\n  set "x" = "b"\n}',
      file('on request_headers when request.path == "/a" {', '  set "x" = "a" # a', "}", "# before the else", "else { # in", '  set "x" = "b"', "}"),
    );
  });
});
