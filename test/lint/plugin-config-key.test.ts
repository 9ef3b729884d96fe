import { describe, expect, it } from "vitest";
import { loadProjectFile } from "../../compiler/project/index.js";
import { formatDiagnosticLine } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";

/** filterc.yaml's `pluginConfig` key, which lint checks against the rule files (added for the linter). */
function load(text: string) {
  const source = new Source("filterc.yaml", text);
  const loaded = loadProjectFile(source);
  return { pluginConfig: loaded.pluginConfig, problems: loaded.diagnostics.map((d) => formatDiagnosticLine(source, d)) };
}

describe("filterc.yaml pluginConfig", () => {
  it("reads param values and disabled_rules as they are", () => {
    expect(load("pluginConfig:\n  hsts_max_age: 600\n  blocked: [10.0.0.0/8]\n  disabled_rules: [hide-server]\n")).toEqual({
      pluginConfig: { hsts_max_age: 600, blocked: ["10.0.0.0/8"], disabled_rules: ["hide-server"] },
      problems: [],
    });
  });

  it("is absent when the file does not set it", () => {
    expect(load("name: x\n").pluginConfig).toBeUndefined();
  });

  it("must be a map, and disabled_rules a list of names", () => {
    expect(load("pluginConfig: [a]\n")).toEqual({ pluginConfig: undefined, problems: ["filterc.yaml:1:15: error[E0504]: `pluginConfig` must be a map, found a list"] });
    expect(load("pluginConfig:\n  disabled_rules: hide-server\n")).toEqual({
      pluginConfig: undefined,
      problems: ['filterc.yaml:2:19: error[E0504]: `pluginConfig.disabled_rules` must be a list, found "hide-server"'],
    });
    expect(load("pluginConfig:\n  disabled_rules: [\"\"]\n").problems).toEqual(["filterc.yaml:2:20: error[E0506]: `pluginConfig.disabled_rules[0]` must not be empty"]);
  });
});
