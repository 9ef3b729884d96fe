import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Document } from "yaml";
import type { Span } from "../../grammar/ast.js";
import { Source } from "../../grammar/source.js";
import { withFileErrors } from "../file-errors.js";
import { yamlLibrary } from "../project/libraries.js";
import { locate } from "../project/yaml-locate.js";
import type { ValuePath } from "../project/value-path.js";

/** One YAML document of a file: its object, and where each of its keys and values is, for findings. */
export interface YamlObject {
  readonly source: Source;
  readonly document: Document;
  readonly value: Record<string, any>;
}

export class YamlFileError extends Error {}

/** Where a path of an object is written: its key or its value (the nearest existing parent when absent). */
export function spanOf(object: YamlObject, path: ValuePath, at: "key" | "value" = "value"): Span {
  return locate(object.document, object.source.text, path, at);
}

/** The documents of a YAML file that are maps (Kubernetes objects, an Envoy bootstrap); `---` separates them. */
export function readYamlFile(path: string, shownAs = path): YamlObject[] {
  const bytes = withFileErrors("read", path, () => readFileSync(path));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new YamlFileError(`${shownAs} is not UTF-8 text: save it as UTF-8 (Kubernetes reads manifests as UTF-8)`);
  }
  const source = new Source(shownAs, text);
  const objects: YamlObject[] = [];
  for (const document of yamlLibrary().parseAllDocuments(text, { merge: true })) {
    const problem = document.errors[0];
    if (problem !== undefined) {
      const at = source.position(Math.min(problem.pos[0], text.length));
      throw new YamlFileError(`${shownAs}:${at.line}:${at.column}: not valid YAML: ${problem.message.split("\n")[0]}`);
    }
    const value = document.toJS({ maxAliasCount: 100 }) as unknown;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) objects.push({ source, document, value: value as Record<string, any> });
  }
  return objects;
}

/** Every `.yaml` / `.yml` file of a file or folder (recursively, in name order), each document a map. */
export function readYamlTree(path: string, cwd: string): YamlObject[] {
  const stat = withFileErrors("read", path, () => statSync(path));
  if (!stat.isDirectory()) return readYamlFile(path, shown(path, cwd));
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return readYamlTree(child, cwd);
      return /\.ya?ml$/i.test(entry.name) ? readYamlFile(child, shown(child, cwd)) : [];
    });
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") ? path : rel;
}
