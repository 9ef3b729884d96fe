import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type { Rule, Scope, Statement } from "../grammar/ast.js";
import { ruleHead } from "../grammar/walk.js";
import type { Analysis } from "./analysis.js";
import { rangeOf } from "./ranges.js";

/** The outline: params, rules (by name, or by phase when anonymous) and `for` blocks with the rules inside. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  return analysis.program.statements.map((s) => symbolOf(analysis, s));
}

function symbolOf(analysis: Analysis, statement: Statement): DocumentSymbol {
  const range = rangeOf(analysis.source, statement.span);
  switch (statement.kind) {
    case "ParamDecl":
      return { name: statement.name.name, detail: "param", kind: SymbolKind.Constant, range, selectionRange: rangeOf(analysis.source, statement.name.span) };
    case "Rule":
      return ruleSymbol(analysis, statement);
    case "Scope":
      return scopeSymbol(analysis, statement);
  }
}

function ruleSymbol(analysis: Analysis, rule: Rule): DocumentSymbol {
  const name = rule.name?.value ?? `on ${rule.phase.name}`;
  return {
    name,
    detail: `${rule.shadow ? "shadow " : ""}rule on ${rule.phase.name}`,
    kind: SymbolKind.Function,
    range: rangeOf(analysis.source, rule.span),
    selectionRange: rangeOf(analysis.source, rule.name?.span ?? ruleHead(rule)),
  };
}

function scopeSymbol(analysis: Analysis, scope: Scope): DocumentSymbol {
  return {
    name: `for ${scope.target} ${JSON.stringify(scope.value.value)}`,
    kind: SymbolKind.Namespace,
    range: rangeOf(analysis.source, scope.span),
    selectionRange: rangeOf(analysis.source, scope.targetSpan),
    children: scope.statements.map((s) => symbolOf(analysis, s)),
  };
}

/** Folds statements and blocks that span lines, and runs of comment lines. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const fold = (start: number, end: number, kind?: FoldingRangeKind) => {
    const range = rangeOf(analysis.source, { start, end });
    if (range.end.line > range.start.line) ranges.push({ startLine: range.start.line, endLine: range.end.line, ...(kind === undefined ? {} : { kind }) });
  };
  const visit = (statements: readonly Statement[]) => {
    for (const s of statements) {
      fold(s.span.start, s.span.end);
      if (s.kind === "Scope") visit(s.statements);
    }
  };
  visit(analysis.program.statements);
  const comments = analysis.program.comments;
  for (let i = 0; i < comments.length; ) {
    let j = i;
    const line = (k: number) => analysis.source.position(comments[k]!.span.start).line;
    while (j + 1 < comments.length && line(j + 1) === line(j) + 1) j++;
    fold(comments[i]!.span.start, comments[j]!.span.end, FoldingRangeKind.Comment);
    i = j + 1;
  }
  return ranges;
}
