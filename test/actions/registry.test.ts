import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "../../compiler/actions/registry.js";
import type { Action } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { repoRoot } from "../support/paths.js";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

/** One rule file with every action once, and the kind each line parses to. */
const SAMPLES: Readonly<Record<Action["kind"], string>> = {
  HeaderAssign: 'set "x-a" = "1"',
  HeaderRemove: 'remove "x-a"',
  HeaderRemovePrefix: 'remove prefix "x-"',
  HeaderRename: 'rename "x-a" to "x-b"',
  QueryParam: 'set query "page" = "2"',
  RewritePath: 'rewrite path "/"',
  RewritePrefix: 'rewrite prefix "/a/" to "/b/"',
  Deny: "deny 403",
  Respond: 'respond 200 "ok" with { "x-a" = "1" }',
  Redirect: 'redirect "/elsewhere"',
  Log: 'log info "hello"',
  Stop: "stop",
  Let: 'let tenant = request.header["x-tenant"]',
  Count: 'count "requests" by request.method only ["GET"]',
  Observe: 'observe "status" 200',
  Replace: 'replace matches "[0-9]+" with "#"',
  Limit: 'limit 10 per minute by source.address burst 5 buckets 64 headers off',
  Authorize: 'authorize with "ext-authz" timeout 50ms on failure allow send headers ["authorization"] path "/check" copy headers ["x-user-id"]',
};

describe("the action registry", () => {
  it("has every action the parser builds, and each sample parses to its kind", () => {
    const kinds = Object.keys(SAMPLES) as Action["kind"][];
    expect(Object.keys(ACTIONS).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      const { program, diagnostics } = parse(new Source("t.fw", `on request_headers ${SAMPLES[kind]}\n`));
      expect(diagnostics).toEqual([]);
      const rule = program.statements.find((s) => s.kind === "Rule");
      expect(rule?.kind === "Rule" ? rule.actions.map((a) => a.kind) : []).toEqual([kind]);
    }
  });

  it("documents every action in docs/language.md and docs/grammar.md", () => {
    const language = read("docs/language.md");
    const grammar = read("docs/grammar.md");
    const actionProduction = /^action\s+=([^;]*);/m.exec(grammar)?.[1] ?? "";
    for (const [kind, definition] of Object.entries(ACTIONS)) {
      expect(language.includes(`| ${definition.synopsis}`), `${kind}: ${definition.synopsis} in docs/language.md`).toBe(true);
      expect(actionProduction.split(/[\s|]+/), `${kind}: ${definition.production} in the action production`).toContain(definition.production);
      expect(new RegExp(`^${definition.production}\\s+=`, "m").test(grammar), `${kind}: a ${definition.production} production`).toBe(true);
    }
  });

  it("has every action's keyword in the fmt round-trip generator", () => {
    const generator = read("test/fmt/generator.ts");
    for (const [kind, sample] of Object.entries(SAMPLES)) {
      const { program } = parse(new Source("t.fw", `on request_headers ${sample}\n`));
      const rule = program.statements.find((s) => s.kind === "Rule");
      const action = rule?.kind === "Rule" ? rule.actions[0]! : undefined;
      const keyword = action === undefined ? kind : ACTIONS[action.kind].keyword(action as never);
      expect(generator.includes(`"${keyword}"`), `${kind}: "${keyword}" in test/fmt/generator.ts`).toBe(true);
    }
  });
});
