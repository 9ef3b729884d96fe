import type { Expression } from "../../grammar/ast.js";
import { compileAddressSet } from "../address-set.js";
import type { IpRange } from "../net.js";
import type { Phase } from "../phases.js";
import { compileTestSet, isWideTestSet, type TestPattern } from "../regex/test-set.js";
import { printCode, testHole, type Code } from "../ir/code.js";
import type { SetBit } from "../ir/passes/rule-groups.js";
import { bytesKey, type StaticData } from "./static-data.js";

/**
 * A value tested against this many distinct constants gets a test set (compiler/regex/test-set.ts): one pass over
 * the value answers every test, so a request's cost stops growing with the number of rules. Below this, separate
 * tests are smaller and just as fast.
 */
export const TEST_SET_MIN_TESTS = 8;
/**
 * Bounds a set's table and build time: states per test (path-like constants take about 6, substrings about their
 * length), with a floor for small sets and a ceiling for all. A set that needs more is split in halves, down to
 * separate tests. Sets past 65,535 states take the wide table format, so one pass answers a value's tests however
 * many rules there are.
 */
const TEST_SET_STATES_PER_TEST = 64;
const TEST_SET_MIN_STATES = 16_384;
const TEST_SET_MAX_STATES = 1 << 20;

function stateBudget(tests: number): number {
  return Math.min(TEST_SET_MAX_STATES, Math.max(TEST_SET_MIN_STATES, TEST_SET_STATES_PER_TEST * tests));
}

/**
 * What a test set may be keyed on: a value read once per callback (a header cache read, with the slot a rule's
 * write forgets it by, or a request value captured for the response phase, which nothing writes); undefined for
 * any other code. LowerContext answers from the reads it handed out.
 */
export type SubjectOf = (code: string) => { readonly slot?: number } | undefined;

/** A string test (one pass of a DFA over the value) or an address list (compiler/address-set.ts). */
export type SetTest = { readonly kind: "string"; readonly pattern: TestPattern } | { readonly kind: "address"; readonly list: readonly IpRange[] };

interface Test {
  readonly subject: string;
  readonly test: SetTest;
  /** The test on its own, for values that get no set; called only then, so unused tables never reach the data. */
  readonly direct: () => Code;
}

export type { SetBit };

interface TestSet {
  readonly index: number;
  readonly subject: string;
  /** Header cache slot of the subject, when a rule can write it. */
  readonly slot?: number;
  readonly table: string;
  readonly words: number;
  readonly run: "testSetRun" | "testSetRunWide" | "addressSetRun";
}

/**
 * Collects the constant tests of every rule while lowering, then decides which values get a test set. Tests are
 * lowered to holes (ir/code.ts) filled when the program is printed, because whether a value gets a set
 * depends on all the rules. Results are computed on first use in a callback and forgotten when a rule writes the
 * value, so rules still see the values earlier rules left: the language stays sequential.
 */
export class TestSets {
  private readonly tests: Test[] = [];
  private readonly keys = new Map<string, number>();
  /** The test each condition node stands for, per phase (a node may be lowered for both, see capture-guards.ts). */
  private readonly sites = new Map<Expression, Map<Phase, number>>();

  constructor(
    private readonly data: StaticData,
    private readonly enabled: boolean,
    private readonly subjectOf: SubjectOf,
  ) {}

  /**
   * A condition: `test` holds for `subject`. `site` is the condition node whose whole value this is (not a node
   * that negates it), so requiredBits can find the test from the rule's condition.
   */
  test(subject: Code, test: SetTest, direct: () => Code, site?: { node: Expression; phase: Phase }): Code {
    // A subject with holes of its own is computed, not read once: it gets no set.
    if (!this.enabled || typeof subject !== "string" || this.subjectOf(subject) === undefined) return direct();
    const key = `${subject}\0${keyOf(test)}`;
    let index = this.keys.get(key);
    if (index === undefined) {
      index = this.tests.length;
      this.keys.set(key, index);
      this.tests.push({ subject, test, direct });
    }
    if (site !== undefined) {
      const byPhase = this.sites.get(site.node) ?? new Map<Phase, number>();
      byPhase.set(site.phase, index);
      this.sites.set(site.node, byPhase);
    }
    return testHole(index);
  }

  /** Decides the sets, once every rule is lowered: what the callbacks and the printer ask is the plan's. */
  plan(): TestPlan {
    const sets: TestSet[] = [];
    const answeredBy = new Map<number, readonly [TestSet, number]>();
    const bySubject = new Map<string, number[]>();
    this.tests.forEach((test, i) => {
      const key = `${test.test.kind} ${test.subject}`;
      const members = bySubject.get(key);
      if (members === undefined) bySubject.set(key, [i]);
      else members.push(i);
    });
    const addSet = (members: readonly number[]): boolean => {
      const tests = members.map((i) => this.tests[i]!.test);
      const subject = this.tests[members[0]!]!.subject;
      const table =
        tests[0]!.kind === "string"
          ? compileTestSet(tests.map((t) => (t.kind === "string" ? t.pattern : unreachable())), stateBudget(tests.length))
          : compileAddressSet(tests.map((t) => (t.kind === "address" ? t.list : unreachable())));
      if (table === undefined) return false;
      const set: TestSet = {
        index: sets.length,
        subject,
        slot: this.subjectOf(subject)!.slot,
        table: this.data.bytes(table, `test set over ${subject}: ${members.length} tests`),
        words: Math.ceil(members.length / 32),
        run: tests[0]!.kind === "string" ? (isWideTestSet(table) ? "testSetRunWide" : "testSetRun") : "addressSetRun",
      };
      sets.push(set);
      members.forEach((test, bit) => answeredBy.set(test, [set, bit]));
      return true;
    };
    // A value whose tests need more states than one table may have gets several, each a pass over the value: far
    // cheaper per request than one test per rule. Halving keeps the tries that fail to a few per value.
    const addSets = (members: readonly number[]): void => {
      if (members.length < TEST_SET_MIN_TESTS || addSet(members)) return;
      const half = Math.ceil(members.length / 2);
      addSets(members.slice(0, half));
      addSets(members.slice(half));
    };
    for (const members of bySubject.values()) addSets(members);
    return new TestPlan(this.tests, this.sites, sets, answeredBy);
  }

}

/** The sets decided: which tests they answer, and the code that computes and tests them. */
export class TestPlan {
  constructor(
    private readonly tests: readonly Test[],
    private readonly sites: ReadonlyMap<Expression, ReadonlyMap<Phase, number>>,
    private readonly sets: readonly TestSet[],
    /** test index -> [set, bit] for tests answered by a set */
    private readonly answeredBy: ReadonlyMap<number, readonly [TestSet, number]>,
  ) {}

  /**
   * Lowers the tests no set answers; before the static data's declarations. Called once
   * the callbacks are lowered, so a program without sets lays out its static data as it did before sets existed.
   */
  lowerSingleTests(): TestAnswers {
    const directCode = new Map<number, Code>();
    this.tests.forEach((test, i) => {
      if (!this.answeredBy.has(i)) directCode.set(i, test.direct());
    });
    return new TestAnswers(this.answeredBy, directCode);
  }

  /**
   * Test-set bits one of which must be set for `condition`, lowered in `phase`, to hold: a test answered by a set,
   * one operand of an `and` that has such bits, or every operand of an `or`. Undefined when there are none (a `not`
   * has none). After `plan`.
   */
  requiredBits(condition: Expression, phase: Phase): SetBit[] | undefined {
    if (condition.kind === "Paren") return this.requiredBits(condition.expression, phase);
    if (condition.kind === "Binary" && condition.op === "and") {
      return this.requiredBits(condition.left, phase) ?? this.requiredBits(condition.right, phase);
    }
    if (condition.kind === "Binary" && condition.op === "or") {
      const left = this.requiredBits(condition.left, phase);
      const right = left === undefined ? undefined : this.requiredBits(condition.right, phase);
      return right === undefined ? undefined : [...left!, ...right];
    }
    const test = this.sites.get(condition)?.get(phase);
    const answer = test === undefined ? undefined : this.answeredBy.get(test);
    return answer === undefined ? undefined : [{ set: answer[0].index, bit: answer[1] }];
  }

  /**
   * The test-set bit that is `condition`'s whole value when lowered in `phase` (the condition is one test a set
   * answers), or undefined. What a rule table (rule-table.ts) keys its rules by.
   */
  soleBit(condition: Expression, phase: Phase): SetBit | undefined {
    if (condition.kind === "Paren") return this.soleBit(condition.expression, phase);
    const test = this.sites.get(condition)?.get(phase);
    const answer = test === undefined ? undefined : this.answeredBy.get(test);
    return answer === undefined ? undefined : { set: answer[0].index, bit: answer[1] };
  }

  /** The address of set `set`'s result words, computed first if this callback has not yet. */
  resultOf(set: number): string {
    return `testSet${set}(ctx)`;
  }

  /** How many u32 words set `set`'s result has. */
  wordsOf(set: number): number {
    return this.sets[set]!.words;
  }

  /**
   * A condition that holds when any of `bits` is set. Sets are computed in the order the bits first name them, the
   * order in which the rules they belong to would need them, and only until one has a bit set.
   */
  anyOf(bits: readonly SetBit[]): string {
    const masksBySet = new Map<number, Map<number, number>>();
    for (const { set, bit } of bits) {
      const masks = masksBySet.get(set) ?? new Map<number, number>();
      masks.set(bit >> 5, ((masks.get(bit >> 5) ?? 0) | (1 << (bit & 31))) >>> 0);
      masksBySet.set(set, masks);
    }
    const perSet = [...masksBySet].map(([set, masks]) => {
      // The first load computes the set if this callback has not yet; the others read its words.
      const words = [...masks].map(([word, mask], i) => {
        const load = `load<u32>(${i === 0 ? `testSet${set}(ctx)` : `TSB${set}`}, ${word * 4})`;
        return mask === 0xffffffff ? load : `(${load} & 0x${mask.toString(16)})`;
      });
      return `${words.length === 1 ? words[0] : `(${words.join(" | ")})`} != 0`;
    });
    return perSet.join(" || ");
  }

  /** The sets computed from header cache slot `slot`: a rule that writes the header makes them stale. */
  setsOf(slot: number): number[] {
    return this.sets.filter((s) => s.slot === slot).map((s) => s.index);
  }

  /** Statements for the start of a callback, after `plan`: every result belongs to an earlier callback. */
  reset(): string {
    return this.sets.map((s) => `TS${s.index}_ready = false;`).join(" ");
  }

  declarations(): string[] {
    const out: string[] = [];
    for (const set of this.sets) {
      out.push(`const TSB${set.index} = memory.data(${set.words * 4}, 4);`);
      out.push(`let TS${set.index}_ready = false;`);
      // Inline, the common case (computed earlier in the callback) is a flag test next to the bit test.
      out.push("// @ts-ignore: decorator");
      out.push(`@inline function testSet${set.index}(ctx: u32): usize {`);
      out.push(`  if (!TS${set.index}_ready) testSet${set.index}Run(ctx);`);
      out.push(`  return TSB${set.index};`);
      out.push("}");
      out.push(`function testSet${set.index}Run(ctx: u32): void {`);
      out.push(`  ${set.run}(${set.table}, ${set.subject}, TSB${set.index});`);
      out.push(`  TS${set.index}_ready = true;`);
      out.push("}");
    }
    return out;
  }
}

/** The code of every test, once the tests no set answers are lowered too. */
export class TestAnswers {
  constructor(
    private readonly answeredBy: ReadonlyMap<number, readonly [TestSet, number]>,
    private readonly directCode: ReadonlyMap<number, Code>,
  ) {}

  /** The code of test `index`, for the printer (ir/code.ts printCode); after lowerSingleTests. */
  answer(index: number): string {
    const answer = this.answeredBy.get(index);
    return answer !== undefined ? `testSetHas(testSet${answer[0].index}(ctx), ${answer[1]})` : printCode(this.directCode.get(index)!, (test) => this.answer(test));
  }
}

function keyOf(test: SetTest): string {
  if (test.kind === "address") return `address\0${test.list.map((r) => `${Buffer.from(r.bytes).toString("hex")}/${r.prefix}`).join(" ")}`;
  const pattern = test.pattern;
  return `${pattern.kind}\0${pattern.kind === "regex" ? pattern.pattern : bytesKey(pattern.value)}`;
}

function unreachable(): never {
  throw new Error("internal: a test set mixes string and address tests");
}
