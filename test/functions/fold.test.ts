import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../compiler/functions/registry.js";
import { ruleTester } from "../lint/helpers.js";

/** Lint's constant folding of the string functions (FunctionDefinition.fold): bytes, as the runtime counts them. */
const fold = (name: string, ...args: Array<string | number>) => FUNCTIONS.get(name)!.fold!(args);

describe("folding string functions on constants", () => {
  it("counts bytes, not characters", () => {
    expect(fold("size", "")).toBe(0);
    expect(fold("size", "é😀")).toBe(6);
  });

  it("slices and searches as the runtime does", () => {
    expect(fold("trim_prefix", "/old/x", "/old/")).toBe("x");
    expect(fold("trim_prefix", "/x", "/old/")).toBe("/x");
    expect(fold("trim_suffix", "a.json", ".json")).toBe("a");
    expect(fold("substring", "abcdef", 2)).toBe("cdef");
    expect(fold("substring", "abcdef", -2)).toBe("ef");
    expect(fold("substring", "abcdef", 1, 100)).toBe("bcdef");
    expect(fold("substring", "abcdef", 1, -1)).toBe("");
    expect(fold("substring", "abc", 9)).toBe("");
    expect(fold("split_first", "a:b:c", ":")).toBe("a");
    expect(fold("split_last", "a:b:c", ":")).toBe("c");
    expect(fold("split_last", "abc", ":")).toBe("abc");
    expect(fold("replace", "aaa", "aa", "b")).toBe("ba");
    expect(fold("upper", "aé-z")).toBe("Aé-Z");
    expect(fold("url_encode", "a b/é~")).toBe("a%20b%2F%C3%A9~");
    expect(fold("url_decode", "a%20b+%C3%A9")).toBe("a b+é");
  });

  it("gives up where the value has no text or is absent", () => {
    // A cut inside é, and a malformed escape (the call is absent).
    expect(fold("substring", "é", 0, 1)).toBeUndefined();
    expect(fold("url_decode", "%zz")).toBeUndefined();
    expect(fold("url_decode", "%C3")).toBeUndefined();
  });
});

ruleTester("no-constant-condition", {
  valid: [
    'on request_headers when size(request.header["cookie"]) > 8192 deny 431',
    'on request_headers when trim_prefix(request.path, "/a") == "/b" deny 403',
    'on request_headers when url_decode("%zz") == "x" deny 403',
  ],
  invalid: [
    { code: 'on request_headers when size("abc") == 3 deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: 'on request_headers when split_first("a:b", ":") == "b" deny 403', errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    { code: 'on request_headers when upper(replace("a-b", "-", "_")) == "A_B" deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
  ],
});

/** A credential's size tells how long it is, not what it is; a part of it is still the credential. */
ruleTester("no-sensitive-log", {
  valid: ['on request_headers log info "token bytes: ${size(request.header["authorization"])}"'],
  invalid: [
    {
      code: 'on request_headers log info "token ${substring(request.header["authorization"], 0, 12)}"',
      errors: [{ messageId: "sensitive", line: 1, column: 48 }],
    },
  ],
});
