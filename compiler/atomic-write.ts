import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface OutputFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * Writes every file or none: each goes to a temporary name first and is renamed into place only after all were
 * written, so a failure (disk full, permissions) leaves no half-written filter.wasm or YAML behind.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const file of files) {
      const temp = join(dir, `.${file.name}.${process.pid}.tmp`);
      temps.push(temp);
      writeFileSync(temp, file.content);
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
  return files.map((file, i) => {
    const target = join(dir, file.name);
    renameSync(temps[i]!, target);
    return target;
  });
}
