/**
 * Building the rule file for serve, as `filterc test` builds it (compiler/testing/build-filter.ts): the module
 * `filterc build` would ship, with function names kept (a trap names its rule) and rule coverage (the access log
 * names the rules that fired). Also the files the build read, which the reload watcher follows.
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { renderDiagnostics } from "../compiler/render.js";
import { defaultProjectPath } from "../compiler/project/index.js";
import { buildFilterForTest, moduleFilter, type FilterUnderTest } from "../compiler/testing/index.js";
import type { ServeOptions } from "./options.js";

export type ServedBuild =
  | { readonly ok: true; readonly filter: FilterUnderTest; readonly files: readonly string[] }
  /** `diagnostics` rendered as `filterc build` prints them (E0001 for a file that is not UTF-8, as every command). */
  | { readonly ok: false; readonly diagnostics: string; readonly summary: string; readonly files: readonly string[] };

/** The filter to serve: the rule file built, or a --wasm module read as it is (a file error is the caller's). */
export async function servedFilter(options: ServeOptions, color: boolean): Promise<ServedBuild> {
  if (!options.wasm) return buildServedFilter(options.ruleFile, color);
  const wasm = new Uint8Array(readFileSync(options.ruleFile));
  return { ok: true, filter: moduleFilter(options.ruleFile, wasm, options.rootId), files: [resolve(options.ruleFile)] };
}

async function buildServedFilter(ruleFile: string, color: boolean): Promise<ServedBuild> {
  const built = await buildFilterForTest(ruleFile, { coverage: true });
  // The rule file, its imports (those found), and the project file beside it, which may not exist yet.
  const files = [...new Set([...built.source.files.map((f) => resolve(f.name)), resolve(defaultProjectPath(ruleFile))])];
  if (built.filter !== undefined) return { ok: true, filter: built.filter, files };
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  return {
    ok: false,
    diagnostics: renderDiagnostics(built.source, errors, { color }),
    summary: `${ruleFile} does not compile: ${errors.length} error${errors.length === 1 ? "" : "s"}`,
    files,
  };
}

/** The directories to watch for a set of files (editors often save by writing a new file and renaming it). */
export function watchedDirectories(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => dirname(f)))];
}
