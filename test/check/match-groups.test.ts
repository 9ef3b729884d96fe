import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectOne } from "./helpers.js";

const rule = (condition: string, action = 'set "x-id" = match[1]') => `on request_headers when ${condition} ${action}`;
/** The 1-based column of the last `match[` (E0250) or of the key after it (E0251) in a one-line text. */
const matchColumn = (text: string) => text.lastIndexOf("match[") + 1;
const keyColumn = (text: string) => text.lastIndexOf("match[") + 7;

describe("match[N]", () => {
  it("reads a group of the one `matches` of the condition, in every action of the rule", () => {
    const text = `on request_headers when request.path matches "^/old/(.*)$" and request.method == "GET" {
  log info "moved \${match[0]}"
  redirect 301 "/new/\${match[1]}"
}`;
    expectClean(text);
    const { checked } = checkText(text);
    const [source] = [...checked.matchSources.values()];
    expect(source?.groups).toBe(1);
    expect([...checked.matchGroups.values()].map((g) => g.index)).toEqual([0, 1]);
  });

  it("is read in the rule's own branch, and refused in its else branches (E0250)", () => {
    expectClean('on request_headers when request.path matches "^/a/(.*)$" set "x-id" = match[1] else set "x-id" = "none"');
    const text = 'on request_headers when request.path matches "^/a/(.*)$" set "x-id" = match[1] else set "x-id" = match[1]';
    const d = expectOne(text, "E0250", 1, matchColumn(text));
    expect(d.message).toContain("`else` branch");
  });

  it("is refused in on local_reply rules (E0250)", () => {
    const text = 'on local_reply when request.path matches "^/a/(.*)$" set "x-id" = match[1]';
    expect(expectOne(text, "E0250", 1, matchColumn(text)).message).toContain("local_reply");
  });

  it("is a string: it can be compared, interpolated, lower-cased", () => {
    expectClean(rule('request.header["x-v"] matches "^v(\\\\d+)$"', 'set "x-v" = lower(match[1])'));
  });

  it("is refused without a condition (E0250)", () => {
    const d = expectOne('on request_headers set "x" = match[1]', "E0250", 1, 30);
    expect(d.message).toBe("`match` cannot be used here: the rule has no condition");
  });

  it("is refused when the condition has no `matches` (E0250)", () => {
    const d = expectOne(rule('request.path starts_with "/a"'), "E0250", 1, matchColumn(rule('request.path starts_with "/a"')));
    expect(d.message).toContain("the rule's condition has no `matches`");
  });

  it("is refused when the condition has several `matches` (E0250)", () => {
    const d = expectOne(rule('request.path matches "^/(a)" and request.host matches "(b)"'), "E0250", 1, matchColumn(rule('request.path matches "^/(a)" and request.host matches "(b)"')));
    expect(d.message).toContain("has 2 `matches`, and `match` cannot tell which one it means");
  });

  it.each([
    'request.path matches "^/(a)" or request.method == "GET"',
    'not (request.path matches "^/(a)")',
    '(request.path matches "^/(a)") == true',
  ])("is refused when the `matches` may not have matched: %s (E0250)", (condition) => {
    const d = expectOne(rule(condition), "E0250", 1, matchColumn(rule(condition)));
    expect(d.message).toContain("under `or` or `not`");
  });

  it("is refused in the condition itself (E0250)", () => {
    const text = 'on request_headers when request.path matches "^/(a)" and match[1] == "a" deny 403';
    const d = expectOne(text, "E0250", 1, matchColumn(text));
    expect(d.message).toContain("only the rule's actions can read it");
  });

  it("is refused in a param's value, as any non-literal (E0212)", () => {
    const { diagnostics } = checkText('param p = match[1]\non request_headers set "x" = p');
    expect(diagnostics.map((d) => d.code)).toContain("E0212");
  });

  it("refuses a group number past the pattern's groups (E0251)", () => {
    const d = expectOne(rule('request.path matches "^/(a)(?:b)"', 'set "x" = match[2]'), "E0251", 1, keyColumn(rule('request.path matches "^/(a)(?:b)"', 'set "x" = match[2]')));
    expect(d.message).toBe("`match[2]` does not exist: the pattern has 1 capturing group");
    expect(d.hint).toContain("`match[0]` (the whole match) to `match[1]`");
  });

  it("allows match[0] of a pattern without groups, and refuses match[1] with a hint to add one", () => {
    expectClean(rule('request.path matches "^/a"', 'set "x" = match[0]'));
    const d = expectOne(rule('request.path matches "^/a"', 'set "x" = match[1]'), "E0251", 1, keyColumn(rule('request.path matches "^/a"', 'set "x" = match[1]')));
    expect(d.message).toContain("the pattern has no capturing groups");
  });

  it("refuses a group number that is not a literal whole number (E0251)", () => {
    const d = expectOne(rule('request.path matches "^/(a)"', 'set "x" = match["1"]'), "E0251", 1, keyColumn(rule('request.path matches "^/(a)"', 'set "x" = match["1"]')));
    expect(d.message).toBe("the group number of `match` must be a literal whole number");
  });

  it("refuses a pattern too large for groups at the pattern, once per rule (E0318)", () => {
    const pattern = "^/(a)(b)(c)(d)(e)(f)(g)(h)/(.{1,200})$";
    const d = expectOne(`on request_headers when request.path matches "${pattern}" { set "x" = match[1]\n set "y" = match[2] }`, "E0318", 1, 46);
    expect(d.message).toContain("too large to take `match[N]` groups from");
    // The same pattern is fine for a rule that reads no group.
    expectClean(`on request_headers when request.path matches "${pattern}" deny 403`);
  });

  it("does not report `match` again when the pattern itself is wrong", () => {
    const { diagnostics } = checkText(rule('request.path matches "^/(a"'));
    expect(diagnostics.map((d) => d.code)).toEqual(["E0301"]);
  });
});
