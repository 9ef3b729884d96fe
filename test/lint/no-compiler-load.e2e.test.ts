import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/compile.js";
import { tempTree } from "./helpers.js";

/**
 * Lint must never load the AssemblyScript compiler or Binaryen (seconds of start-up, hundreds of MB). A module
 * hook registered with `--import` records every URL the process resolves, including dynamic imports; the test
 * lints real files through the CLI and looks at that list.
 */
function hookFiles(root: string, log: string): string {
  writeFileSync(
    join(root, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}
`,
  );
  writeFileSync(join(root, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
  return pathToFileURL(join(root, "register.mjs")).href;
}

/** CommonJS loads (yaml and ajv are required lazily) do not pass the ESM hook: a preload script logs them. */
function requireLogger(root: string, log: string): string {
  const path = join(root, "require-log.cjs");
  writeFileSync(
    path,
    `const Module = require("node:module");
const { appendFileSync } = require("node:fs");
const load = Module._load;
Module._load = function (request, ...rest) {
  appendFileSync(${JSON.stringify(log)}, "require:" + request + "\\n");
  return load.call(this, request, ...rest);
};
`,
  );
  return path;
}

function resolvedUrls(root: string, args: readonly string[]): { urls: string[]; status: number | null } {
  const log = join(root, `resolved-${args.length}.log`);
  writeFileSync(log, "");
  const register = hookFiles(root, log);
  const run = spawnSync(process.execPath, ["--require", requireLogger(root, log), "--import", register, ...args], { cwd: root, encoding: "utf8" });
  return { urls: readFileSync(log, "utf8").split("\n").filter(Boolean), status: run.status };
}

const heavy = (url: string) => /\/node_modules\/(assemblyscript|binaryen)\//.test(url);

describe("filterc lint loads no compiler back end", () => {
  it("resolves neither assemblyscript nor binaryen while linting", () => {
    if (!existsSync(join(repoRoot, "dist", "cli", "lint-command.js"))) throw new Error("dist/ is stale: run `npx tsc -p tsconfig.json` first");
    const root = tempTree({
      "rules.fw": 'param unused = 1\non request_headers when request.path matches "^/a" deny 403\non response_headers set "connection" = "x"\n',
      "filterc.yaml": "lint:\n  no-unused-param: error\n",
    });
    const { urls, status } = resolvedUrls(root, [join(repoRoot, "dist", "cli", "main.js"), "lint", "--format", "sarif", "."]);
    expect(status).toBe(1);
    expect(urls.some((u) => u.endsWith("/dist/compiler/lint/engine.js"))).toBe(true);
    expect(urls.filter(heavy)).toEqual([]);
  });

  it("loads no YAML or JSON Schema library, host or test runner when there is no filterc.yaml", () => {
    const root = tempTree({ "rules.fw": 'on response_headers set "x-a" = "b"\n' });
    const { urls, status } = resolvedUrls(root, [join(repoRoot, "dist", "cli", "main.js"), "lint", "rules.fw"]);
    expect(status).toBe(0);
    expect(urls.some((u) => u.endsWith("/dist/compiler/lint/engine.js"))).toBe(true);
    const unneeded = (u: string) => /\/node_modules\/(yaml|ajv)\/|\/dist\/host\/|\/dist\/compiler\/testing\/(?!codes\.js)|^require:(yaml|ajv)$/.test(u);
    expect(urls.filter(unneeded)).toEqual([]);
    // With a filterc.yaml the same logging does see yaml being required.
    writeFileSync(join(root, "filterc.yaml"), "lint:\n  no-unused-param: error\n");
    expect(resolvedUrls(root, [join(repoRoot, "dist", "cli", "main.js"), "lint", "rules.fw"]).urls).toContain("require:yaml");
  });

  it("would notice if they were loaded (the hook sees dynamic imports of them)", () => {
    const root = tempTree({ "load.mjs": `await import(${JSON.stringify(pathToFileURL(join(repoRoot, "node_modules", "binaryen", "package.json")).href)}, { with: { type: "json" } });\n` });
    const { urls } = resolvedUrls(root, [join(root, "load.mjs")]);
    expect(urls.filter(heavy).length).toBeGreaterThan(0);
  });
});
