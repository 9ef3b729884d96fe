/**
 * Mismatches the differential tests found between the compiled filter and the reference interpreter, each as a
 * small program and exchange: both must give the outcome written here.
 */
import { describe, expect, it } from "vitest";
import { firstMismatch } from "./differential.js";
import { interpret } from "./interpreter.js";
import { exchangeOf, type Exchange, type Outcome } from "./model.js";

/** The interpreter's outcome, after checking that the compiled filter gives the same. */
async function agreed(program: string, exchange: Exchange, config = ""): Promise<Outcome> {
  const mismatch = await firstMismatch(program, config, [exchange]);
  expect(mismatch?.actual).toEqual(mismatch?.expected);
  return interpret(program, exchange, config);
}

const values = (headers: Outcome["response"], name: string) => (headers ?? []).filter(([k]) => k === name).map(([, v]) => v);

describe("regressions from differential fuzzing", () => {
  it("rename of a header to itself keeps its values (the filter used to drop them)", async () => {
    const exchange = exchangeOf({ response: { headers: [["x-aa-1", "/admin"], ["x-aa-1", "b"]] } });
    const outcome = await agreed('on response_headers rename "x-aa-1" to "x-aa-1"', exchange);
    expect(values(outcome.response, "x-aa-1")).toEqual(["/admin", "b"]);
  });
});
