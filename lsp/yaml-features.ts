import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CompletionItemKind, type CompletionItem, type Location } from "vscode-languageserver";
import { isRuleFile } from "../compiler/lint/paths.js";
import { PROJECT_FILE_NAME } from "../compiler/lint/project.js";
import { Source } from "../grammar/source.js";
import { analyze, uriOfPath, type Analysis } from "./analysis.js";
import type { OpenText } from "./navigation.js";
import { readText, RULE_LIST_KEYS, yamlNames } from "./project-files.js";
import { contains, rangeOf } from "./ranges.js";
import { occurrencesOf } from "./symbols-at.js";

/**
 * The YAML side of rule and param names: in a filterc.yaml or a test case file, go to the rule or param a name in
 * `pluginConfig`/`config` stands for, and complete rule names in `disabled_rules`, `shadow_rules` and
 * `enforce_rules`.
 */
export function isNamingYaml(path: string): boolean {
  return basename(path) === PROJECT_FILE_NAME || /\.test\.ya?ml$/.test(path);
}

/** The rule files a YAML file names things of: a filterc.yaml's folder's, or `NAME.fw` for `NAME.test.yaml`. */
function ruleFilesOf(yamlPath: string): string[] {
  const dir = dirname(yamlPath);
  if (basename(yamlPath) === PROJECT_FILE_NAME) {
    try {
      return readdirSync(dir).filter(isRuleFile).sort().map((name) => join(dir, name));
    } catch {
      return [];
    }
  }
  const stem = basename(yamlPath).replace(/\.test\.ya?ml$/, "");
  return [".fw", ".rules"].map((ext) => join(dir, stem + ext)).filter((file) => existsSync(file));
}

function analyses(yamlPath: string, open: OpenText, root: string | undefined): Analysis[] {
  return ruleFilesOf(yamlPath).flatMap((file) => {
    const text = readText(file, open);
    return text === undefined ? [] : [analyze(uriOfPath(file), text, root)];
  });
}

export function yamlDefinition(yamlPath: string, text: string, offset: number, open: OpenText, root: string | undefined): Location[] {
  const name = yamlNames(text).find((n) => contains(n.span, offset));
  if (name === undefined) return [];
  return analyses(yamlPath, open, root).flatMap((analysis) => {
    const own = new Source(analysis.uri, analysis.text);
    return occurrencesOf(analysis, { kind: name.kind, name: name.name })
      .filter((o) => o.declaration)
      .map((o) => ({ uri: analysis.uri, range: rangeOf(own, o.span) }));
  });
}

/** Rule names inside `disabled_rules: [` (and the other two lists), written in flow style up to the cursor. */
export function yamlCompletions(yamlPath: string, text: string, offset: number, open: OpenText, root: string | undefined): CompletionItem[] {
  const line = text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
  const keys = RULE_LIST_KEYS.join("|");
  if (!new RegExp(`\\b(?:${keys})\\s*:\\s*\\[[^\\]]*$`).test(line)) return [];
  const names = new Map<string, CompletionItem>();
  for (const analysis of analyses(yamlPath, open, root)) {
    for (const rule of analysis.checked.rules) {
      if (rule.name !== undefined && !names.has(rule.name)) names.set(rule.name, { label: rule.name, kind: CompletionItemKind.Reference, detail: `rule on ${rule.phase} in ${basename(analysis.path!)}` });
    }
  }
  return [...names.values()];
}
