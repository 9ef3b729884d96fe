import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "../support/paths.js";
import { runCli, tempDir } from "../support/cli.js";

const NAMES = ["filter.wasm", "filter.map.json", "envoyfilter.yaml", "wasmplugin.yaml", "envoy.yaml"];
const USER_FILE = "notes.txt";

/** What a folder holds, by name: a file's text, or a folder's entries. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return [entry.name, entry.isDirectory() ? `folder: ${readdirSync(path).sort().join(", ")}` : readFileSync(path, "latin1")];
    }),
  );
}

/** Runs the output writer (or its repair) in a child process, killed with SIGKILL before its step `killAt`. */
function runWriter(call: string, dir: string, killAt?: number): { signal: NodeJS.Signals | null; status: number | null; stderr: string } {
  const moduleUrl = pathToFileURL(join(repoRoot, "dist/compiler/atomic-write.js")).href;
  const kill = killAt === undefined ? "" : `m.fileSystemSteps.beforeStep = (n) => { if (n === ${killAt}) process.kill(process.pid, "SIGKILL"); };`;
  const script = `const m = await import(${JSON.stringify(moduleUrl)}); const dir = ${JSON.stringify(dir)}; ${kill} ${call}`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
  return { signal: result.signal, status: result.status, stderr: result.stderr };
}

/** Runs the CLI through test/support/kill-at-step.mjs: SIGKILL just before its `step`th change to the file system. */
function runCliKilledAt(step: number, args: string[]): { status: number } {
  const result = spawnSync(process.execPath, [join(repoRoot, "test/support/kill-at-step.mjs"), String(step), ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { status: result.status ?? -1 };
}

const newFiles = JSON.stringify(NAMES.map((name) => ({ name, content: `new ${name}\n` })));
const write = `m.writeFilesAtomically(dir, ${newFiles});`;
const repair = "m.repairOutput(dir);";

/** An output folder holding a complete old output and a file the user put there. */
function oldOutput(): string {
  const dir = tempDir("filterc-output-");
  for (const name of NAMES) writeFileSync(join(dir, name), `old ${name}\n`);
  writeFileSync(join(dir, USER_FILE), "mine\n");
  return dir;
}

const expected = (age: "old" | "new") => ({ ...Object.fromEntries(NAMES.map((name) => [name, `${age} ${name}\n`])), [USER_FILE]: "mine\n" });

describe("the output folder protocol", () => {
  it("leaves the old output, or the new, or a journal the repair completes, whichever step the writer is killed before", () => {
    const outcomes: string[] = [];
    for (let step = 1; ; step++) {
      const dir = oldOutput();
      const run = runWriter(write, dir, step);
      if (run.signal === null) {
        // Past the last step: the write completed normally.
        expect(run.status, run.stderr).toBe(0);
        expect(contents(dir)).toEqual(expected("new"));
        break;
      }
      expect(run.signal).toBe("SIGKILL");
      const committed = existsSync(join(dir, ".filterc-journal.json"));
      const visible = Object.fromEntries(Object.entries(contents(dir)).filter(([name]) => !name.startsWith(".filterc-")));
      if (!committed) expect([expected("old"), expected("new")]).toContainEqual(visible);
      expect(runWriter(repair, dir).status).toBe(0);
      const repaired = contents(dir);
      expect(repaired, `killed before step ${step}`).toEqual(committed ? expected("new") : visible);
      outcomes.push(`${step}:${committed ? "completed" : repaired[NAMES[0]!]!.slice(0, 3)}`);
    }
    // Every kind of interruption happened: before the commit (old kept), after it (completed), after cleanup (new).
    expect(outcomes.some((o) => o.endsWith(":old"))).toBe(true);
    expect(outcomes.some((o) => o.endsWith(":completed"))).toBe(true);
    expect(outcomes.some((o) => o.endsWith(":new"))).toBe(true);
  });

  it("repairs a committed write even when the repair itself is killed, at every step", () => {
    // Killed before step 10: the journal is committed and filter.wasm renamed; the YAML is still old.
    const committedAt = (dir: string) => {
      rmSync(dir, { recursive: true, force: true });
      cpSync(oldOutput(), dir, { recursive: true });
      expect(runWriter(write, dir, 10).signal).toBe("SIGKILL");
      expect(readFileSync(join(dir, NAMES[0]!), "utf8")).toBe(`new ${NAMES[0]}\n`);
      expect(readFileSync(join(dir, NAMES[1]!), "utf8")).toBe(`old ${NAMES[1]}\n`);
    };
    const dir = tempDir("filterc-repair-");
    for (let step = 1; step < 20; step++) {
      committedAt(dir);
      const run = runWriter(repair, dir, step);
      expect(runWriter(repair, dir).status).toBe(0);
      expect(contents(dir), `repair killed before step ${step}`).toEqual(expected("new"));
      if (run.signal === null) return;
    }
    throw new Error("the repair never finished");
  });

  it("keeps the journal when a rename after the commit fails, and completes once the obstacle is gone", () => {
    const dir = oldOutput();
    expect(runWriter(write, dir, 10).signal).toBe("SIGKILL");
    rmSync(join(dir, "envoy.yaml"));
    mkdirSync(join(dir, "envoy.yaml", "inside"), { recursive: true });
    const failed = runWriter(repair, dir);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(
      `cannot write ${join(dir, "envoy.yaml")}: it is a directory; the new output waits in ${join(dir, ".filterc-staging")}, and the next build into ${dir} completes it`,
    );
    expect(existsSync(join(dir, ".filterc-journal.json"))).toBe(true);
    rmSync(join(dir, "envoy.yaml"), { recursive: true });
    expect(runWriter(repair, dir).status).toBe(0);
    expect(contents(dir)).toEqual(expected("new"));
  });
});

describe("filterc build into an output folder", () => {
  it("refuses a directory where an output file must go, changing nothing", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expect(runCli(["build", "examples/hello.fw", "-o", out]).status).toBe(0);
    rmSync(join(out, "envoy.yaml"));
    mkdirSync(join(out, "envoy.yaml", "inside"), { recursive: true });
    const before = contents(out);
    const result = runCli(["build", "examples/admin-gate.fw", "-o", out]);
    expect(result.stderr).toBe(`error: cannot write ${join(out, "envoy.yaml")}: it is a directory; nothing was written\n`);
    expect(result.status).toBe(2);
    expect(contents(out)).toEqual(before);
  });

  it("completes the output of a build killed midway through its renames on the next build", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expect(runCli(["build", "examples/hello.fw", "-o", out]).status).toBe(0);
    // Step 10: the journal is committed and filter.wasm renamed; the YAML beside it is still the old build's.
    const killed = runCliKilledAt(10, ["build", "examples/admin-gate.fw", "-o", out]);
    expect(killed.status).toBe(-1);
    expect(readdirSync(out)).toContain(".filterc-journal.json");

    const next = runCli(["build", "examples/hello.fw", "-o", out]);
    expect(next.stderr).toBe(`note: completed the output of an earlier build that was interrupted in ${out}\n`);
    expect(next.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...NAMES].sort());
    const sha = createHash("sha256").update(readFileSync(join(out, "filter.wasm"))).digest("hex");
    expect(parseYaml(readFileSync(join(out, "wasmplugin.yaml"), "utf8")).spec.sha256).toBe(sha);
  });

  it("discards the staged files of a build killed before its commit, even when the next build fails", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expect(runCli(["build", "examples/hello.fw", "-o", out]).status).toBe(0);
    const before = contents(out);
    // Step 4: three new files are staged, nothing is committed.
    expect(runCliKilledAt(4, ["build", "examples/admin-gate.fw", "-o", out]).status).toBe(-1);
    expect(readdirSync(out)).toContain(".filterc-staging");

    writeFileSync(join(dir, "bad.fw"), "on request_headers deny 700\n");
    const next = runCli(["build", join(dir, "bad.fw"), "-o", out]);
    expect(next.status).toBe(1);
    expect(next.stderr).toContain(`note: removed the partial output of an earlier build that was interrupted in ${out}\n`);
    expect(contents(out)).toEqual(before);
  });
});
