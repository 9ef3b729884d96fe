import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// The examples are what users copy: they must be clean under the project's own tools.
describe("examples/", () => {
  it("lint clean with no warnings", () => {
    const result = runCli(["lint", "--max-warnings", "0", "examples"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("are formatted", () => {
    const result = runCli(["fmt", "--check", "examples"]);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});
