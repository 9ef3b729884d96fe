#!/usr/bin/env node
// Builds the VS Code extension into a .vsix with @vscode/vsce, without publishing and without downloading:
//
//   node editors/vscode/scripts/package.mjs [--out FILE.vsix]      (default: a temporary folder)
//
// The extension is assembled in a temporary staging folder: its own files, the TextMate grammar from
// editors/textmate (one copy in the repository, not two), and vscode-languageclient with everything it requires,
// copied from the repository's node_modules (a dev dependency) with their folder layout, so that `require` finds
// them in the packed extension as it does here. vsce then packs the staging folder; `npm list`, which vsce runs to
// find the production dependencies, only reads that folder.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const extension = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(extension, "../..");
const EXTENSION_FILES = ["package.json", "extension.js", "language-configuration.json", "README.md", ".vscodeignore"];

function fail(message) {
  process.stderr.write(`package.mjs: ${message}\n`);
  process.exit(2);
}

function outputPath(args) {
  const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
  const at = args.indexOf("--out");
  if (at === -1) return join(mkdtempSync(join(tmpdir(), "filterc-vsix-")), `${manifest.name}-${manifest.version}.vsix`);
  const out = args[at + 1];
  if (out === undefined || !out.endsWith(".vsix")) fail("--out takes the path of the .vsix to write, e.g. --out out/filterc.vsix");
  return resolve(out);
}

/** The folder Node would load `name` from when required from `fromDir`: the nearest node_modules/name above it. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) fail(`cannot find ${name} (required from ${fromDir}); run npm ci at the repository root`);
  }
}

/** `name` and its production dependencies, each copied once to the same place under staging/node_modules. */
function copyDependencies(name, fromDir, staging, copied) {
  const dir = packageDir(name, fromDir);
  if (copied.has(dir)) return;
  copied.add(dir);
  const target = join(staging, relative(root, dir));
  // Nested node_modules are copied by the walk itself, dependency by dependency, never as a whole.
  cpSync(dir, target, { recursive: true, filter: (source) => !relative(dir, source).split(/[\\/]/).includes("node_modules") });
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) copyDependencies(dependency, dir, staging, copied);
}

const out = outputPath(process.argv.slice(2));
const staging = mkdtempSync(join(tmpdir(), "filterc-vscode-staging-"));
try {
  for (const file of EXTENSION_FILES) cpSync(join(extension, file), join(staging, file));
  mkdirSync(join(staging, "syntaxes"));
  cpSync(join(root, "editors/textmate/filterc.tmLanguage.json"), join(staging, "syntaxes/filterc.tmLanguage.json"));
  const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
  const copied = new Set();
  for (const dependency of Object.keys(manifest.dependencies ?? {})) copyDependencies(dependency, root, staging, copied);
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(root, "node_modules/@vscode/vsce/vsce");
  const run = spawnSync(process.execPath, [vsce, "package", "--no-yarn", "--skip-license", "--out", out], { cwd: staging, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (run.status !== 0) fail(`vsce package failed:\n${run.stdout}${run.stderr}`);
  process.stdout.write(`${out}\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
