import { readFileSync, writeFileSync } from "node:fs";
import { generateCstDts } from "../../grammar/chevrotain.js";
import { expect, it } from "vitest";
import { grammarParser } from "../../grammar/parser.js";

const file = new URL("../../grammar/cst.d.ts", import.meta.url);
const HEADER =
  "/* Generated from the grammar by test/grammar/cst-dts.test.ts (run it with UPDATE_CST_DTS=1 after changing grammar/parser.ts). Do not edit. */\n";

it("grammar/cst.d.ts matches the grammar", () => {
  const generated = HEADER + generateCstDts(grammarParser().getGAstProductions(), { visitorInterfaceName: "RuleFileCstVisitor" });
  if (process.env["UPDATE_CST_DTS"] === "1") writeFileSync(file, generated);
  expect(readFileSync(file, "utf8")).toBe(generated);
});
