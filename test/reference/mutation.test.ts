/**
 * The compiler's front end on mutants of the examples (mutations.ts): reading, parsing and checking (`analyze`),
 * linting and formatting never throw, and end with diagnostics that have a code and a span inside the file. The
 * mutants the checker accepts are compiled to wasm in mutation-compile.e2e.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { formatSource } from "../../compiler/format.js";
import { lintSource } from "../../compiler/lint/index.js";
import { hasErrors, type Diagnostic } from "../../grammar/diagnostic.js";
import { parse } from "../../grammar/index.js";
import { firstDifference, meaningOf } from "../../grammar/printer-equivalence.js";
import { Source } from "../../grammar/source.js";
import { describeMutant, mutantArbitrary, MUTATION_SEED, readMutant, type Mutant } from "./mutations.js";

const MUTANTS = Number(process.env.FILTERC_MUTANTS ?? 500);

/** What is wrong with a list of diagnostics for a text of `length` characters, or undefined. */
function badDiagnostic(diagnostics: readonly Diagnostic[], length: number): string | undefined {
  for (const d of diagnostics) {
    if (typeof d.code !== "string" || !/^([EW]\d{4}|[a-z][a-z0-9-]*)$/.test(d.code)) return `no code: ${JSON.stringify(d)}`;
    const { start, end } = d.span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= length)) return `span out of bounds (${length} chars): ${JSON.stringify(d)}`;
    if (/bug in filterc|internal error/i.test(`${d.message} ${d.hint ?? ""}`)) return `an internal error reported as a diagnostic: ${JSON.stringify(d)}`;
  }
  return undefined;
}

/** Runs every front-end command on one mutant; returns the problem found, or undefined. Exceptions propagate. */
function problemWith(mutant: Mutant): string | undefined {
  const read = readMutant(mutant);
  const length = read.source.text.length;
  if (read.diagnostics.length > 0) {
    // Not UTF-8: every command refuses the file with this one diagnostic (compiler/rule-file.ts).
    expect(read.diagnostics.map((d) => d.code)).toEqual(["E0001"]);
    return badDiagnostic(read.diagnostics, length);
  }
  const front = analyze(read.source);
  const lint = lintSource(read.source);
  const problem = badDiagnostic(front.diagnostics, length) ?? badDiagnostic(lint.messages, length);
  if (problem !== undefined) return problem;
  // lint reports every compile diagnostic: a file the checker refuses never lints clean.
  if (hasErrors(front.diagnostics) && lint.errorCount === 0) return "analyze found errors lint did not";

  const formatted = formatSource(read.source);
  if (formatted.text === undefined) {
    if (!hasErrors(formatted.diagnostics)) return "fmt refused a file without syntax errors";
    return badDiagnostic(formatted.diagnostics, length);
  }
  const reparsed = parse(new Source("formatted.fw", formatted.text));
  if (hasErrors(reparsed.diagnostics)) return `the formatted text does not parse: ${JSON.stringify(reparsed.diagnostics.slice(0, 3))}`;
  const difference = firstDifference(meaningOf(parse(read.source).program), meaningOf(reparsed.program));
  if (difference !== undefined) return `the formatted text means something else, at ${difference}`;
  if (formatSource(new Source("formatted.fw", formatted.text)).text !== formatted.text) return "formatting the formatted text changes it";
  return undefined;
}

describe(`${MUTANTS} mutants of examples/ (seed ${MUTATION_SEED})`, () => {
  it("read, analyze, lint and fmt end in located diagnostics, never an exception", () => {
    let accepted = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(mutantArbitrary, (mutant) => {
        let problem: string | undefined;
        try {
          problem = problemWith(mutant);
        } catch (error) {
          problem = `threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
        }
        if (problem !== undefined) throw new Error(`seed ${MUTATION_SEED} (FILTERC_MUTATION_SEED=${MUTATION_SEED} replays it): ${problem}\nmutant: ${describeMutant(mutant)}`);
        const read = readMutant(mutant);
        if (read.diagnostics.length === 0 && !hasErrors(analyze(read.source).diagnostics)) accepted++;
        seen.add(new TextDecoder().decode(mutant.bytes));
      }),
      { seed: MUTATION_SEED, numRuns: MUTANTS, endOnFailure: true },
    );
    // The run is not vacuous: most mutants are distinct, and both accepted and refused ones occur.
    expect(seen.size).toBeGreaterThan(MUTANTS * 0.8);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(MUTANTS);
  });
});
