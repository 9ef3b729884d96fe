import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../compiler/emit/index.js";
import { PROJECT_CODES, projectSchemaPath } from "../../compiler/project/index.js";
import { repoRoot } from "./istio-crds.js";

const schema = JSON.parse(readFileSync(resolve(repoRoot, "schemas/filterc.schema.json"), "utf8"));

describe("schemas/filterc.schema.json", () => {
  it("is what the loader reads", () => {
    expect(projectSchemaPath()).toBe(resolve(repoRoot, "schemas/filterc.schema.json"));
  });

  it("is a publishable, strict-clean JSON Schema", () => {
    expect(schema.$id).toMatch(/^https:\/\//);
    expect(schema.title).toContain("filterc.yaml");
    expect(() => new Ajv({ strict: true }).compile(schema)).not.toThrow();
  });

  it("describes every property, so editors can show help", () => {
    const missing: string[] = [];
    const visit = (node: Record<string, any>, at: string) => {
      for (const [key, child] of Object.entries<Record<string, any>>(node.properties ?? {})) {
        if (typeof child.description !== "string" || child.description.length < 10) missing.push(`${at}${key}`);
        visit(child, `${at}${key}.`);
        if (child.items) visit(child.items, `${at}${key}[].`);
      }
    };
    visit(schema, "");
    expect(missing).toEqual([]);
  });

  it("has a key for every deployment setting", () => {
    const settings = defaultSettings("x.fw");
    const keys = [
      ...Object.keys(settings).filter((k) => k !== "envoy"),
      "selector",
      "targetRefs",
      "port",
      "phase",
      "priority",
      "url",
    ];
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(keys));
    expect(Object.keys(schema.properties.envoy.properties).sort()).toEqual(Object.keys(settings.envoy).sort());
  });
});

describe("docs/deploy.md", () => {
  const docs = readFileSync(resolve(repoRoot, "docs/deploy.md"), "utf8");

  it("documents every filterc.yaml key and every project diagnostic code", () => {
    const keys = [
      ...Object.keys(schema.properties),
      ...Object.keys(schema.properties.envoy.properties).map((k) => `envoy.${k}`),
    ];
    expect(keys.filter((k) => !docs.includes(`\`${k}\``))).toEqual([]);
    expect(Object.keys(PROJECT_CODES).filter((code) => !docs.includes(code))).toEqual([]);
  });
});
