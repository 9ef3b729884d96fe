import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileErrorReason as reason } from "../compiler/file-errors.js";
import { UsageError } from "./usage-error.js";

/**
 * Rewrites a rule file in place (`fmt`, `lint --fix`) through a temporary file in the same directory renamed over
 * the original, so a crash or a full disk never leaves a half-written rule file. The file keeps its permissions; a
 * symbolic link stays a link and its target is what changes.
 */
export function rewriteFileAtomically(file: string, text: string, tag: string, displayName = file): void {
  const target = realpathSync(file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${tag}.tmp`);
  try {
    writeFileSync(temp, text);
    chmodSync(temp, statSync(target).mode & 0o7777);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${displayName}: ${reason(error)}`);
  }
}
