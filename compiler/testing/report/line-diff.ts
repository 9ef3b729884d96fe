/**
 * A line diff of two texts for failure reports: common lines with two spaces, removed (expected) lines with
 * `- `, added (actual) lines with `+ `. Longest common subsequence; bodies in tests are small. A final newline
 * ends the last line rather than starting an empty one; when only one text has it, a note says so.
 */
export function lineDiff(expected: string, actual: string): string[] {
  const a = linesOf(expected);
  const b = linesOf(actual);
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      // Removals before additions, as diff tools print them.
      out.push(`- ${a[i]}`);
      i++;
    } else {
      out.push(`+ ${b[j]}`);
      j++;
    }
  }
  const endsA = expected.endsWith("\n");
  const endsB = actual.endsWith("\n");
  if (endsA !== endsB) out.push(`(the expected text ${endsA ? "ends" : "does not end"} with a newline, the actual text ${endsB ? "does" : "does not"})`);
  return out;
}

function linesOf(text: string): string[] {
  if (text === "") return [];
  return (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
}
