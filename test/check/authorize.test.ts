import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { printProgram } from "../../grammar/printer.js";
import { checkText, located } from "./helpers.js";

const only = (text: string) => {
  const { source, diagnostics } = checkText(text);
  return diagnostics.map((d) => located(source, d).code);
};
const syntaxCodes = (text: string) => parse(new Source("rules.fw", text)).diagnostics.map((d) => d.code);

describe("authorize with CLUSTER", () => {
  it("accepts every clause in order, a param named `authorize`, and `on failure` next to a following `on` statement", () => {
    expect(
      only(
        [
          "param authorize = 1",
          'rule "a" on request_headers authorize with "ext-authz" timeout 50ms on failure allow send headers ["authorization", "cookie"] path "/check${request.path}" copy headers ["x-user-id"]',
          'rule "b" on request_headers when request.path == "/x" authorize with "opa" grpc timeout 1 s on failure deny send headers ["authorization"]',
          'on request_headers when authorize > 0 { redirect "/x" authorize with "c" }',
          'rule "d" shadow on request_headers { set "x-a" = "1"; authorize with "ext-authz" }',
          'on response_headers set "x-b" = "2"',
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("says what is wrong with its syntax: E0160-E0165", () => {
    expect(syntaxCodes('on request_headers authorize with ""')).toEqual(["E0160"]);
    expect(syntaxCodes('on request_headers authorize with "c" timeout 20')).toEqual(["E0161"]);
    expect(syntaxCodes('on request_headers authorize with "c" timeout 20min')).toEqual(["E0161"]);
    expect(syntaxCodes('on request_headers authorize with "c" timeout 61s')).toEqual(["E0161"]);
    expect(syntaxCodes('on request_headers authorize with "c" on failure open')).toEqual(["E0162"]);
    expect(syntaxCodes('on request_headers authorize with "c" on failure')).toEqual(["E0162"]);
    expect(syntaxCodes('on request_headers authorize with "c" send headers [request.path]')).toEqual(["E0163"]);
    expect(syntaxCodes('on request_headers authorize with "c" send headers ["a${request.path}"]')).toEqual(["E0163"]);
    expect(syntaxCodes('on request_headers authorize with "c" send headers ["Authorization"]')).toEqual(["E0164"]);
    expect(syntaxCodes('on request_headers authorize with "c" copy headers [":path", "x y"]')).toEqual(["E0164", "E0164"]);
    expect(syntaxCodes('on request_headers authorize with "c" copy ["x-user-id"]')).toEqual(["E0165"]);
    expect(syntaxCodes('on request_headers authorize "c"')).toHaveLength(1);
  });

  it("says where it cannot stand and which clauses `grpc` refuses: E0286-E0289, E0291", () => {
    expect(only('on request_body authorize with "c"')).toEqual(["E0286"]);
    expect(only('on request_headers { authorize with "c"; set "x-a" = "1" }')).toEqual(["E0287"]);
    expect(only('on request_headers when request.path == "/" { authorize with "c"; deny 403 } else authorize with "d"')).toEqual(["E0287"]);
    expect(only('on request_headers let user = request.header["x-user"]\non request_headers authorize with "c"\non request_headers set "x-u" = user')).toEqual(["E0288"]);
    expect(only('on request_headers authorize with "c" path request.port')).toEqual(["E0289"]);
    expect(only('on request_headers authorize with "c" grpc path "/x"')).toEqual(["E0291"]);
    expect(only('on request_headers authorize with "c" grpc copy headers ["x-user-id"]')).toEqual(["E0291"]);
    // A phase without local replies gets the error every replying action gets.
    expect(only('on response_headers authorize with "c"')).toHaveLength(1);
  });

  it("prints in canonical form", () => {
    const text = 'on request_headers authorize  with "c"  grpc timeout 20 ms on failure allow send headers ["a","b",]';
    const { program } = parse(new Source("rules.fw", text));
    expect(printProgram(program, text)).toBe('on request_headers authorize with "c" grpc timeout 20ms on failure allow send headers ["a", "b"]\n');
  });
});
