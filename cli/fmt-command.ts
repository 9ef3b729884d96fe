import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { fileErrorReason as reason } from "../compiler/file-errors.js";
import { formatSource } from "../compiler/format.js";
import { renderDiagnostics } from "../compiler/render.js";
import { decodeRuleText, readRuleFile } from "../compiler/rule-file.js";
import { EXIT_OK, EXIT_PROBLEMS, useColor } from "./terminal.js";
import { rewriteFileAtomically } from "./rewrite-file.js";
import { UsageError } from "./usage-error.js";

interface FmtFlags {
  check?: boolean;
  stdin?: boolean;
  color?: boolean;
}

const RULE_FILE = /\.(fw|rules)$/;
/** Never searched: version control data and dependencies are not the user's rule files. */
const SKIPPED_DIRECTORY = /^(\..+|node_modules)$/;

export function registerFmt(program: Command): void {
  program
    .command("fmt")
    .description("format rule files in the canonical style (see docs/fmt.md)")
    .argument("[paths...]", "files, and directories to search for .fw and .rules files (default: the current directory)")
    .option("--check", "change nothing; list the files that are not formatted and exit 1 if there are any")
    .option("--stdin", "format standard input to standard output (for editors)")
    .option("--no-color", "never color diagnostics")
    .action(async (paths: string[], flags: FmtFlags) => {
      process.exitCode = flags.stdin ? await formatStdin(paths, flags) : formatFiles(paths.length > 0 ? paths : ["."], flags);
    });
}

async function formatStdin(paths: readonly string[], flags: FmtFlags): Promise<number> {
  if (paths.length > 0) throw new UsageError("--stdin formats standard input; it takes no paths");
  const { source, diagnostics } = decodeRuleText(await readAll(process.stdin), "<stdin>");
  const result = diagnostics.length > 0 ? { diagnostics, text: undefined } : formatSource(source);
  if (result.text === undefined) {
    process.stderr.write(renderDiagnostics(source, result.diagnostics, { color: useColor(process.stderr, flags.color) }) + "\n");
    return EXIT_PROBLEMS;
  }
  if (flags.check) return result.changed ? EXIT_PROBLEMS : EXIT_OK;
  process.stdout.write(result.text);
  return EXIT_OK;
}

/**
 * Formats files in place, or with --check only reports them. Every file is read before any is written, so a
 * mistake in the arguments changes nothing.
 */
function formatFiles(paths: readonly string[], flags: FmtFlags): number {
  const sources = findRuleFiles(paths).map((file) => readRuleFile(file));
  const color = useColor(process.stderr, flags.color);
  let changed = 0;
  let broken = 0;
  for (const { source, diagnostics } of sources) {
    const result = diagnostics.length > 0 ? { diagnostics, text: undefined, changed: false } : formatSource(source);
    if (result.text === undefined) {
      broken++;
      process.stderr.write(renderDiagnostics(source, result.diagnostics, { color }) + "\n\n");
      continue;
    }
    if (!result.changed) continue;
    changed++;
    if (!flags.check) rewriteFileAtomically(source.name, result.text, "fmt");
    process.stdout.write(source.name + "\n");
  }
  if (broken > 0) process.stderr.write(`${count(broken, "file")} not formatted: errors\n`);
  if (flags.check && changed > 0) process.stderr.write(`${count(changed, "file")} of ${sources.length} not formatted; run filterc fmt to fix\n`);
  return broken > 0 || (flags.check && changed > 0) ? EXIT_PROBLEMS : EXIT_OK;
}

/** Named files as given; directories searched recursively for .fw and .rules files. Sorted, without repeats. */
function findRuleFiles(paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const kind = statOrThrow(path);
    if (kind === "file") found.add(path);
    else {
      const inside = searchDirectory(path);
      if (inside.length === 0) throw new UsageError(`no .fw or .rules files in ${path}`);
      for (const file of inside) found.add(file);
    }
  }
  return [...found].sort();
}

function searchDirectory(dir: string): string[] {
  const files: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read ${dir}: ${reason(error)}`);
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    // Symbolic links to directories are not followed: a link cycle would never end.
    if (entry.isDirectory() && !SKIPPED_DIRECTORY.test(entry.name)) files.push(...searchDirectory(path));
    else if (RULE_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(path)))) files.push(path);
  }
  return files;
}

function statOrThrow(path: string): "file" | "directory" {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return "directory";
    if (stat.isFile()) return "file";
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${reason(error)}`);
  }
  throw new UsageError(`cannot format ${path}: not a file or directory`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
