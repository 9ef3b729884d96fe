import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Node as YamlNode } from "yaml";
import { findProjectFile, type LoadedProject } from "../compiler/lint/project.js";
import { yamlLibrary } from "../compiler/project/libraries.js";
import { DISABLED_RULES_KEY } from "../compiler/project/unknown-config-keys.js";
import { ENFORCE_RULES_KEY, SHADOW_RULES_KEY } from "../compiler/shadow-mode.js";
import type { Span } from "../grammar/ast.js";

/** The plugin configuration keys that list rule names (docs/deploy.md, docs/language.md "Shadow mode"). */
export const RULE_LIST_KEYS: readonly string[] = [DISABLED_RULES_KEY, SHADOW_RULES_KEY, ENFORCE_RULES_KEY];

/** A rule or param name written in a YAML file: a key of a plugin configuration, or an item of a rule list. */
export interface YamlName {
  readonly kind: "rule" | "param";
  readonly name: string;
  /** The name's characters, without quotes. */
  readonly span: Span;
}

/**
 * Names in a filterc.yaml (`pluginConfig:`) or a test case file (each case's `config:`): the keys set params, the
 * items of `disabled_rules`, `shadow_rules` and `enforce_rules` name rules.
 */
export function yamlNames(text: string): YamlName[] {
  const { isMap, isScalar, isSeq, parseDocument, visit } = yamlLibrary();
  const document = parseDocument(text);
  const found: YamlName[] = [];
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || (pair.key.value !== "pluginConfig" && pair.key.value !== "config") || !isMap(pair.value)) return;
      for (const entry of pair.value.items) {
        if (!isScalar(entry.key)) continue;
        const key = String(entry.key.value);
        if (RULE_LIST_KEYS.includes(key)) {
          if (isSeq(entry.value)) for (const item of entry.value.items) pushScalar(found, "rule", item as YamlNode, text);
        } else {
          pushScalar(found, "param", entry.key, text);
        }
      }
    },
  });
  return found;
}

function pushScalar(into: YamlName[], kind: YamlName["kind"], node: YamlNode, text: string): void {
  if (!yamlLibrary().isScalar(node) || node.range === undefined || node.range === null || typeof node.value !== "string") return;
  let [start, end] = node.range;
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    start++;
    end--;
  }
  // Only names written as they are (no escapes), so an edit of the span's text is an edit of the name.
  if (text.slice(start, end) === node.value) into.push({ kind, name: node.value, span: { start, end } });
}

/** The YAML files that may name a rule file's rules and params: its filterc.yaml and its test case file. */
export function relatedYamlFiles(ruleFile: string): string[] {
  const files: string[] = [];
  const project = findProjectFile(dirname(ruleFile));
  if (project !== undefined) files.push(project);
  const stem = basename(ruleFile).replace(/\.(fw|rules)$/, "");
  for (const ext of [".test.yaml", ".test.yml"]) {
    const cases = join(dirname(ruleFile), stem + ext);
    if (existsSync(cases)) files.push(cases);
  }
  return files;
}

export function readText(path: string, open: (path: string) => string | undefined): string | undefined {
  const text = open(path);
  if (text !== undefined) return text;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The value filterc.yaml's `pluginConfig` gives a param, if it gives one. */
export function configuredParam(project: LoadedProject | undefined, name: string): { file: string; value: unknown } | undefined {
  const config = project?.file.pluginConfig;
  return config === undefined || !Object.hasOwn(config, name) ? undefined : { file: project!.source.name, value: config[name] };
}
