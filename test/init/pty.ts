import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../support/paths.js";

/** Whether util-linux `script` is here to give the CLI a pseudo-terminal. */
export const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

/** Arrow keys and Enter as a terminal sends them. */
export const KEY = { up: "\u001b[A", down: "\u001b[B", enter: "\r", ctrlC: "\u0003" } as const;

/**
 * `filterc ARGS` on a pseudo-terminal (through `script`), driven like a person at the keyboard: wait until the
 * screen shows something, then type. Standard output and standard error arrive mixed, as on a terminal.
 */
export class TerminalSession {
  private output = "";
  /** Where the output stood when keys were last typed: waitFor looks only at what came after. */
  private mark = 0;
  private readonly write: (keys: string) => void;
  private readonly exit: Promise<number>;

  constructor(args: readonly string[], cwd: string) {
    const command = [process.execPath, join(repoRoot, "dist/cli/main.js"), ...args].map(shellQuote).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd, env: { ...process.env, TERM: "xterm", NO_COLOR: "1" } });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    this.write = (keys) => void child.stdin.write(keys);
    this.exit = new Promise((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  }

  type(keys: string): void {
    this.mark = this.output.length;
    this.write(keys);
  }

  /** Everything shown so far, without terminal control sequences. */
  get text(): string {
    return plain(this.output);
  }

  /** Resolves once what the terminal showed since the last keys were typed matches `pattern`. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(plain(this.output.slice(this.mark)))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the terminal showed:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The exit code, once the command has ended. */
  exitCode(): Promise<number> {
    return this.exit;
  }
}

function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");
}

function shellQuote(word: string): string {
  return /^[\w./=-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
