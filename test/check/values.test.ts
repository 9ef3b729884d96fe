import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("line breaks and NUL in header text (E0405)", () => {
  it("allows them in bodies and log messages", () => {
    expectClean('on request_headers { log info "a\\nb"; deny 403 "line one\\nline two" }');
  });

  it("refuses them in header values, redirect locations and paths", () => {
    const d = expectOne('on response_headers set "x-note" = "a\\nb"', "E0405", 1, 36);
    expect(d.message).toBe("a header value cannot contain a line feed (\\n)");
    expect(expectOne('on request_headers redirect 301 "/x\\r\\n"', "E0405", 1, 33).message).toBe(
      "a redirect location cannot contain a carriage return (\\r)",
    );
    expectOne('on request_headers rewrite prefix "/a\\n" to "/b"', "E0405", 1, 35);
    expectOne('on request_headers respond 200 with { "x-a" = "\\r" }', "E0405", 1, 47);
  });

  it("checks the constant parts of a template", () => {
    const d = expectOne('on request_headers set "x-a" = "a${request.path}\\u{0}"', "E0405", 1, 49);
    expect(d.message).toBe("a header value cannot contain a NUL character (\\0)");
  });
});

describe("lists as text (E0406)", () => {
  it("accepts ints and bools as text", () => {
    expectClean('param n = 3\nparam b = true\non response_headers { set "x-a" = n; set "x-b" = b; set "x-c" = response.status; log info n }');
  });

  it("refuses a list param where text is expected", () => {
    const diagnostics = expectDiagnostics('param l = ["a"]\non request_headers { set "x-a" = l; deny 403 l; log info l }', [
      { code: "E0406", line: 2, column: 34 },
      { code: "E0406", line: 2, column: 46 },
      { code: "E0406", line: 2, column: 58 },
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "`l` is a list, which cannot be used as a header value",
      "`l` is a list, which cannot be used as a body",
      "`l` is a list, which cannot be used as a log message",
    ]);
  });
});

describe("IP addresses and ranges after `source.address in` (E0407, W0401)", () => {
  it("accepts IPv4, IPv6, addresses and ranges", () => {
    expectClean('on request_headers when source.address in ["10.0.0.0/8", "192.168.1.7", "::1", "2001:db8::/32", "::ffff:10.0.0.0/104"] deny 403');
  });

  it("reports each bad literal item precisely", () => {
    const diagnostics = expectDiagnostics('on request_headers when not (source.address in ["10.0.0.0/33", "10.0.0.0/8", "192.168.1"]) deny 403', [
      { code: "E0407", line: 1, column: 49 },
      { code: "E0407", line: 1, column: 78 },
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '"10.0.0.0/33" is not an IP address or CIDR range: the prefix length /33 is longer than the 32 bits of an IPv4 address',
      '"192.168.1" is not an IP address or CIDR range: an IPv4 address has 4 numbers separated by dots, this has 3',
    ]);
  });

  it("checks a list param's items where they are declared, once", () => {
    expectDiagnostics('param allowed = ["10.0.0.0/8", "10.0.0.300"]\non request_headers when source.address in allowed deny 403\non response_headers when source.address in allowed deny 403', [
      { code: "E0407", line: 1, column: 32 },
    ]);
  });

  it("does not treat other fields' lists as addresses", () => {
    expectClean('on request_headers when request.host in ["not an ip"] deny 403');
  });

  it("warns about host bits past the prefix", () => {
    const { diagnostics } = checkText('on request_headers when source.address in ["10.1.2.3/8", "2001:db8::1/32"] deny 403');
    expect(diagnostics.map((d) => [d.code, d.severity, d.hint])).toEqual([
      ["W0401", "warning", 'write the network address: "10.0.0.0/8"'],
      ["W0401", "warning", 'write the network address: "2001:db8::/32"'],
    ]);
  });
});
