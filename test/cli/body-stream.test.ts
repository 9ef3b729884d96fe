import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** `filterc build` says which body phases stream and which hold their body (docs/language.md, "Streaming or holding a body"). */
describe("filterc build and body phases", () => {
  it("prints one line per body phase with rules: streams, or holds and why; nothing for a program without body rules", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "bodies.fw"),
      'rule "seen" on request_body when request.body contains "x" log info "x"\nrule "echo" on response_body when response.body == "ping" log info "pong"\n',
    );
    writeFileSync(join(dir, "headers.fw"), 'on request_headers when request.path == "/x" deny 403\n');
    const build = (name: string) => {
      const result = runCli(["build", join(dir, `${name}.fw`), "-o", join(dir, `out-${name}`)]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      return result.stdout.split("\n").filter((line) => line.includes("_body"));
    };
    expect(build("bodies")).toEqual([
      "  request_body streams: its rules only detect, so each chunk goes on at once (maxBody does not apply)",
      '  response_body holds the body (at most maxBody): rule "echo" at bodies.fw:2: it uses the body other than in contains, starts_with, ends_with, matches with a literal, or size()',
    ]);
    expect(build("headers")).toEqual([]);
  });
});
