/**
 * The compiled-module cache's key leaves out the Node version (module-cache.ts), so that CI's Node 22 pass can take
 * the modules its Node 20 pass compiled (.ci/run). That is sound only if asc and Binaryen make the same bytes on
 * every Node: this file compiles programs afresh on the Node it runs on and compares them with the cache's module,
 * which on CI's second pass another Node compiled (FILTERC_TEST_CACHE_FROM_NODE names it, and then every module
 * compared must be that Node's).
 */
import { describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { compileText, compiledTextWrittenBy, readExample } from "./compile.js";

/** Examples that between them use regexes, bodies, params and local replies: most of what the runtime holds. */
const PROGRAMS = ["hello.fw", "legacy-redirects.fw", "body-guard.fw"];
const otherNode = process.env.FILTERC_TEST_CACHE_FROM_NODE;

describe(`modules compiled on ${process.version}`, () => {
  it.each(PROGRAMS)(`%s: the same bytes as the cache's module${otherNode ? `, compiled on ${otherNode}` : ""}`, async (name) => {
    const text = readExample(name);
    const cached = await compileText(text, name);
    const fresh = (await compileRules(new Source(name, text))).wasm;
    expect(fresh).toBeDefined();
    expect(Buffer.from(fresh!).equals(Buffer.from(cached)), `${name} compiles to other bytes on ${process.version}`).toBe(true);
    if (otherNode) {
      expect(otherNode).not.toBe(process.version);
      expect(compiledTextWrittenBy(text, name)).toBe(otherNode);
    }
  });
});
