import { describe, expect, it } from "vitest";
import { errorsOf, parseOk, rendered, textAt } from "./helpers.js";

describe("`rule \"name\" shadow on ...`", () => {
  it("parses to a rule marked shadow, the keyword's span kept", () => {
    const text = 'rule "new-block" shadow on request_headers deny 403';
    const rule = parseOk(text).statements[0];
    expect(rule?.kind === "Rule" && rule.shadow !== undefined && textAt(text, rule.shadow.span)).toBe("shadow");
    const plain = parseOk('rule "old" on request_headers deny 403').statements[0];
    expect(plain?.kind === "Rule" && plain.shadow).toBeUndefined();
  });

  it("refuses a shadow rule without a name (E0142), saying why", () => {
    expect(errorsOf('shadow on request_headers deny 403')).toEqual(["E0142 1:1 only a named rule can be shadowed"]);
    expect(rendered('shadow on request_headers deny 403')).toContain('hint: name it: `rule "new-block" shadow on ...`');
  });

  it("takes `shadow` only between the name and `on`", () => {
    expect(errorsOf('rule "a" on shadow request_headers deny 403')).toEqual(["E0114 1:13 `shadow` is a keyword and cannot be a phase"]);
    expect(errorsOf('rule shadow "a" on request_headers deny 403')[0]).toBe("E0113 1:6 expected the rule name in double quotes after `rule`, found `shadow`");
    expect(errorsOf('rule "a" shadow request_headers deny 403')).toEqual(["E0113 1:17 expected `on` and a phase after the rule name, found `request_headers`"]);
    expect(rendered('rule "a" shadwo on request_headers deny 403')).toContain('hint: did you mean `shadow`? rule "name" shadow on request_headers deny 403');
    expect(rendered('rule "a" on request_headers shadow deny 403')).toContain("hint: `shadow` goes between the rule's name and `on`");
    // A keyword: no param can take the name.
    expect(errorsOf("param shadow = 1")[0]).toBe("E0114 1:7 `shadow` is a keyword and cannot be a param name");
  });
});
