import type { Mismatch } from "./mismatch.js";

/** The outcome of one case. */
export interface CaseResult {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly passed: boolean;
  /** Expectations that did not hold. */
  readonly mismatches: readonly Mismatch[];
  /** Why the case could not be checked at all: the filter trapped, or did not load. */
  readonly failure?: string;
  readonly durationMs: number;
  /** Firings per rule (its index) and per `else` branch (`index.branch`) in this case (instrumented builds only). */
  readonly fired: ReadonlyMap<string, number>;
}

/** The outcomes of one case file against one filter. */
export interface FileResult {
  readonly caseFile: string;
  /** The rule file or module the cases ran against. */
  readonly filterPath: string;
  readonly cases: readonly CaseResult[];
  readonly durationMs: number;
}
