/**
 * One expectation that did not hold: what was checked (`response.status`, `upstream.headers.x-id`, `logs[0]`),
 * and the expected and actual values as the report prints them.
 */
export interface Mismatch {
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
  /** Raw texts when both sides are multi-line texts (bodies), so a report can show a line diff. */
  readonly texts?: { readonly expected: string; readonly actual: string };
}
