/**
 * Every program the checker accepts compiles through asc and Binaryen: the first mutants of examples/
 * (mutations.ts, the seed of mutation.test.ts) that `analyze` accepts and whose meaning differs from every
 * example's, compiled with compileRules. An asc or Binaryen error on accepted input is a compiler bug
 * (InternalCompilerError), never the user's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, compileRules } from "../../compiler/build.js";
import { hasErrors } from "../../grammar/diagnostic.js";
import { firstDifference, meaningOf } from "../../grammar/printer-equivalence.js";
import { MAX_NAME_BYTES } from "../../grammar/limits.js";
import { Source } from "../../grammar/source.js";
import { describeMutant, EXAMPLES, mutantArbitrary, MUTATION_SEED, readMutant, type Mutant } from "./mutations.js";

const COMPILED = 4;

function acceptedMutants(): Mutant[] {
  const originals = EXAMPLES.map((e) => meaningOf(analyze(new Source(e.name, new TextDecoder().decode(e.bytes))).program));
  const chosen: Mutant[] = [];
  const meanings: unknown[] = [];
  for (const mutant of fc.sample(mutantArbitrary, { seed: MUTATION_SEED, numRuns: 2000 })) {
    if (chosen.length === COMPILED) break;
    const read = readMutant(mutant);
    if (read.diagnostics.length > 0) continue;
    const front = analyze(read.source);
    if (hasErrors(front.diagnostics) || front.checked.rules.length === 0) continue;
    const meaning = meaningOf(front.program);
    if ([...originals, ...meanings].some((m) => firstDifference(m, meaning) === undefined)) continue;
    chosen.push(mutant);
    meanings.push(meaning);
  }
  return chosen;
}

describe(`mutants the checker accepts compile (seed ${MUTATION_SEED})`, () => {
  const mutants = acceptedMutants();
  it(`finds ${COMPILED} accepted mutants that change the program`, () => {
    expect(mutants).toHaveLength(COMPILED);
  });
  for (const [i, mutant] of mutants.entries()) {
    it(`mutant ${i + 1} of ${mutant.example} (${mutant.mutations.map((m) => m.kind).join(", ")}) compiles to wasm`, async () => {
      const read = readMutant(mutant);
      const result = await compileRules(read.source).catch((error: unknown) => {
        throw new Error(`seed ${MUTATION_SEED}: compileRules threw on an accepted mutant: ${String(error)}\n${describeMutant(mutant)}`);
      });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.wasm?.length ?? 0, describeMutant(mutant)).toBeGreaterThan(0);
    });
  }

  // Found by this suite (seed 13, canary.fw with a param and a rule named with 18,447 `n`): the checker accepted
  // the file, then lowering threw "internal: name too long for the configuration key table" (a bug in filterc to
  // the CLI). Now E0123 (grammar/limits.ts); the longest name allowed compiles.
  it(`a param and rule name of ${MAX_NAME_BYTES} bytes compiles; one more is E0123 at the name`, async () => {
    const program = (name: string) => new Source("long-name.fw", `param ${name} = "v"\nrule "${name}" on request_headers set "x-a" = ${name}\n`);
    const longest = await compileRules(program("n".repeat(MAX_NAME_BYTES)));
    expect(longest.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(longest.wasm?.length ?? 0).toBeGreaterThan(0);
    const tooLong = program("n".repeat(MAX_NAME_BYTES + 1));
    expect((await compileRules(tooLong)).diagnostics.map((d) => [d.code, d.span.start])).toEqual([
      ["E0123", "param ".length],
      ["E0123", tooLong.text.indexOf('"n')],
    ]);
  });
});
