import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** Security property (issue 13): `filterc init` never writes outside its target directory. */
describe("filterc init into a folder holding a symbolic link", () => {
  it.each([[[] as string[]], [["--force"]]])("refuses a linked .github with %j, writing nothing anywhere", (extra) => {
    const dir = join(tempDir("filterc-init-"), "project");
    const elsewhere = tempDir("filterc-elsewhere-");
    mkdirSync(dir);
    symlinkSync(elsewhere, join(dir, ".github"));

    const run = runCli(["init", dir, "--yes", ...extra]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(dir, ".github")} is a symbolic link (to ${elsewhere}); init writes only inside ${dir}`);
    expect(run.stderr).not.toContain("bug in filterc");
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(dir)).toEqual([".github"]);
  });
});
