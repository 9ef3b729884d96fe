import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";
import { beforeAll, describe, expect, it } from "vitest";
import { LOG_LEVELS } from "../../compiler/check/actions.js";
import { FIELDS } from "../../compiler/fields.js";
import { FUNCTIONS } from "../../compiler/functions/registry.js";
import { PHASES } from "../../compiler/phases.js";
import { LIMIT_UNITS } from "../../grammar/limit-syntax.js";
import { allTokens, Identifier, Keyword } from "../../grammar/tokens.js";
import { repoRoot } from "../support/paths.js";

/**
 * The TextMate grammar (editors/textmate/filterc.tmLanguage.json) run by the engine VS Code runs it with
 * (vscode-textmate on the Oniguruma regex library compiled to wasm), on snippets and on every example.
 */
const GRAMMAR_PATH = join(repoRoot, "editors/textmate/filterc.tmLanguage.json");

type Grammar = textmate.IGrammar;
let grammar: Grammar;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName: string) => (scopeName === "source.filterc" ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null),
  });
  grammar = (await registry.loadGrammar("source.filterc"))!;
});

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
  readonly line: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split("\n").forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: index + 1 });
    state = result.ruleStack;
  });
  return tokens;
}

/** The innermost scope of the first token whose text is `text` (after the `skip`th such token). */
function scopeOf(tokens: readonly Token[], text: string, skip = 0): string {
  const found = tokens.filter((t) => t.text === text)[skip];
  if (found === undefined) throw new Error(`no token \`${text}\` in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found.scopes.at(-1)!;
}

describe("the TextMate grammar", () => {
  it("is source.filterc for .fw and .rules files", () => {
    const raw = JSON.parse(readFileSync(GRAMMAR_PATH, "utf8"));
    expect(raw.scopeName).toBe("source.filterc");
    expect(raw.fileTypes).toEqual(["fw", "rules"]);
  });

  it("scopes comments, directives, phases, actions and rule names", () => {
    const tokens = tokenize('# filterc-disable-next-line no-unused-param -- why\nrule "admin" shadow on request_headers when request.path starts_with "/admin" {\n  log warn "no"\n  deny 403\n}');
    expect(scopeOf(tokens, "filterc-disable-next-line")).toBe("keyword.other.directive.filterc");
    expect(tokens[0]!.scopes).toContain("comment.line.number-sign.filterc");
    expect(scopeOf(tokens, "admin")).toBe("entity.name.function.rule.filterc");
    expect(scopeOf(tokens, "shadow")).toBe("storage.modifier.shadow.filterc");
    expect(scopeOf(tokens, "request_headers")).toBe("support.constant.phase.filterc");
    expect(scopeOf(tokens, "request.path")).toBe("variable.language.field.filterc");
    expect(scopeOf(tokens, "starts_with")).toBe("keyword.operator.word.filterc");
    expect(scopeOf(tokens, "warn")).toBe("constant.language.log-level.filterc");
    expect(scopeOf(tokens, "deny")).toBe("keyword.other.action.filterc");
    expect(scopeOf(tokens, "403")).toBe("constant.numeric.integer.decimal.filterc");
    expect(scopeOf(tokens, "{")).toBe("punctuation.section.block.filterc");
  });

  it("scopes strings, escapes and ${} interpolation with strings inside", () => {
    const tokens = tokenize('on response_headers set "x-id" = "id=${request.header["x-id"]}\\n${response.status / 100}xx"');
    expect(scopeOf(tokens, "id=")).toBe("string.quoted.double.filterc");
    expect(scopeOf(tokens, "${")).toBe("punctuation.section.interpolation.begin.filterc");
    expect(scopeOf(tokens, "request.header")).toBe("variable.language.field.filterc");
    const inner = tokens.find((t) => t.text === "x-id" && t.scopes.includes("meta.interpolation.filterc"))!;
    expect(inner.scopes.at(-1)).toBe("string.quoted.double.filterc");
    expect(scopeOf(tokens, "\\n")).toBe("constant.character.escape.filterc");
    expect(scopeOf(tokens, "/")).toBe("keyword.operator.arithmetic.filterc");
    expect(scopeOf(tokens, "xx")).toBe("string.quoted.double.filterc");
    expect(scopeOf(tokens, "=")).toBe("keyword.operator.assignment.filterc");
  });

  it("scopes the string after matches as a regular expression", () => {
    const tokens = tokenize('on request_headers when request.path matches "^/v[0-9]+/(.*)$" rewrite path "/${match[1]}"');
    expect(scopeOf(tokens, "^")).toBe("keyword.control.anchor.regexp.filterc");
    expect(scopeOf(tokens, "[0-9]")).toBe("constant.other.character-class.set.regexp.filterc");
    expect(scopeOf(tokens, "+")).toBe("keyword.operator.quantifier.regexp.filterc");
    expect(tokens.find((t) => t.text === "[0-9]")!.scopes).toContain("string.regexp.filterc");
    expect(scopeOf(tokens, "match")).toBe("variable.language.match.filterc");
    expect(scopeOf(tokens, "path", 0)).toBe("keyword.other.filterc");
  });

  it("scopes params, variables, functions, lists, limits and scopes", () => {
    const tokens = tokenize('param bots = ["curl", "wget"]\nfor host suffix ".example.com" {\n  on request_headers when lower(request.header["user-agent"]) contains any bots { let v = uuid(); limit 10 per minute by source.address burst 20 }\n}');
    expect(scopeOf(tokens, "bots")).toBe("variable.other.constant.param.filterc");
    expect(scopeOf(tokens, "bots", 1)).toBe("variable.other.filterc");
    expect(scopeOf(tokens, "suffix")).toBe("keyword.other.scope.filterc");
    expect(scopeOf(tokens, "lower")).toBe("support.function.builtin.filterc");
    expect(scopeOf(tokens, "any")).toBe("keyword.operator.word.filterc");
    expect(scopeOf(tokens, "v")).toBe("variable.other.readwrite.filterc");
    expect(scopeOf(tokens, "limit")).toBe("keyword.other.action.filterc");
    expect(scopeOf(tokens, "minute")).toBe("constant.language.duration.filterc");
    expect(scopeOf(tokens, "burst")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "[")).toBe("punctuation.section.brackets.filterc");
  });

  it("leaves words that are keywords only in one place as names elsewhere", () => {
    const tokens = tokenize("param count = 3\non request_headers when count > 1 count \"hits\"");
    expect(scopeOf(tokens, "count", 1)).toBe("variable.other.filterc");
    expect(scopeOf(tokens, "count", 2)).toBe("keyword.other.action.filterc");
    expect(scopeOf(tokens, ">")).toBe("keyword.operator.comparison.filterc");
  });
});

describe("the TextMate grammar knows every word of the compiler", () => {
  it.each(allTokens.filter((t) => t.CATEGORIES?.includes(Keyword)).map((t) => t.LABEL!.replaceAll("`", "")))("keyword %s", (word) => {
    expect(scopeOf(tokenize(word), word)).toMatch(/^(keyword|storage|constant\.language)\./);
  });

  // Words that start an action only where one may start (grammar/tokens.ts `word`): in that place.
  it.each(allTokens.filter((t) => t.CATEGORIES?.includes(Identifier) && t !== Identifier).map((t) => t.LABEL!.replaceAll("`", "")))("action word %s", (word) => {
    const action = { count: 'count "hits"', observe: 'observe "size" 1', replace: 'replace "a" with "b"', limit: "limit 5 per second", authorize: 'authorize with "ext-authz"' }[word];
    expect(action, `an example of the action ${word}`).toBeDefined();
    expect(scopeOf(tokenize(`on request_body ${action}`), word)).toBe("keyword.other.action.filterc");
  });

  it.each([...PHASES])("phase %s", (phase) => {
    expect(scopeOf(tokenize(`on ${phase} stop`), phase)).toBe("support.constant.phase.filterc");
  });

  it.each(FIELDS.map((f) => f.name))("field %s", (field) => {
    expect(scopeOf(tokenize(`on request_headers when ${field} == 1 stop`), field)).toBe("variable.language.field.filterc");
  });

  it.each([...FUNCTIONS.keys()])("function %s", (name) => {
    expect(scopeOf(tokenize(`on request_headers log info ${name}(x)`), name)).toBe("support.function.builtin.filterc");
  });

  it.each([...LOG_LEVELS])("log level %s", (level) => {
    expect(scopeOf(tokenize(`on request_headers log ${level} "x"`), level)).toBe("constant.language.log-level.filterc");
  });

  it.each([...LIMIT_UNITS])("limit unit %s", (unit) => {
    expect(scopeOf(tokenize(`on request_headers limit 5 per ${unit}`), unit)).toBe("constant.language.duration.filterc");
  });
});

describe("the examples", () => {
  const files = readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".fw"));

  it.each(files)("%s: every line tokenizes, with no text left unscoped or marked invalid", (file) => {
    const tokens = tokenize(readFileSync(join(repoRoot, "examples", file), "utf8"));
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith("invalid.")));
    expect(invalid.map((t) => `${file}:${t.line} ${t.text}`)).toEqual([]);
    const bare = tokens.filter((t) => t.scopes.length === 1 && t.text.trim() !== "");
    expect(bare.map((t) => `${file}:${t.line} \`${t.text}\``)).toEqual([]);
    // Every rule's phase is a phase, every comment a comment.
    expect(tokens.filter((t) => t.text.startsWith("#") && !t.scopes.some((s) => s.startsWith("comment.")) && !t.scopes.some((s) => s.startsWith("string."))).map((t) => t.text)).toEqual([]);
  });

  it("scopes chosen tokens of edge.fw", () => {
    const tokens = tokenize(readFileSync(join(repoRoot, "examples/edge.fw"), "utf8"));
    expect(scopeOf(tokens, "internal_networks")).toBe("variable.other.constant.param.filterc");
    expect(scopeOf(tokens, "correlation-id")).toBe("entity.name.function.rule.filterc");
    expect(scopeOf(tokens, "set_default")).toBe("keyword.other.action.filterc");
    expect(scopeOf(tokens, "uuid")).toBe("support.function.builtin.filterc");
  });

  it("scopes a global limit's clauses", () => {
    const tokens = tokenize('rule "q" on request_headers limit 5 per day by request.header["x-t"] via "rl" timeout 50ms on failure deny');
    expect(scopeOf(tokens, "day")).toBe("constant.language.duration.filterc");
    expect(scopeOf(tokens, "via")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "timeout")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "ms")).toBe("constant.language.duration.filterc");
    expect(scopeOf(tokens, "failure")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "deny")).toBe("constant.language.filterc");
  });

  it("scopes the clauses of authorize", () => {
    const tokens = tokenize('rule "a" on request_headers authorize with "ext-authz" grpc timeout 50ms on failure allow send headers ["authorization"]');
    expect(scopeOf(tokens, "authorize")).toBe("keyword.other.action.filterc");
    expect(scopeOf(tokens, "with")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "grpc")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "send")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "headers")).toBe("keyword.other.filterc");
    expect(scopeOf(tokens, "allow")).toBe("constant.language.filterc");
    const copy = tokenize('on request_headers authorize with "c" path "/check" copy headers ["x-user-id"]');
    expect([scopeOf(copy, "copy"), scopeOf(copy, "path")]).toEqual(["keyword.other.filterc", "keyword.other.filterc"]);
  });

  it("scopes chosen tokens of login-throttle.fw and card-redaction.fw", () => {
    const throttle = tokenize(readFileSync(join(repoRoot, "examples/login-throttle.fw"), "utf8"));
    expect(scopeOf(throttle, "login_rate", 0)).toBe("variable.other.constant.param.filterc");
    expect(scopeOf(throttle, "login_rate", 1)).toBe("variable.other.filterc");
    expect(scopeOf(throttle, "minute")).toBe("constant.language.duration.filterc");
    expect(scopeOf(throttle, "buckets")).toBe("keyword.other.filterc");
    expect(scopeOf(throttle, "16384")).toBe("constant.numeric.integer.decimal.filterc");
    const cards = tokenize(readFileSync(join(repoRoot, "examples/card-redaction.fw"), "utf8"));
    expect(scopeOf(cards, "replace")).toBe("keyword.other.action.filterc");
    expect(scopeOf(cards, "{12,18}")).toBe("keyword.operator.quantifier.regexp.filterc");
    expect(scopeOf(cards, "[ -]")).toBe("constant.other.character-class.set.regexp.filterc");
    expect(scopeOf(cards, "[card number removed]")).toBe("string.quoted.double.filterc");
  });
});
