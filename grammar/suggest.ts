/**
 * "Did you mean ...?" suggestions: the known name closest to a misspelt one.
 *
 * Distance is optimal string alignment (Levenshtein plus adjacent transpositions), because the commonest typos
 * are a dropped, doubled or swapped letter (`reponse`, `requestt`, `reqeust`).
 */

/** Edits (insert, delete, substitute, swap two adjacent characters) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the transposition step looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * Names longer than this get only case-insensitive suggestions: the edit distance costs the product of the two
 * lengths, so two misspelt 16,000-character names took seconds (found by test/reference/mutation.test.ts), and
 * nobody mistypes a name that long by hand.
 */
export const MAX_SUGGESTED_LENGTH = 256;

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo. Close enough
 * means at most a third of the name's length in edits (at least one), so `foo` does not suggest `lower`.
 * A candidate that differs only in case always wins: `Request.Path` means `request.path`. `maxDistance`
 * overrides the limit, for names whose length overstates what may differ (a dotted field name).
 */
export function closestName(name: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  const limit = maxDistance ?? Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const sameLetters = candidate.toLowerCase() === name.toLowerCase();
    // The distance is at least the difference in length: a candidate that cannot be close enough is not measured.
    if (!sameLetters && (Math.abs(candidate.length - name.length) > limit || Math.max(candidate.length, name.length) > MAX_SUGGESTED_LENGTH)) continue;
    const distance = sameLetters ? 0 : editDistance(name, candidate);
    // Ties keep the first candidate, so callers control preference by order.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** The hint text for a suggestion, or undefined when there is none. */
export function didYouMean(name: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  const closest = closestName(name, candidates, maxDistance);
  return closest === undefined ? undefined : `did you mean \`${closest}\`?`;
}

/**
 * The closest keyword to a misspelt word (`sett`, `deni`). The limit grows with the word's length so that a short
 * unrelated word (`on` beside `or`) suggests nothing.
 */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The replacement a hint proposes, when it is a did-you-mean hint as `didYouMean` and the checker write them
 * ("did you mean `response_headers`?", possibly followed by more text): what an editor's quick fix puts in place of
 * the diagnostic's span. The one reader of the hint's form, beside the writers above.
 */
export function suggestedReplacement(hint: string | undefined): string | undefined {
  const match = hint === undefined ? null : /^did you mean `([^`]+)`\?/.exec(hint);
  return match === null ? undefined : match[1];
}
