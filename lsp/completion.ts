import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import type { TokenType } from "chevrotain";
import { FIELDS } from "../compiler/fields.js";
import { FUNCTIONS } from "../compiler/functions/registry.js";
import { LOG_LEVELS } from "../compiler/check/actions.js";
import { PHASES } from "../compiler/phases.js";
import { lex } from "../grammar/lexer.js";
import { grammarParser } from "../grammar/parser.js";
import { ACTION_KEYWORDS, Keyword, STATEMENT_STARTS } from "../grammar/tokens.js";
import type { Analysis } from "./analysis.js";
import { ACTION_SYNOPSES, describeField, describePhase } from "./facts.js";
import { COMMON_HEADER_NAMES } from "./header-names.js";

/** Past this many tokens, content assist reads only the tokens since the last statement start: it parses them. */
const ASSIST_TOKENS = 2_000;

/**
 * What may be typed at the cursor, from the text before it (which is often half-typed and does not parse) and the
 * last analysis (its params, variables). Most specific context first: a header name in a string, a field after
 * `request.`, a phase after `on`, an operand after `when`/`and`/`or`/`${`; else the keywords the grammar accepts
 * there (Chevrotain's content assist), actions and snippets.
 */
export function completionsAt(analysis: Analysis | undefined, text: string, offset: number): CompletionItem[] {
  const before = text.slice(0, offset);
  const line = before.slice(before.lastIndexOf("\n") + 1);
  if (/(?:header\[\s*|(?:set|add|set_default|remove|rename|to)\s+)"[a-z0-9-]*$/i.test(line)) return headerNames();
  const dotted = /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.([A-Za-z0-9_]*)$/.exec(line);
  if (dotted !== null) return fieldSegments(dotted[1]!);
  if (/\bon\s+[A-Za-z_]*$/.test(line)) return phases();
  if (/\blog\s+[A-Za-z_]*$/.test(line)) return LOG_LEVELS.map((level) => ({ label: level, kind: CompletionItemKind.EnumMember }));
  if (/(?:\$\{|\b(?:when|and|or|not|in|any|contains|starts_with|ends_with)\s|[(,=!<>+*/%-]\s*|\[\s*)\s*[A-Za-z_]*$/.test(line)) return operands(analysis);
  return [...keywords(before), ...snippets(line)];
}

function headerNames(): CompletionItem[] {
  return COMMON_HEADER_NAMES.map((name) => ({ label: name, kind: CompletionItemKind.Value }));
}

/** The next segment of the fields that start with `prefix.`: `request.` offers `path`, `method`, `header[…]`. */
function fieldSegments(prefix: string): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  for (const field of FIELDS) {
    if (!field.name.startsWith(prefix + ".")) continue;
    const rest = field.name.slice(prefix.length + 1);
    const segment = rest.split(".")[0]!;
    if (items.has(segment)) continue;
    const leaf = segment === rest;
    items.set(segment, {
      label: leaf && field.keyed ? `${segment}[…]` : segment,
      kind: CompletionItemKind.Field,
      detail: leaf ? field.type : undefined,
      ...(leaf ? { documentation: { kind: "markdown", value: describeField(field) } } : {}),
      filterText: segment,
      insertText: leaf && field.keyed ? `${segment}["$1"]` : segment,
      insertTextFormat: leaf && field.keyed ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    });
  }
  return [...items.values()];
}

function phases(): CompletionItem[] {
  return PHASES.map((phase) => ({ label: phase, kind: CompletionItemKind.EnumMember, documentation: { kind: "markdown", value: describePhase(phase) } }));
}

/** What an expression may start with: fields, the file's params and variables, functions. */
function operands(analysis: Analysis | undefined): CompletionItem[] {
  const items: CompletionItem[] = FIELDS.map((field) => ({
    label: field.keyed ? `${field.name}[…]` : field.name,
    kind: CompletionItemKind.Field,
    detail: field.type,
    documentation: { kind: "markdown", value: describeField(field) },
    filterText: field.name,
    insertText: field.keyed ? `${field.name}["$1"]` : field.name,
    insertTextFormat: field.keyed ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  }));
  for (const param of analysis?.checked.params ?? []) {
    items.push({ label: param.name, kind: CompletionItemKind.Constant, detail: `param: ${param.type} = ${JSON.stringify(param.defaultValue)}` });
  }
  for (const variable of analysis?.checked.variables ?? []) {
    items.push({ label: variable.name, kind: CompletionItemKind.Variable, detail: `let: ${variable.type ?? "unknown"}` });
  }
  for (const fn of FUNCTIONS.values()) {
    items.push({ label: fn.name, kind: CompletionItemKind.Function, detail: `${fn.synopsis}: ${fn.result}`, insertText: `${fn.name}($1)`, insertTextFormat: InsertTextFormat.Snippet });
  }
  return items;
}

/** The keywords the grammar accepts after the complete tokens before the cursor. */
function keywords(before: string): CompletionItem[] {
  const partial = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before)?.[0] ?? "";
  let tokens = lex(before.slice(0, before.length - partial.length)).tokens;
  if (tokens.length > ASSIST_TOKENS) {
    const starts = new Set<TokenType>(STATEMENT_STARTS);
    let from = tokens.length - 1;
    while (from > 0 && !starts.has(tokens[from]!.tokenType)) from--;
    tokens = tokens.slice(from);
  }
  let next: TokenType[];
  try {
    next = grammarParser()
      .computeContentAssist("program", tokens)
      .map((s) => s.nextTokenType);
  } catch {
    next = [...STATEMENT_STARTS];
  }
  const words = new Map<string, CompletionItem>();
  for (const type of next) {
    const isKeyword = (type.CATEGORIES ?? []).includes(Keyword) || ACTION_KEYWORDS.includes(type);
    const word = isKeyword ? /^`([a-z_]+)`$/.exec(type.LABEL ?? "")?.[1] : undefined;
    if (word === undefined || words.has(word)) continue;
    const synopses = ACTION_SYNOPSES.get(word);
    words.set(word, {
      label: word,
      kind: CompletionItemKind.Keyword,
      ...(synopses === undefined ? {} : { detail: "action", documentation: { kind: "markdown", value: synopses.join("\n\n") } }),
    });
  }
  return [...words.values()];
}

/** Whole statements, offered at the start of a line. */
function snippets(line: string): CompletionItem[] {
  if (!/^\s*[A-Za-z_]*$/.test(line)) return [];
  const snippet = (label: string, body: string, detail: string): CompletionItem => ({ label, kind: CompletionItemKind.Snippet, detail, insertText: body, insertTextFormat: InsertTextFormat.Snippet });
  return [
    snippet("rule deny", 'rule "${1:name}" on request_headers when ${2:request.path starts_with "/admin"} deny ${3:403}', "refuse matching requests"),
    snippet("rule set header", 'rule "${1:name}" on response_headers set "${2:x-frame-options}" = "${3:DENY}"', "add a response header"),
    snippet("rule redirect", 'rule "${1:name}" on request_headers when request.path matches "${2:^/old/}" redirect 301 "${3:/new/}"', "redirect matching paths"),
    snippet("rule block", 'rule "${1:name}" on request_headers\n  when ${2:condition} {\n    log warn "${3:message}"\n    deny ${4:403}\n  }', "a rule with several actions"),
    snippet("param", "param ${1:name} = ${2:\"value\"}", "a runtime-configurable value"),
  ];
}
