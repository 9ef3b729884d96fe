import type { Span } from "../grammar/ast.js";
import { programRules } from "../grammar/walk.js";
import type { Analysis } from "./analysis.js";
import { contains } from "./ranges.js";

/** A name that can be looked up, found and renamed across a rule file and the YAML files beside it. */
export interface NamedSymbol {
  readonly kind: "param" | "rule" | "variable";
  readonly name: string;
}

export interface Occurrence {
  readonly span: Span;
  readonly declaration: boolean;
}

/** The symbol whose name is under the cursor, and the span of that name. */
export function symbolAt(analysis: Analysis, offset: number): { symbol: NamedSymbol; span: Span } | undefined {
  for (const { symbol, occurrence } of allOccurrences(analysis)) {
    if (contains(occurrence.span, offset)) return { symbol, span: occurrence.span };
  }
  return undefined;
}

/** Where a symbol's name is written in the rule file: declarations (`param`, `rule "…"`, `let`) and uses. */
export function occurrencesOf(analysis: Analysis, symbol: NamedSymbol): Occurrence[] {
  return allOccurrences(analysis)
    .filter((o) => o.symbol.kind === symbol.kind && o.symbol.name === symbol.name)
    .map((o) => o.occurrence);
}

function allOccurrences(analysis: Analysis): { symbol: NamedSymbol; occurrence: Occurrence }[] {
  const { checked, program, text } = analysis;
  const inFile = (span: Span) => span.end <= text.length;
  const found: { symbol: NamedSymbol; occurrence: Occurrence }[] = [];
  for (const statement of program.statements) {
    if (statement.kind === "ParamDecl") found.push({ symbol: { kind: "param", name: statement.name.name }, occurrence: { span: statement.name.span, declaration: true } });
  }
  for (const { rule } of programRules(program.statements)) {
    const name = rule.name;
    // Only a name written without escapes: its characters between the quotes are the name itself.
    if (name !== undefined && name.raw === name.value) {
      found.push({ symbol: { kind: "rule", name: name.value }, occurrence: { span: { start: name.span.start + 1, end: name.span.end - 1 }, declaration: true } });
    }
  }
  for (const variable of checked.variables) {
    for (const site of variable.sites) {
      if (inFile(site.let.name.span)) found.push({ symbol: { kind: "variable", name: variable.name }, occurrence: { span: site.let.name.span, declaration: true } });
    }
  }
  for (const [reference, resolution] of checked.references) {
    if (!inFile(reference.span) || resolution.kind === "field") continue;
    const name = resolution.kind === "param" ? resolution.param.name : resolution.variable.name;
    const span = reference.segments[0]!.span;
    found.push({ symbol: { kind: resolution.kind, name }, occurrence: { span, declaration: false } });
  }
  return found;
}
