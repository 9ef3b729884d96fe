import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../compiler/lint/files.js";
import { RULES } from "../../compiler/lint/rules/index.js";
import { repoRoot } from "../support/compile.js";
import { tempTree } from "./helpers.js";

const ids = [...RULES.keys()].sort();
const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

describe("lint rule conventions", () => {
  it("registers exactly the modules in compiler/lint/rules, each under its file name", () => {
    const files = readdirSync(join(repoRoot, "compiler/lint/rules"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(ids).toEqual(files);
    for (const [id, rule] of RULES) expect(rule.meta.id).toBe(id);
  });

  it.each(ids)("%s: has a one-line description, a docs path and messages", (id) => {
    const meta = RULES.get(id)!.meta;
    expect(meta.description).toMatch(/^[A-Z].*\.$/);
    expect(meta.description).not.toContain("\n");
    expect(meta.docs).toBe(`docs/rules/${id}.md`);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
  });

  it.each(ids)("%s: has a test file that uses every messageId", (id) => {
    const test = read(`test/lint/rules/${id}.test.ts`);
    const unused = Object.keys(RULES.get(id)!.meta.messages).filter((messageId) => !test.includes(`"${messageId}"`));
    expect(unused).toEqual([]);
  });

  it.each(ids)("%s: has a docs page with its id, default level, and incorrect and correct examples", (id) => {
    const doc = read(`docs/rules/${id}.md`);
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc).toContain(`Default: **${RULES.get(id)!.meta.defaultSeverity}**`);
    // Whether `--fix` fixes it, as the meta says, and for a fixable rule what the fix does.
    const fixable = RULES.get(id)!.meta.fixable !== undefined;
    expect(doc).toContain(fixable ? "Fixable: **yes** (`filterc lint --fix`)" : "Fixable: no");
    expect(doc.includes("\n## Fix\n")).toBe(fixable);
    expect(doc).toMatch(/## Incorrect\n\n```fw\n/);
    expect(doc).toMatch(/## Correct\n\n```fw\n/);
  });

  it("lists every rule in docs/lint.md with a link to its page, and says which are fixable", () => {
    const doc = read("docs/lint.md");
    expect(ids.filter((id) => !doc.includes(`[${id}](rules/${id}.md)`))).toEqual([]);
    const fixableInTable = ids.filter((id) => new RegExp(`^\\| \\[${id}\\]\\(rules/${id}\\.md\\) \\| \\w+ \\| yes \\|`, "m").test(doc));
    expect(fixableInTable).toEqual(ids.filter((id) => RULES.get(id)!.meta.fixable !== undefined));
  });
});

/** The fw and yaml blocks of a docs section, up to the next heading. */
function examples(doc: string, section: "Incorrect" | "Correct"): { fw: string; yaml?: string } {
  const start = doc.indexOf(`## ${section}\n`);
  const rest = doc.slice(start + section.length + 4);
  const body = rest.slice(0, rest.search(/\n## |$/));
  const block = (lang: string) => new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(body)?.[1];
  return { fw: block("fw")!, yaml: block("yaml") };
}

describe("docs examples are linted", () => {
  const lintExample = (example: { fw: string; yaml?: string }) => {
    const root = tempTree({ "rules.fw": example.fw, ...(example.yaml === undefined ? {} : { "filterc.yaml": example.yaml }) });
    return lintFiles(["rules.fw"], { cwd: root }).results.flatMap((r) => r.messages);
  };

  it.each(ids)("%s: the incorrect example is reported", (id) => {
    const messages = lintExample(examples(read(`docs/rules/${id}.md`), "Incorrect"));
    expect(messages.filter((m) => m.ruleId === undefined && m.severity === "error").map((m) => m.message)).toEqual([]);
    expect(messages.some((m) => m.ruleId === id)).toBe(true);
  });

  it.each(ids)("%s: the correct example is not", (id) => {
    const messages = lintExample(examples(read(`docs/rules/${id}.md`), "Correct"));
    expect(messages.filter((m) => m.ruleId === undefined || m.ruleId === id).map((m) => `${m.code}: ${m.message}`)).toEqual([]);
  });
});
