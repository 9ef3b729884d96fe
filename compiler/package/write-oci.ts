import { lstatSync, readdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { writeFilesAtomically } from "../atomic-write.js";
import { withFileErrors } from "../file-errors.js";
import { PackageCode, PackageError } from "./package-codes.js";
import { tarArchive } from "./tar.js";
import type { OciImage } from "./oci-image.js";

/** `--oci PATH`: a `.tar` file (the layout archived, as `skopeo copy oci-archive:` and `docker load` read it) or a directory. */
export function isTarOutput(path: string): boolean {
  return path.toLowerCase().endsWith(".tar");
}

/**
 * Refuses an `--oci` path that cannot take the image, before anything is built: a `.tar` that is a directory, a
 * layout directory that is a file, or a directory holding other things than an earlier image layout.
 */
export function checkOciOutput(path: string): void {
  const stat = withFileErrors("read", path, () => lstatSync(path, { throwIfNoEntry: false }));
  if (stat === undefined) return;
  if (isTarOutput(path)) {
    if (stat.isDirectory()) throw new PackageError(PackageCode.ociOutput, `--oci ${path} is a directory, and a path ending in .tar names the archive file`, `give a file name (${path.replace(/\/+$/, "")}/image.tar), or a directory path without .tar for the layout itself`);
    return;
  }
  if (!stat.isDirectory()) throw new PackageError(PackageCode.ociOutput, `--oci ${path} is a file, and a path without .tar names the layout directory`, `name the archive ${path}.tar, or choose a directory`);
  const entries = withFileErrors("read", path, () => readdirSync(path)).filter((name) => !name.startsWith(".filterc-"));
  if (entries.length > 0 && !entries.includes("oci-layout")) {
    throw new PackageError(PackageCode.ociOutput, `--oci ${path} is a directory that holds other files (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", ..." : ""}), not an OCI image layout`, "choose an empty or new directory: filterc replaces an earlier image layout but mixes the image with nothing else");
  }
}

/** Writes the layout, all or nothing (compiler/atomic-write.ts), and returns the paths written. */
export function writeOciImage(path: string, image: OciImage): string[] {
  checkOciOutput(path);
  if (isTarOutput(path)) return writeFilesAtomically(dirname(path), [{ name: basename(path), content: tarArchive(image.files) }]).written;
  return writeFilesAtomically(path, image.files).written;
}
