import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { composeRuleFiles } from "../../compiler/imports.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { loadHost } from "../../host/index.js";
import { Source } from "../../grammar/source.js";
import { header } from "../support/compile.js";

/** Several files, one filter (docs/language.md, "Several files"): composed programs run in the host. */

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "filterc-imports-e2e-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function wasmOf(dir: string, ...paths: string[]): Promise<Uint8Array> {
  const composed = composeRuleFiles(paths.map((path) => ({ path: join(dir, path), displayName: path })));
  const result = await compileRules(composed);
  if (result.wasm === undefined) throw new Error(renderDiagnostics(composed.source, result.diagnostics));
  return result.wasm;
}

const DIAMOND = {
  "main.fw": 'import "team/a.fw"\nimport "team/b.fw"\non request_headers set "x-order" = "${request.header["x-order"]}main"\n',
  "team/a.fw": 'import "../shared/common.fw"\non request_headers set "x-order" = "${request.header["x-order"]}a,"\n',
  "team/b.fw": 'import "../shared/common.fw"\non request_headers set "x-order" = "${request.header["x-order"]}b,"\n',
  "shared/common.fw": 'param greeting = "hello"\non request_headers set "x-order" = "common,"\nrule "greet" on response_headers set "x-greeting" = greeting\n',
};

describe("a composed program in the host", () => {
  it("runs the rules of every file in composition order, a diamond's shared file once", async () => {
    const host = await loadHost(await wasmOf(folder(DIAMOND), "main.fw"));
    const result = host.runStream({ request: { path: "/" } });
    expect(header(result.upstreamRequest!.headers, "x-order")).toBe("common,a,b,main");
    expect(header(result.response.headers, "x-greeting")).toBe("hello");
  });

  it("takes an imported file's params and rule names from the plugin configuration", async () => {
    const wasm = await wasmOf(folder(DIAMOND), "main.fw");
    const host = await loadHost(wasm, { pluginConfig: JSON.stringify({ greeting: "hi" }) });
    expect(header(host.runStream({ request: { path: "/" } }).response.headers, "x-greeting")).toBe("hi");
    const disabled = await loadHost(wasm, { pluginConfig: JSON.stringify({ disabled_rules: ["greet"] }) });
    expect(header(disabled.runStream({ request: { path: "/" } }).response.headers, "x-greeting")).toBeUndefined();
  });

  it("composes files named together in the order named", async () => {
    const dir = folder({ "one.fw": 'on request_headers set "x-order" = "one"\n', "two.fw": 'on request_headers set "x-order" = "${request.header["x-order"]},two"\n' });
    const forward = (await loadHost(await wasmOf(dir, "one.fw", "two.fw"))).runStream({ request: { path: "/" } });
    expect(header(forward.upstreamRequest!.headers, "x-order")).toBe("one,two");
    const backward = (await loadHost(await wasmOf(dir, "two.fw", "one.fw"))).runStream({ request: { path: "/" } });
    expect(header(backward.upstreamRequest!.headers, "x-order")).toBe("one");
  });

  it("builds the same module as the files written as one", async () => {
    const dir = folder(DIAMOND);
    const inlined = [DIAMOND["shared/common.fw"], DIAMOND["team/a.fw"], DIAMOND["team/b.fw"], DIAMOND["main.fw"]].map((t) => t.replace(/^import .*\n/gm, "")).join("");
    const single = await compileRules(new Source("all.fw", inlined));
    expect(single.wasm).toBeDefined();
    expect(await wasmOf(dir, "main.fw")).toEqual(single.wasm);
  });

  it("builds a program of one file exactly as before imports existed", async () => {
    const text = 'param p = "v"\nrule "r" on request_headers when request.path starts_with "/a" set "x-p" = p\n';
    const dir = folder({ "one.fw": text });
    const before = await compileRules(new Source("one.fw", text));
    expect(await wasmOf(dir, "one.fw")).toEqual(before.wasm);
  });
});
