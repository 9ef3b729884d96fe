import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import sarif from "../../../compiler/lint/formatters/sarif.js";
import { RULES } from "../../../compiler/lint/rules/index.js";
import { schemaCopy } from "../../support/schemas.js";
import { lintText } from "../helpers.js";
import { context, sampleResults } from "./support.js";

/** The official SARIF 2.1.0 schema (OASIS), copied into test/schemas. */
const SCHEMA_PATH = schemaCopy("sarif-schema-2.1.0.json");

function validator() {
  // A CommonJS module: under NodeNext the class is its `default` export (also at runtime, where both work).
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  // ajv-formats is not a dependency; these are the formats the SARIF schema uses, checked strictly enough.
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///"));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")));
}

/** A file whose only problem has a fix: a disable comment on line 2 that covers nothing. */
function staleDirective() {
  return lintText('on request_headers log info "x"\n# filterc-disable-next-line\non request_headers log info "y"\n', undefined, "rules/stale.fw");
}

describe("sarif", () => {
  it("is valid SARIF 2.1.0, with results and without", () => {
    const validate = validator();
    for (const results of [sampleResults(), [], [lintText("param x = 1\n", undefined, "/abs/path/rules.fw")], [staleDirective()]]) {
      const log = JSON.parse(sarif(results, context()));
      const valid = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it("describes every lint rule with its help URI, and the compile codes that occur", () => {
    const log = JSON.parse(sarif(sampleResults(), context()));
    const run = log.runs[0];
    expect(log.version).toBe("2.1.0");
    expect(run.tool.driver).toMatchObject({ name: "filterc", version: "1.2.3" });
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...[...RULES.keys()].sort(), "E0402"]);
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === "no-unused-param")).toEqual({
      id: "no-unused-param",
      shortDescription: { text: RULES.get("no-unused-param")!.meta.description },
      helpUri: "https://filterc.dev/docs/rules/no-unused-param.md",
      defaultConfiguration: { level: "warning" },
      properties: { tags: ["suggestion"] },
    });
    expect(run.tool.driver.rules.at(-1)).toMatchObject({ id: "E0402", shortDescription: { text: expect.stringContaining("upper") }, defaultConfiguration: { level: "error" } });
  });

  it("locates results relative to %SRCROOT%, the working directory, with related locations", () => {
    const run = JSON.parse(sarif(sampleResults(), context())).runs[0];
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/project/" } });
    expect(run.columnKind).toBe("utf16CodeUnits");
    const [duplicate] = run.results;
    expect(duplicate).toMatchObject({
      ruleId: "no-duplicate-rule-name",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "rules/gate.fw", uriBaseId: "%SRCROOT%" }, region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 9 } } }],
      relatedLocations: [{ id: 0, message: { text: "first used here" }, physicalLocation: { region: { startLine: 1, startColumn: 6 } } }],
    });
    expect(run.tool.driver.rules[duplicate.ruleIndex].id).toBe("no-duplicate-rule-name");
  });

  it("describes a fix as a replacement of a region of the file, and marks fixable rules", () => {
    const run = JSON.parse(sarif([staleDirective()], context())).runs[0];
    expect(run.results[0]).toMatchObject({ ruleId: "unused-disable" });
    expect(run.results[0].fixes).toEqual([
      {
        description: { text: "remove the comment" },
        artifactChanges: [
          {
            artifactLocation: { uri: "rules/stale.fw", uriBaseId: "%SRCROOT%" },
            replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 1 } }],
          },
        ],
      },
    ]);
    const fixable = run.tool.driver.rules.filter((r: { properties?: { fixable?: boolean } }) => r.properties?.fixable).map((r: { id: string }) => r.id);
    expect(fixable).toEqual(["no-conflicting-set", "no-constant-condition", "no-unreachable", "unused-disable"]);
  });

  it("always writes results, even when there are none", () => {
    expect(JSON.parse(sarif([], context())).runs[0].results).toEqual([]);
  });
});
