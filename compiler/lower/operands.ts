/**
 * The operands of a lowered condition's top-level `&&` (or `||`), outer parentheses removed, each split again the
 * same way. Code that is not such a chain, or that this cannot split safely (the other operator, `?` or quotes at
 * the top level), is one operand.
 */
export function operands(code: string, operator: "&&" | "||"): string[] {
  code = code.trim();
  while (code.startsWith("(") && closingParen(code, 0) === code.length - 1) code = code.slice(1, -1).trim();
  if (/["'`]/.test(code)) return [code];
  const other = operator === "&&" ? "||" : "&&";
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && (c === "?" || code.startsWith(other, i))) return [code];
    else if (depth === 0 && code.startsWith(operator, i)) {
      parts.push(code.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  if (parts.length === 0) return [code];
  parts.push(code.slice(start));
  return parts.flatMap((part) => operands(part, operator));
}

/** The index of the parenthesis that closes the one at `open`. */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "(") depth++;
    else if (code[i] === ")" && --depth === 0) return i;
  }
  return -1;
}
