import { ByteSet } from "./byteset.js";
import type { ParsedRegex, RegexNode, TopAlternative } from "./syntax.js";

/** State kinds of the NFA. Only `consume` and the two match kinds are kept in DFA state sets. */
export const SPLIT = 0;
export const CONSUME = 1;
/** The pattern has matched and no `$` is pending: the search result is certain. */
export const MATCH_NOW = 2;
/** The pattern has matched if the input ends here (`$`). */
export const MATCH_AT_END = 3;

/**
 * A Thompson NFA over bytes. A `split` state has epsilon edges `next[s]`; a `consume` state reads one byte of
 * `label[s]` and moves to `next[s][0]`.
 */
export interface Nfa {
  readonly kind: readonly number[];
  readonly next: readonly (readonly number[])[];
  readonly label: readonly (ByteSet | undefined)[];
  readonly start: number;
}

/**
 * Builds the search automaton. Alternatives anchored with `^` are entered only at the first byte; the others
 * from a loop that consumes any byte first, which is what makes the match a search (an implicit leading `.*`
 * that, unlike a written one, also crosses newlines).
 */
export function buildNfa(regex: ParsedRegex): Nfa {
  const builder = new NfaBuilder();
  builder.addPattern(regex.alternatives);
  return builder.finish();
}

/** Builds Thompson NFAs state by state; `buildNfa` and the test-set compiler (test-set.ts) share it. */
export class NfaBuilder {
  readonly kind: number[] = [];
  readonly next: number[][] = [];
  readonly label: (ByteSet | undefined)[] = [];
  private readonly anchored: number[] = [];
  private readonly floating: number[] = [];

  /** Adds one pattern, with match states of its own, to the patterns the automaton searches for. */
  addPattern(alternatives: readonly TopAlternative[]): void {
    const matchNow = this.add(MATCH_NOW, []);
    const matchAtEnd = this.add(MATCH_AT_END, []);
    for (const alternative of alternatives) {
      const entry = this.build(alternative.body, alternative.anchoredEnd ? matchAtEnd : matchNow);
      (alternative.anchoredStart ? this.anchored : this.floating).push(entry);
    }
  }

  /** The search automaton over every pattern added: one start state, plus the search loop if any floats. */
  finish(): Nfa {
    const anchored = [...this.anchored];
    if (this.floating.length > 0) {
      const loop = this.add(SPLIT, []);
      const skip = this.add(CONSUME, [loop], ByteSet.all());
      this.setNext(loop, [...this.floating, skip]);
      anchored.push(loop);
    }
    return { kind: this.kind, next: this.next, label: this.label, start: this.add(SPLIT, anchored) };
  }

  add(kind: number, next: number[], label?: ByteSet): number {
    this.kind.push(kind);
    this.next.push(next);
    this.label.push(label);
    return this.kind.length - 1;
  }

  setNext(state: number, next: number[]): void {
    this.next[state] = next;
  }

  /** Builds `node` backwards: returns the state that matches `node` and then continues at `next`. */
  build(node: RegexNode, next: number): number {
    switch (node.kind) {
      case "empty":
        return next;
      case "set":
        return this.add(CONSUME, [next], node.set);
      case "concat": {
        let state = next;
        for (let i = node.items.length - 1; i >= 0; i--) state = this.build(node.items[i]!, state);
        return state;
      }
      case "alt":
        return this.add(
          SPLIT,
          node.items.map((item) => this.build(item, next)),
        );
      case "repeat":
        return this.buildRepeat(node.item, node.min, node.max, next);
      case "group":
        // The DFA does not see groups; only match groups (group-program.ts) record where they start and end.
        return this.build(node.item, next);
    }
  }

  /** `x{min,max}` as `min` copies followed by `x*` or by nested optionals `(x(x)?)?`, so skipping is one step. */
  private buildRepeat(item: RegexNode, min: number, max: number, next: number): number {
    let state = next;
    if (max === Infinity) {
      const loop = this.add(SPLIT, []);
      const body = this.build(item, loop);
      this.setNext(loop, [body, next]);
      // `x+` needs no separate copy: enter the body first and loop back through the split.
      if (min >= 1) {
        state = body;
        min--;
      } else {
        state = loop;
      }
    } else {
      for (let i = min; i < max; i++) state = this.add(SPLIT, [this.build(item, state), next]);
    }
    for (let i = 0; i < min; i++) state = this.build(item, state);
    return state;
  }
}
