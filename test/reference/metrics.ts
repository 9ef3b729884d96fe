/**
 * Metrics (docs/language.md, "Metrics"), written from the language reference: what `count` and `observe` add to
 * which stat. A worker's set of label values outlives a stream, so it lives in a MetricState the caller keeps for
 * as long as the compiled filter it is compared with stays loaded.
 */
import type { Count, Observe } from "../../grammar/ast.js";
import { evaluate, text, type Scope } from "./expressions.js";

export class MetricState {
  /** Per `count ... by` name without `only`: the label values in the order first seen. */
  private readonly seen = new Map<string, string[]>();
  /** This stream's changes: counters by stat name, histograms as `NAME` (sum) and `NAME#samples`. */
  delta: Record<string, number> = {};

  /** `filterc.test.`: the default prefix of a rule file called test.fw, which the differential tests compile. */
  constructor(readonly prefix = "filterc.test.") {}

  /** Starts a stream's delta. */
  begin(): void {
    this.delta = {};
  }

  count(scope: Scope, action: Count): void {
    const name = this.prefix + action.name.value;
    if (action.by === undefined) return this.add(name, 1);
    const value = evaluate(scope, action.by.value);
    this.add(`by=.=${this.label(action, value === undefined ? undefined : text(value))};.;${name}`, 1);
  }

  observe(scope: Scope, action: Observe): void {
    const value = evaluate(scope, action.value);
    // Absent and negative values are not recorded.
    if (typeof value !== "bigint" || value < 0n) return;
    const name = this.prefix + action.name.value;
    this.add(name, Number(value));
    this.add(`${name}#samples`, 1);
  }

  /** The label a value counts under: itself as a label, or `other`. */
  private label(action: Count, value: string | undefined): string {
    if (value === undefined || value === "") return "other";
    // `value` is a byte string: the first 64 bytes, and every byte but A-Z a-z 0-9 _ - as `_`.
    const label = value.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, "_");
    const only = action.by!.only;
    if (only !== undefined) {
      const listed = only.items.some((item) => item.kind === "StringLiteral" && item.value === value);
      return listed && label === value ? label : "other";
    }
    const limit = action.by!.limit?.value ?? 16;
    const seen = this.seen.get(action.name.value) ?? [];
    this.seen.set(action.name.value, seen);
    if (seen.includes(label)) return label;
    if (seen.length >= limit) return "other";
    seen.push(label);
    return label;
  }

  /** language.md, "Bodies": a body past maxBody, counted by its direction and what was done with it. */
  bodyOverflow(direction: "request" | "response", outcome: "denied" | "passed"): void {
    this.add(`direction=.=${direction};.;outcome=.=${outcome};.;${this.prefix}body_overflow`, 1);
  }

  /** A change of 0 (recording the value 0 adds nothing to the sum) is no change, as the compiled side sees it. */
  /**
   * A shadow rule fired (language.md, "Shadow mode"): its counter `shadow.NAME` after the prefix, each character of
   * the name other than an ASCII letter, digit, `_`, `.` or `-` written `_`.
   */
  shadowFired(ruleName: string): void {
    this.add(`${this.prefix}shadow.${Array.from(ruleName, (c) => (/[A-Za-z0-9_.-]/.test(c) ? c : "_")).join("")}`, 1);
  }

  private add(name: string, amount: number): void {
    if (amount === 0) return;
    this.delta[name] = (this.delta[name] ?? 0) + amount;
  }
}
