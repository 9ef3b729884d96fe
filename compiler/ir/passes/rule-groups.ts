/** A test answered by a test set: the set's id and the test's bit in its result words (lower/test-sets.ts). */
export interface SetBit {
  readonly set: number;
  readonly bit: number;
}

/** Something that runs rules: a rule or a chunk of rules. */
export interface RuleRun {
  /** Test-set bits one of which must be set for it to run anything; undefined when it may run whatever the sets say. */
  readonly bits?: readonly SetBit[];
}

/** A run on its own, or consecutive runs behind one test of the bits any of them needs. */
export type Grouped<T extends RuleRun> = { readonly kind: "single"; readonly run: T } | { readonly kind: "group"; readonly bits: readonly SetBit[]; readonly runs: readonly T[] };

/**
 * Groups consecutive runs that each need a bit, `minimum` to `maximum` of them, behind one test: when none of a
 * group's bits is set none of its rules can run. Order is kept, so rules stay sequential (see lower/dispatch.ts).
 */
export function groupRuleRuns<T extends RuleRun>(runs: readonly T[], minimum: number, maximum: number): Grouped<T>[] {
  const out: Grouped<T>[] = [];
  for (let i = 0; i < runs.length; ) {
    let end = i;
    while (end < runs.length && end - i < maximum && runs[end]!.bits !== undefined) end++;
    if (end - i < minimum) {
      out.push({ kind: "single", run: runs[i]! });
      i++;
      continue;
    }
    const group = runs.slice(i, end);
    out.push({ kind: "group", bits: group.flatMap((run) => run.bits!), runs: group });
    i = end;
  }
  return out;
}
