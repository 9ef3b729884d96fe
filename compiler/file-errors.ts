import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * A file or directory the user named cannot be read or written: missing, a directory where a file must be,
 * read-only. Not a bug in filterc: the CLI prints the message as a usage error (exit code 2).
 */
export class FileAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileAccessError";
  }
}

/** Node's error codes for file-system refusals that the user can fix, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is a file, not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EEXIST: "it already exists and is not a directory",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  ENOTEMPTY: "it is a directory that is not empty",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
};

/** What Node's system call names mean for the user. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: "read",
  read: "read",
  scandir: "read the directory",
  stat: "read",
  lstat: "read",
  mkdir: "create the directory",
  rename: "write",
  write: "write",
  unlink: "remove",
  rmdir: "remove",
};

/** Whether an error is a file-system refusal with a plain explanation. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return error instanceof Error && typeof code === "string" && Object.hasOwn(REASONS, code);
}

/** The plain reason for a file-system error ("it is a directory"), or the error's own message for others. */
export function fileErrorReason(error: unknown): string {
  if (isFileSystemError(error)) return REASONS[error.code!]!;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A file-system error as one plain sentence: `cannot read examples: it is a directory`. `action` and `path`
 * default to what the error says, so an error no caller expected still reads as a sentence.
 */
export function describeFileError(error: NodeJS.ErrnoException, action?: string, path?: string): string {
  const what = action ?? ACTIONS[error.syscall ?? ""] ?? "use";
  const where = path ?? error.path ?? "a file";
  return `cannot ${what} ${where}: ${fileErrorReason(error)}`;
}

/** Runs a file operation; a file-system refusal becomes a FileAccessError naming the user's path. */
export function withFileErrors<T>(action: string, path: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (isFileSystemError(error)) throw new FileAccessError(describeFileError(error, action, path));
    throw error;
  }
}

/**
 * The directories of `dir`'s path that do not exist yet, from `dir` up: what `mkdir -p` would create. A file in the
 * way (`dir` itself or one further up) ends with a FileAccessError naming it: `cannot ACTION: FILE is a file, not a
 * directory` (or `dirIsFile`, when it is `dir` itself). A file further up is found by going on up, whether stat
 * answers ENOTDIR (Node 20) or "no entry" (Node 22).
 */
function missingDirectories(dir: string, action: string, dirIsFile?: string): string[] {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(current, { throwIfNoEntry: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw new FileAccessError(`cannot ${action}: ${fileErrorReason(error)}`);
    }
    if (stat !== undefined) {
      if (stat.isDirectory()) return missing;
      throw new FileAccessError(missing.length === 0 && dirIsFile !== undefined ? dirIsFile : `cannot ${action}: ${current} is a file, not a directory`);
    }
    missing.push(current);
    if (dirname(current) === current) return missing;
    current = dirname(current);
  }
}

/**
 * Whether the directory `dir` exists (false when it does not yet, and can be created); a file in its place or
 * further up is refused as makeDirectory refuses it.
 */
export function existingDirectory(dir: string, action = `create the directory ${dir}`): boolean {
  return missingDirectories(dir, action, `cannot write to ${dir}: it is a file, and the output must be a directory`).length === 0;
}

/**
 * `mkdir -p`, one level at a time, returning the first directory it created (as Node's recursive mkdir does).
 * Node's own retries forever where a parent exists but refuses children with ENOENT (`/proc`); here every refusal
 * ends with a FileAccessError: `cannot ACTION: REASON`, where the action defaults to creating `dir`.
 */
export function makeDirectory(dir: string, action = `create the directory ${dir}`): string | undefined {
  const missing = missingDirectories(dir, action);
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      // ENOENT although the parent exists: a file system such as /proc that has no room for new directories.
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? `${dirname(level)} does not allow new directories` : fileErrorReason(error);
      throw new FileAccessError(`cannot ${action}: ${reason}`);
    }
  }
  return missing[0];
}

/**
 * A report file (`-o FILE` of lint and test): its folder created when missing, the text written to a temporary
 * name beside it and renamed over it, so a reader never sees half a report. Refusals are FileAccessErrors.
 */
export function writeReportFile(path: string, text: string): void {
  makeDirectory(dirname(path), `write ${path}`);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    withFileErrors("write", path, () => {
      writeFileSync(temp, text);
      renameSync(temp, path);
    });
  } finally {
    rmSync(temp, { force: true });
  }
}
