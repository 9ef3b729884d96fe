import { headersPhaseOf, sideOf, type Phase, type Side } from "../phases.js";

/**
 * The headers callback of a side whose headers the program holds (compiler/header-holds.ts) returns StopIteration
 * (ACTION_PAUSE) unless the headers end the stream: the body callback then runs the body rules, which change the
 * still reachable headers (Envoy's Context keeps request_headers_ / response_headers_ while a headers callback has
 * not continued: Context::decodeHeaders / encodeHeaders in source/extensions/common/wasm/context.cc), and its
 * Continue at the end of the body lets headers and body go on together. A message whose headers end the stream has
 * no body callback (Envoy never calls it), so its headers are not held: its body rules do not run, as for any
 * message without a body.
 */

/** Whether `phase` is the headers phase of a held side. */
export function holdsHere(phase: Phase, held: readonly Side[]): boolean {
  return held.includes(sideOf(phase)) && headersPhaseOf(sideOf(phase)) === phase;
}

/** The last statement of a headers callback that ran to its end (a local reply returns before it). */
export function headersReturn(holds: boolean): string {
  return holds ? "return endOfStream != 0 ? ACTION_CONTINUE : ACTION_PAUSE;" : "return ACTION_CONTINUE;";
}
