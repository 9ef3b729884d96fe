import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVitest, type Vitest } from "vitest/node";
import { repoRoot } from "./paths.js";

/**
 * `npm test` runs the unit and e2e projects of vitest.config.ts; `npm run test:unit` and `npm run test:e2e` one
 * each. A test file in neither would run nowhere, and one in both would run twice. This asks vitest itself which
 * project each file under test/ belongs to. (An e2e file: loading the configuration starts esbuild.)
 */
describe("the unit and e2e test sets", () => {
  let vitest: Vitest;
  beforeAll(async () => {
    vitest = await createVitest("test", { watch: false, config: join(repoRoot, "vitest.config.ts") }, {}, {});
  });
  afterAll(() => vitest?.close());

  const testFiles = readdirSync(join(repoRoot, "test"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

  it("put every test file in test/ in exactly one of them", () => {
    const projects = (file: string) => vitest.projects.filter((project) => project.matchesTestGlob(file)).map((project) => project.name);
    const misplaced = testFiles.map((file) => [relative(repoRoot, file), projects(file)] as const).filter(([, names]) => names.length !== 1);
    expect(misplaced).toEqual([]);
    expect(vitest.projects.map((project) => project.name).sort()).toEqual(["e2e", "unit"]);
  });

  it("classify by folder and by the .e2e.test.ts suffix", () => {
    const projectOf = (path: string) => vitest.projects.find((project) => project.matchesTestGlob(join(repoRoot, path)))?.name;
    expect(projectOf("test/grammar/statements.test.ts")).toBe("unit");
    expect(projectOf("test/lint/rules/some-rule.test.ts")).toBe("unit");
    expect(projectOf("test/ir/passes.test.ts")).toBe("unit");
    expect(projectOf("test/lint/cli.e2e.test.ts")).toBe("e2e");
    for (const folder of ["e2e", "host", "guards", "cli", "toolchain"]) expect(projectOf(`test/${folder}/any/depth.test.ts`)).toBe("e2e");
  });
});
