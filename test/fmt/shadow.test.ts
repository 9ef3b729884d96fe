import { describe, expect, it } from "vitest";
import { fmt } from "./helpers.js";

describe("fmt of shadow rules", () => {
  it("writes `shadow` after the name, one space either side, and keeps comments around it", () => {
    expect(fmt('rule   "a"\tshadow   on request_headers deny 403\n')).toBe('rule "a" shadow on request_headers deny 403\n');
    expect(fmt('# new\nrule "a" shadow on request_headers when request.path == "/x" {\n      deny 403\n}\n')).toBe('# new\nrule "a" shadow on request_headers when request.path == "/x" {\n  deny 403\n}\n');
  });
});
