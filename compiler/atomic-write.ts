import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { FileAccessError, fileErrorReason, makeDirectory, withFileErrors } from "./file-errors.js";

export interface OutputFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** Inside the output folder: the new files, written in full before any replaces an old one. */
export const STAGING_DIR = ".filterc-staging";
/** Inside the output folder while the staged files are renamed into place: their names. Its presence commits. */
export const JOURNAL_FILE = ".filterc-journal.json";

interface Journal {
  readonly version: 1;
  readonly files: readonly string[];
}

/** What `repairOutput` found from a write that was interrupted (killed, power lost). */
export type Repair = "none" | "completed" | "discarded";

/**
 * Replaces a set of files in `dir` all or nothing, even when the process is killed at any point (see "Output
 * folder" in docs/cli.md):
 *
 * 1. every new file is written and flushed into `dir/.filterc-staging/`, then the journal naming them;
 * 2. renaming the journal to `dir/.filterc-journal.json` commits: from then on the new output wins;
 * 3. each staged file is renamed over its old version, the staging folder removed, then the journal.
 *
 * A kill before 2 leaves the old output and a staging folder that the next write discards; a kill after it
 * leaves a journal from which the next write first completes the renames. Other files in `dir` are never touched.
 * Every problem that can be found before step 1 (a directory where a file must go) is reported with nothing
 * changed. Returns the paths written and what an earlier interrupted write needed.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): { written: string[]; repair: Repair } {
  makeDirectory(dir);
  const repair = repairOutput(dir);
  for (const file of files) checkTarget(dir, file.name);
  const staging = join(dir, STAGING_DIR);
  const journal: Journal = { version: 1, files: files.map((f) => f.name) };
  withFileErrors("write to", dir, () => {
    // repairOutput removed any staging folder: one that exists now was made by someone else, and mkdir fails.
    step(() => {
      try {
        mkdirSync(staging);
      } catch (error) {
        // ENOENT in a directory that exists: a file system such as /proc that takes no new entries.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new FileAccessError(`cannot write to ${dir}: ${dir} does not allow new files`);
        throw error;
      }
    });
    try {
      for (const file of files) step(() => writeDurably(join(staging, file.name), file.content));
      step(() => writeDurably(join(staging, JOURNAL_FILE), JSON.stringify(journal) + "\n"));
      step(() => renameSync(join(staging, JOURNAL_FILE), join(dir, JOURNAL_FILE)));
    } catch (error) {
      // Not committed: the old output is intact, and a failed build leaves nothing of its own behind.
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
  });
  complete(dir, journal);
  return { written: files.map((file) => join(dir, file.name)), repair };
}

/**
 * Finishes or undoes a write that was interrupted in `dir`: with a journal, the staged files are renamed into
 * place; without one, the staging folder is removed. Safe to run at any time, and again after being interrupted.
 */
export function repairOutput(dir: string): Repair {
  const journalPath = join(dir, JOURNAL_FILE);
  const staging = join(dir, STAGING_DIR);
  return withFileErrors("repair the output in", dir, () => {
    if (exists(journalPath)) {
      complete(dir, JSON.parse(readFileSync(journalPath, "utf8")) as Journal);
      return "completed";
    }
    if (exists(staging)) {
      step(() => rmSync(staging, { recursive: true, force: true }));
      return "discarded";
    }
    return "none";
  });
}

/**
 * Step 3: each staged file still in the staging folder is renamed into place; then the bookkeeping goes. A rename
 * that fails leaves the journal, so the next build finishes once what is in the way is gone.
 */
function complete(dir: string, journal: Journal): void {
  const staging = join(dir, STAGING_DIR);
  for (const name of journal.files) {
    const staged = join(staging, name);
    const target = join(dir, name);
    if (!exists(staged)) continue;
    try {
      // A name with a folder (an OCI layout's blobs/sha256/...) gets its folder first.
      if (name.includes("/")) step(() => mkdirSync(dirname(target), { recursive: true }));
      step(() => renameSync(staged, target));
    } catch (error) {
      throw new FileAccessError(`cannot write ${target}: ${fileErrorReason(error)}; the new output waits in ${staging}, and the next build into ${dir} completes it`);
    }
  }
  flushDirectory(dir);
  step(() => rmSync(staging, { recursive: true, force: true }));
  step(() => unlinkSync(join(dir, JOURNAL_FILE)));
  step(() => undefined);
}

/** A target that rename(2) could not replace fails the whole write before anything changed. */
function checkTarget(dir: string, name: string): void {
  const path = join(dir, name);
  const stat = withFileErrors("write", path, () => lstatSync(path, { throwIfNoEntry: false }));
  if (stat?.isDirectory()) throw new FileAccessError(`cannot write ${path}: it is a directory; nothing was written`);
}

/** Written and flushed to the disk, so that a rename after it never exposes a file whose data is still in memory. */
function writeDurably(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w");
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the renames so far durable. Some file systems cannot flush a directory; their renames are durable anyway. */
function flushDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort, see above.
  }
}

function exists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Called with each change's number (from 1) just before it is made. Nothing in filterc sets it: tests do, to kill the
 * process between any two changes (test/support/kill-at-step.mjs runs the CLI so).
 */
export const fileSystemSteps: { beforeStep?: (step: number) => void } = {};

/** Every change to the file system goes through here, so tests can stop the process between any two changes. */
let stepsTaken = 0;
function step(change: () => void): void {
  stepsTaken++;
  fileSystemSteps.beforeStep?.(stepsTaken);
  change();
}
