/**
 * A unified diff of two texts by lines, for `lint --fix-dry-run`: what `--fix` would change, readable as `git diff`
 * output. Fixes change a few lines of a file, so the common head and tail are cut first and only the middle is
 * compared (longest common subsequence); a middle too large for that is shown as removed then added.
 */

const CONTEXT = 2;
/** Cells of the comparison table beyond which the middle is not compared line by line. */
const MAX_CELLS = 4_000_000;

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  const ops = lineOps(splitLines(before), splitLines(after));
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === " ") {
      i++;
      continue;
    }
    // A hunk: CONTEXT lines before the first change, changes, and up to CONTEXT after the last one of a run.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let quiet = 0;
    while (end < ops.length && quiet <= 2 * CONTEXT) {
      quiet = ops[end]!.kind === " " ? quiet + 1 : 0;
      end++;
    }
    end -= Math.max(0, quiet - CONTEXT);
    hunks.push(hunk(ops, start, end));
    i = end;
  }
  return hunks.length === 0 ? "" : `--- ${oldName}\n+++ ${newName}\n${hunks.join("")}`;
}

function hunk(ops: readonly Op[], start: number, end: number): string {
  const lineOf = (kind: "-" | "+") => 1 + ops.slice(0, start).filter((o) => o.kind === " " || o.kind === kind).length;
  const slice = ops.slice(start, end);
  const oldCount = slice.filter((o) => o.kind !== "+").length;
  const newCount = slice.filter((o) => o.kind !== "-").length;
  const header = `@@ -${lineOf("-")},${oldCount} +${lineOf("+")},${newCount} @@\n`;
  return header + slice.map((o) => `${o.kind}${o.line}\n`).join("");
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function lineOps(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (lines: readonly string[]) => lines.map((line): Op => ({ kind: " ", line }));
  return [...same(a.slice(0, head)), ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)), ...same(a.slice(a.length - tail))];
}

function middle(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((line): Op => ({ kind: "-", line })), ...b.map((line): Op => ({ kind: "+", line }))];
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: "-", line: a[i++]! });
    } else {
      ops.push({ kind: "+", line: b[j++]! });
    }
  }
  return ops;
}
