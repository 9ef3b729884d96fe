import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

/** The TypeScript sources under a folder of the repository, as [path relative to the root, text]. */
function sources(folder: string): [string, string][] {
  const out: [string, string][] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts")) out.push([relative(repoRoot, path), readFileSync(path, "utf8")]);
    }
  };
  visit(join(repoRoot, folder));
  return out;
}

/** The module paths a source imports (static and dynamic). */
function imports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** The code generator: AST to IR to AssemblyScript. */
const CODE_GENERATOR = ["compiler/lower", "compiler/ir", "compiler/actions"].flatMap(sources);

const where = (files: [string, string][], test: (text: string) => boolean) => files.filter(([, text]) => test(text)).map(([path]) => path);

describe("architecture", () => {
  it("the code generator edits no generated text: no /*filterc: markers, no .replace(", () => {
    expect(CODE_GENERATOR.length).toBeGreaterThan(20);
    expect(where(CODE_GENERATOR, (text) => text.includes("/*filterc:"))).toEqual([]);
    expect(where(CODE_GENERATOR, (text) => /\.replace(All)?\(/.test(text))).toEqual([]);
  });

  it("no comparison with a phase's name outside the phase table (compiler/phases.ts)", () => {
    const phaseName = `"(?:request|response)_[a-z]+"`;
    const comparison = new RegExp(`[!=]==\\s*${phaseName}|${phaseName}\\s*[!=]==|phase\\s*[!=]==?\\s*"`);
    const files = ["compiler", "grammar", "cli", "host", "bench"].flatMap(sources).filter(([path]) => path !== join("compiler", "phases.ts"));
    expect(where(files, (text) => comparison.test(text))).toEqual([]);
  });

  it("the code generator imports nothing of lint", () => {
    expect(where(CODE_GENERATOR, (text) => imports(text).some((path) => /(^|\/)lint(\/|$)/.test(path)))).toEqual([]);
  });

  it("grammar/ imports nothing of compiler/: imports only point down the pipeline", () => {
    expect(where(sources("grammar"), (text) => imports(text).some((path) => path.includes("compiler/")))).toEqual([]);
  });
});
