import type { HeaderExpectation, TextExpectation } from "./case-file.js";

export function textMatches(expectation: TextExpectation, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  switch (expectation.kind) {
    case "exact":
      return actual === expectation.text;
    case "contains":
      return actual.includes(expectation.text);
    case "matches":
      return expectation.pattern.test(actual);
  }
}

/** How a report shows an expectation: `"forbidden\n"`, `containing "refused"`, `matching /^v\d+$/`. */
export function describeText(expectation: TextExpectation): string {
  switch (expectation.kind) {
    case "exact":
      return quote(expectation.text);
    case "contains":
      return `containing ${quote(expectation.text)}`;
    case "matches":
      return `matching ${String(expectation.pattern)}`;
  }
}

export function headerMatches(expectation: HeaderExpectation, values: readonly string[]): boolean {
  if (expectation.kind === "values") return values.length === expectation.values.length && values.every((v, i) => v === expectation.values[i]);
  return textMatches(expectation, values[0]);
}

export function describeHeader(expectation: HeaderExpectation): string {
  return expectation.kind === "values" ? describeValues(expectation.values) : describeText(expectation);
}

/** A header's values: `(absent)`, `"one"`, or `["a", "b"]` for a repeated header. */
export function describeValues(values: readonly string[]): string {
  if (values.length === 0) return "(absent)";
  if (values.length === 1) return quote(values[0]!);
  return `[${values.map(quote).join(", ")}]`;
}

/** JSON quoting shows what invisible characters there are (`\n`, `\t`, trailing spaces inside the quotes). */
export function quote(text: string): string {
  return JSON.stringify(text);
}
