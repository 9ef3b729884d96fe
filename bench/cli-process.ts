import { spawnSync } from "node:child_process";
import { nowNs } from "./clock.js";
import { repoPath, repoRoot } from "./repo-root.js";

export interface CliRun {
  readonly ms: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (dist/cli/main.js) as a fresh process, as a user or CI would, and times it wall-clock. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliRun {
  const start = nowNs();
  const result = spawnSync(process.execPath, [repoPath("dist", "cli", "main.js"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = (nowNs() - start) / 1e6;
  return { ms, status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `filterc help` lists the commands that exist in this build (lint is being written alongside the benchmark). */
export function cliHasCommand(name: string): boolean {
  return new RegExp(`^\\s+${name}\\b`, "m").test(runCli(["help"]).stdout);
}

/** Runs an ES module given as text in a fresh Node process, timed like runCli. */
export function runNodeModule(code: string): CliRun {
  const start = nowNs();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" });
  const ms = (nowNs() - start) / 1e6;
  return { ms, status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
