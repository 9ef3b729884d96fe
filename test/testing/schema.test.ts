import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { caseSchemaPath, TEST_CODES } from "../../compiler/testing/index.js";
import { repoRoot } from "../support/paths.js";

const schemaFile = resolve(repoRoot, "schemas/filterc-test.schema.json");
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
const examples = readdirSync(resolve(repoRoot, "examples")).filter((f) => f.endsWith(".test.yaml"));

describe("schemas/filterc-test.schema.json", () => {
  it("is the file the loader reads, and a strict-clean, publishable JSON Schema", () => {
    expect(caseSchemaPath()).toBe(schemaFile);
    expect(schema.$id).toMatch(/^https:\/\//);
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(schema)).not.toThrow();
  });

  it("describes every property, so editors can show help", () => {
    const missing: string[] = [];
    const visit = (node: Record<string, any>, at: string) => {
      for (const [key, child] of Object.entries<Record<string, any>>(node.properties ?? {})) {
        if (typeof child.description !== "string" || child.description.length < 10) missing.push(`${at}${key}`);
      }
      for (const [key, child] of Object.entries<Record<string, any>>(node.definitions ?? {})) visit(child, `${key}.`);
      for (const branch of node.anyOf ?? []) visit(branch, at);
    };
    visit(schema, "");
    expect(missing).toEqual([]);
  });

  it("accepts every example case file, read by an independent validator", () => {
    expect(examples.sort()).toEqual(["admin-gate.test.yaml", "authz-gate.test.yaml", "body-guard.test.yaml", "bot-block.test.yaml", "canary.test.yaml", "card-redaction.test.yaml", "edge.test.yaml", "hello.test.yaml", "legacy-redirects.test.yaml", "login-redirect.test.yaml", "login-throttle.test.yaml", "moved-paths.test.yaml", "security-headers.test.yaml", "shadow-rollout.test.yaml", "tenant-metrics.test.yaml", "tenant-quota.test.yaml", "tenants.test.yaml", "virtual-hosts.test.yaml"]);
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
    for (const name of examples) {
      const data = parseYaml(readFileSync(resolve(repoRoot, "examples", name), "utf8"));
      expect(validate(data) ? [] : validate.errors, name).toEqual([]);
    }
  });

  it("has an explanation for every code, in E0601..E0699", () => {
    for (const [code, doc] of Object.entries(TEST_CODES)) {
      expect(code).toMatch(/^E06\d\d$/);
      expect(doc.title.length).toBeGreaterThan(5);
      expect(doc.explanation.length).toBeGreaterThan(40);
    }
  });
});
