import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** The string functions through the `filterc` process: diagnostics for bad calls, explain, and a run. */
describe("filterc and the string functions", () => {
  it("refuses a computed or empty search text with a located diagnostic and a hint, and writes nothing", () => {
    const dir = tempDir();
    const file = join(dir, "rules.fw");
    writeFileSync(file, 'param sep = "/"\non request_headers set "a" = split_first(request.host, sep)\non request_headers set "b" = replace(request.path, "", "x")\n');
    const result = runCli(["build", file, "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0260]: the `sep` of `split_first` must be a string literal, not `sep`");
    expect(result.stderr).toContain("rules.fw:2:56");
    expect(result.stderr).toContain("error[E0261]: the `from` of `replace` is empty");
    expect(result.stderr).toContain("rules.fw:3:52");
    expect(result.stderr).toMatch(/\^\^\^/);
    expect(result.stderr).toContain("hint: write the text to look for");
    expect(result.stderr).not.toMatch(/internal error|    at /);
  });

  it("explains E0260 and E0261", () => {
    for (const code of ["E0260", "E0261"]) {
      const result = runCli(["explain", code]);
      expect(result.status, code).toBe(0);
      expect(result.stdout).toContain(`${code}: `);
      expect(result.stdout).toContain("Incorrect:");
    }
  });

  it("runs a prefix redirect built from trim_prefix", () => {
    const dir = tempDir();
    const file = join(dir, "rules.fw");
    writeFileSync(file, 'on request_headers when request.path starts_with "/old/" redirect 301 "/new/${trim_prefix(request.path, "/old/")}"\n');
    const result = runCli(["run", file, "--request", "GET /old/x/y?z=1"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("location: /new/x/y?z=1");
  });
});
