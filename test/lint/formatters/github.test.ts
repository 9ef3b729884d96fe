import { describe, expect, it } from "vitest";
import github from "../../../compiler/lint/formatters/github.js";
import { lintText } from "../helpers.js";
import { context, sampleResults } from "./support.js";

describe("github", () => {
  it("writes one workflow command per problem, with the range and the rule as title", () => {
    const lines = github(sampleResults(), context()).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '::error file=rules/gate.fw,line=2,col=6,endLine=2,endColumn=9,title=filterc no-duplicate-rule-name::rule name "a" is already used%0Ahint: give each rule its own name: `disabled_rules: ["a"]` would switch off both',
    );
    expect(lines[2]).toMatch(/^::warning file=rules\/gate\.fw,line=3,col=7,endLine=3,endColumn=13,title=filterc no-unused-param::param `unused`/);
  });

  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    const result = lintText('param unused = "100%"\n', undefined, "dir,with:odd%name.fw");
    const line = github([result], context()).trimEnd();
    expect(line.startsWith("::warning file=dir%2Cwith%3Aodd%25name.fw,line=1,")).toBe(true);
    expect(line).not.toMatch(/\n/);
    expect(line).toContain("%0Ahint: ");
  });

  it("prints nothing for clean results", () => {
    expect(github([sampleResults()[1]!], context())).toBe("");
  });
});
