import { code, joinCode, type Code } from "./code.js";
import { printStatement } from "./print.js";
import { RULE_NEXT } from "./rule-result.js";
import type { ResolvedStatement, Statement } from "./statements.js";

/** A rule's actions as a function of the filter; its condition is tested by the callback (lower/dispatch.ts). */
export interface RuleFunction<S extends Statement | ResolvedStatement = Statement> {
  readonly name: string;
  /** The coverage counter the function counts its calls in (`filterc test --coverage`). */
  readonly coverageCounter?: string;
  /** The statements of each action, in order; each action runs in a block of its own. */
  readonly actions: readonly (readonly S[])[];
}

/** The rule function as AssemblyScript; it returns RULE_NEXT unless an action returned. */
export function printRuleFunction(fn: RuleFunction<ResolvedStatement>): Code {
  const lines: Code[] = [`function ${fn.name}(ctx: u32): i32 {`];
  if (fn.coverageCounter !== undefined) lines.push(`  coverageHit(${fn.coverageCounter});`);
  for (const action of fn.actions) lines.push("  {", ...action.map((statement) => code`    ${printStatement(statement)}`), "  }");
  lines.push(`  return ${RULE_NEXT};`, "}");
  return joinCode(lines, "\n");
}
