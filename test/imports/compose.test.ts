import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { composeRuleFiles, type Composition } from "../../compiler/imports.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { FileAccessError } from "../../compiler/file-errors.js";
import { SourceSet } from "../../compiler/source-set.js";
import { parse, type Rule } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";

/** A folder of rule files, given as relative path to text (or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "filterc-imports-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Composes files of `dir`, named as a user in `dir` would name them. */
function compose(dir: string, ...paths: string[]): Composition {
  return composeRuleFiles(paths.map((path) => ({ path: join(dir, path), displayName: path })));
}

function ruleNames(composition: Composition): string[] {
  return composition.program.statements.filter((s): s is Rule => s.kind === "Rule").map((r) => r.name?.value ?? "?");
}

function rendered(composition: Composition): string {
  return renderDiagnostics(composition.source, composition.diagnostics);
}

const rule = (name: string) => `rule "${name}" on request_headers set "x-${name}" = "1"\n`;

describe("import", () => {
  it("inserts the imported file's statements at the point of the import", () => {
    const dir = folder({ "main.fw": rule("first") + 'import "common.fw"\n' + rule("last"), "common.fw": rule("shared-1") + rule("shared-2") });
    const composed = compose(dir, "main.fw");
    expect(composed.diagnostics).toEqual([]);
    expect(ruleNames(composed)).toEqual(["first", "shared-1", "shared-2", "last"]);
    expect(composed.program.imports).toBeUndefined();
  });

  it("includes a file reached twice (a diamond) once, where it is reached first", () => {
    const dir = folder({
      "main.fw": 'import "a.fw"\nimport "b.fw"\n' + rule("main"),
      "a.fw": 'import "common.fw"\n' + rule("a"),
      "b.fw": 'import "common.fw"\n' + rule("b"),
      "common.fw": rule("common"),
    });
    const composed = compose(dir, "main.fw");
    expect(composed.diagnostics).toEqual([]);
    expect(ruleNames(composed)).toEqual(["common", "a", "b", "main"]);
    expect(composed.source.files.map((f) => f.name)).toEqual(["main.fw", "a.fw", "common.fw", "b.fw"]);
  });

  it("reports a cycle with the chain of imports, at the import that closes it", () => {
    const dir = folder({ "a.fw": 'import "b.fw"\n' + rule("a"), "b.fw": rule("b") + 'import "c.fw"\n', "c.fw": 'import "a.fw"\n' });
    const composed = compose(dir, "a.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0003", "import cycle: a.fw → b.fw → c.fw → a.fw"]]);
    expect(rendered(composed)).toContain(" --> c.fw:1:8\n");
    // The rules of the files are still there, once each.
    expect(ruleNames(composed)).toEqual(["b", "a"]);
  });

  it("stops a chain of imports deeper than the limit with E0004 at the import past it, instead of overflowing the stack", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`d${i}.fw`] = `import "d${i + 1}.fw"\n`;
    files["d3000.fw"] = rule("last");
    const composed = compose(folder(files), "d0.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0004", "imports nested more than 64 deep"]]);
    expect(rendered(composed)).toContain(" --> d63.fw:1:8\n");
  });

  it("reports a file that imports itself", () => {
    const dir = folder({ "self.fw": rule("a") + 'import "self.fw"\n' });
    const composed = compose(dir, "self.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0003", "`self.fw` imports itself"]]);
    expect(rendered(composed)).toContain(" --> self.fw:2:8\n");
  });

  it("reports a missing file at the import line, with the path relative to the importing file", () => {
    const dir = folder({ "rules/main.fw": rule("a") + 'import "comon.fw"\n', "rules/common.fw": rule("b") });
    const composed = compose(dir, "rules/main.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0002", "cannot import rules/comon.fw: no such file or directory"]]);
    expect(rendered(composed)).toBe(
      [
        "error[E0002]: cannot import rules/comon.fw: no such file or directory",
        " --> rules/main.fw:2:8",
        "  |",
        '2 | import "comon.fw"',
        "  |        ^^^^^^^^^^",
        "  = hint: the path is relative to rules/main.fw's folder",
      ].join("\n"),
    );
  });

  it("names a missing absolute import by its own path, with no hint about the importing file's folder", () => {
    const dir = folder({ "main.fw": rule("a") });
    const missing = join(dir, "nowhere", "common.fw");
    writeFileSync(join(dir, "main.fw"), rule("a") + `import "${missing}"\n`);
    const composed = compose(dir, "main.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0002", `cannot import ${missing}: no such file or directory`]]);
    expect(rendered(composed)).not.toContain("hint");
  });

  it("reports a directory at the import line", () => {
    const dir = folder({ "main.fw": 'import "shared"\n', "shared/x.fw": rule("x") });
    expect(compose(dir, "main.fw").diagnostics.map((d) => [d.code, d.message])).toEqual([["E0002", "cannot import shared: it is a directory"]]);
  });

  it("refuses an imported file that is not UTF-8, in that file, naming the import line", () => {
    const dir = folder({ "main.fw": rule("a") + 'import "latin.fw"\n', "latin.fw": new Uint8Array([...Buffer.from('on response_headers set "x" = "caf'), 0xe9, ...Buffer.from('"\n')]) });
    const composed = compose(dir, "main.fw");
    expect(composed.diagnostics.map((d) => d.code)).toEqual(["E0001"]);
    const text = rendered(composed);
    expect(text).toContain(" --> latin.fw:1:35\n");
    expect(text).toContain(" --> main.fw:2:8\n");
    expect(text).toContain("imported by main.fw");
  });

  it("resolves a path with .. and names the file by it", () => {
    const dir = folder({ "team/main.fw": 'import "../shared/common.fw"\n' + rule("main"), "shared/common.fw": "\n\non request_header deny 403\n" });
    const composed = compose(dir, "team/main.fw");
    const front = analyze(composed);
    expect(front.diagnostics.map((d) => d.code)).toEqual(["E0201"]);
    const text = renderDiagnostics(composed.source, front.diagnostics);
    expect(text).toContain(" --> shared/common.fw:3:4\n");
    expect(text).toContain("3 | on request_header deny 403\n");
  });

  it("puts a syntax error of an imported file in that file", () => {
    const dir = folder({ "main.fw": rule("a") + 'import "bad.fw"\n', "bad.fw": rule("b") + 'on request_headers set x-env = "1"\n' });
    const composed = compose(dir, "main.fw");
    expect(composed.diagnostics.map((d) => d.code)).toEqual(["E0113"]);
    expect(rendered(composed)).toContain(" --> bad.fw:2:24\n");
  });
});

describe("several files", () => {
  it("compose in the order given, each included once", () => {
    const dir = folder({ "a.fw": rule("a"), "b.fw": 'import "a.fw"\n' + rule("b"), "c.fw": rule("c") });
    expect(ruleNames(compose(dir, "c.fw", "b.fw", "a.fw"))).toEqual(["c", "a", "b"]);
  });

  it("refuse a missing file on the command line as for one file: a FileAccessError", () => {
    const dir = folder({ "a.fw": rule("a") });
    expect(() => compose(dir, "a.fw", "missing.fw")).toThrow(FileAccessError);
  });

  it("share one namespace of rule names: a clash names both places", () => {
    const dir = folder({ "a.fw": rule("x"), "b.fw": "\n" + rule("x") });
    const composed = compose(dir, "a.fw", "b.fw");
    expect(composed.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0290", 'rule name "x" is already declared in a.fw']]);
    const text = rendered(composed);
    expect(text).toContain(" --> b.fw:2:6\n");
    expect(text).toContain(" --> a.fw:1:6\n");
    expect(text).toContain("first declared here");
  });

  it("share one namespace of params: E0210 names both files", () => {
    const dir = folder({ "a.fw": "param p = 1\n", "b.fw": 'param p = 2\non request_headers set "x" = "${p}"\n' });
    const composed = compose(dir, "a.fw", "b.fw");
    const front = analyze(composed);
    expect(front.diagnostics.map((d) => d.code)).toEqual(["E0210"]);
    const text = renderDiagnostics(composed.source, front.diagnostics);
    expect(text).toContain(" --> b.fw:1:7\n");
    expect(text).toContain(" --> a.fw:1:7\n");
  });

  it("let a rule of one file use a param of another", () => {
    const dir = folder({ "params.fw": 'param blocked = ["/admin"]\n', "rules.fw": 'import "params.fw"\non request_headers when request.path starts_with any blocked deny 403\n' });
    const front = analyze(compose(dir, "rules.fw"));
    expect(front.diagnostics).toEqual([]);
    expect(front.checked.params.map((p) => p.name)).toEqual(["blocked"]);
  });
});

describe("one file", () => {
  it("is exactly the parsed file: the same Source, the same program", () => {
    const text = "# hello\n" + rule("a") + "param p = 1\n";
    const dir = folder({ "one.fw": text });
    const composed = compose(dir, "one.fw");
    expect(composed.source).not.toBeInstanceOf(SourceSet);
    expect(composed.program).toEqual(parse(new Source("one.fw", text)).program);
  });
});

describe("SourceSet", () => {
  it("answers lines and columns within each file, and names the file", () => {
    const set = new SourceSet([new Source("a.fw", "ab\ncd"), new Source("b.fw", "x\ny")]);
    expect(set.text).toBe("ab\ncd\nx\ny\n");
    expect(set.position(4)).toEqual({ line: 2, column: 2 });
    expect(set.locate(6).file.name).toBe("b.fw");
    expect(set.position(8)).toEqual({ line: 2, column: 1 });
  });
});

describe("import from an editor's unsaved text", () => {
  it("composes the given text instead of the file on disk, and reads its imports from disk", () => {
    const dir = folder({ "main.fw": rule("saved"), "common.fw": rule("shared") });
    const composition = composeRuleFiles([{ path: join(dir, "main.fw"), displayName: "main.fw", text: 'import "common.fw"\n' + rule("unsaved") }]);
    expect(ruleNames(composition)).toEqual(["shared", "unsaved"]);
    expect(composition.source.files.map((f) => f.name)).toEqual(["main.fw", "common.fw"]);
  });

  it("takes the text of a file that does not exist yet", () => {
    const dir = folder({});
    expect(ruleNames(composeRuleFiles([{ path: join(dir, "new.fw"), text: rule("fresh") }]))).toEqual(["fresh"]);
  });
});
