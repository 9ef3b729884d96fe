import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitDeployment } from "../../compiler/emit/index.js";
import { sampleInput } from "./fixtures.js";

/**
 * Every user-supplied string that reaches the YAML (names, file names, labels, configuration, the comment that
 * names the wasm file) reads back as the same string, and none adds a key: neither under YAML 1.2 nor under
 * YAML 1.1, whose readers (PyYAML) also break lines at U+0085, U+2028 and U+2029.
 */

const HOSTILE = [
  "f.wasm\nlayered_runtime: injected",
  "a\r\nb: c",
  "x # not a comment",
  "key: value",
  "- item",
  "{ flow: map }",
  "'single' \"double\"",
  "*alias &anchor !tag",
  "next\u0085line: injected",
  "next\u2028line: injected",
  "para\u2029graph: injected",
  "on",
  "0755",
  "\u0000nul\u001b",
];

function hostileInput(text: string) {
  const input = sampleInput({
    name: text,
    namespace: text,
    selector: { [text]: text },
    wasmPath: text,
    url: text,
    rootId: text,
    envoy: { listenPort: 18000, upstreamHost: text, upstreamPort: 8080, adminPort: 19000, wasmFile: text },
  });
  input.pluginConfig = { [text]: text, list: [text] };
  return input;
}

function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsIn(item, into);
    }
  }
  return into;
}

const benignKeys = Object.fromEntries(emitDeployment(sampleInput()).map((file) => [file.name, Object.keys(parse(file.content) as object)]));

describe.each(HOSTILE)("settings and configuration set to %j", (text) => {
  const files = emitDeployment(hostileInput(text));

  it.each(files.map((file) => [file.name, file.content]))("%s has the same top-level keys and holds the string intact", (name, content) => {
    for (const version of ["1.1", "1.2"] as const) {
      const parsed = parse(content, { version }) as Record<string, unknown>;
      expect(Object.keys(parsed), `YAML ${version}`).toEqual(benignKeys[name]);
      const strings = stringsIn(parsed);
      const holds = strings.includes(text) || strings.some((s) => s.includes(JSON.stringify({ [text]: text }).slice(1, -1)));
      expect(holds, `YAML ${version}: ${JSON.stringify(text)} read back`).toBe(true);
    }
  });

  it.each(files.map((file) => [file.name, file.content]))("%s has no raw line break a YAML 1.1 reader would see", (_, content) => {
    expect(content).not.toMatch(/[\u0085\u2028\u2029\r]/);
    // Every line is a comment, a key, a list item or a continuation: none starts a key the input wrote.
    expect(content.split("\n").filter((line) => line.startsWith("layered_runtime") || /^(next|para)/.test(line))).toEqual([]);
  });
});

it("the envoy.yaml comment that names the wasm file stays one comment line", () => {
  const envoy = emitDeployment(hostileInput("f.wasm\nlayered_runtime: injected")).find((f) => f.name === "envoy.yaml")!.content;
  const comment = envoy.split("\n").find((line) => line.includes("code.local.filename"))!;
  expect(comment).toMatch(/^# .*"f\.wasm\\nlayered_runtime: injected"/);
});
