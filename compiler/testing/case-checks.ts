import type { ValuePath } from "../project/value-path.js";
import { displayPath } from "../project/value-path.js";
import { DEFAULT_SOURCE_PORT, normalizeAddress } from "./address.js";
import { TestCode } from "./codes.js";
import { labelOf } from "../metric-names.js";
import type { CaseProblem } from "./schema-problems.js";
import { authzProblems } from "./authz-answer-checks.js";

/**
 * What the schema cannot say: case names are unique, regular expressions compile, addresses are addresses.
 * Runs on data that may have failed the schema, so every step checks the types it relies on.
 */
export function caseFileProblems(data: Record<string, unknown>, lineOf: (path: ValuePath) => number): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const cases = Array.isArray(data.cases) ? data.cases : [];
  const firstByName = new Map<string, number>();
  cases.forEach((entry: unknown, i) => {
    if (!isMap(entry)) return;
    if (typeof entry.name === "string") {
      const first = firstByName.get(entry.name);
      if (first === undefined) firstByName.set(entry.name, i);
      else {
        problems.push(
          problemAt(TestCode.duplicateCaseName, ["cases", i, "name"], `another case is already named \`${entry.name}\` (line ${lineOf(["cases", first, "name"])})`, "give each case a name of its own"),
        );
      }
    }
    if (isMap(entry.request) && typeof entry.request.source === "string") {
      const result = normalizeAddress(entry.request.source, DEFAULT_SOURCE_PORT);
      if (!result.ok) problems.push(addressProblem(["cases", i, "request", "source"], entry.request.source, result.reason));
    }
    if (isMap(entry.request) && typeof entry.request.destination === "string") {
      const result = normalizeAddress(entry.request.destination, 8080);
      if (!result.ok) problems.push(addressProblem(["cases", i, "request", "destination"], entry.request.destination, result.reason));
    }
    grpcProblems(entry.grpc, ["cases", i, "grpc"], lineOf, problems);
    if (isMap(entry.expect) && isMap(entry.expect.metrics)) metricProblems(entry.expect.metrics, ["cases", i, "expect", "metrics"], problems);
  });
  grpcProblems(data.grpc, ["grpc"], lineOf, problems);
  authzProblems(data, problems);
  regexProblems(data, [], problems);
  return problems;
}

/** Keys that give an answer, which `noAnswer: true` contradicts. */
const ANSWER_KEYS = ["message", "status", "statusMessage", "delay"];

/** A `grpc` list: each method once, and no answer beside `noAnswer: true`. */
function grpcProblems(list: unknown, path: ValuePath, lineOf: (path: ValuePath) => number, out: CaseProblem[]): void {
  if (!Array.isArray(list)) return;
  const firstByMethod = new Map<string, number>();
  list.forEach((entry: unknown, i) => {
    if (!isMap(entry)) return;
    const answer = ANSWER_KEYS.find((key) => entry[key] !== undefined);
    if (entry.noAnswer === true && answer !== undefined) {
      out.push({
        ...problemAt(TestCode.conflictingGrpcAnswer, [...path, i, "noAnswer"], `\`noAnswer: true\` and \`${answer}\` contradict each other: a service that never answers has no ${answer}`, `remove \`noAnswer\` to answer, or \`${answer}\` to test a timeout`),
        at: "key",
      });
    }
    if (typeof entry.cluster !== "string" || typeof entry.service !== "string" || typeof entry.method !== "string") return;
    const key = `${entry.cluster}\0${entry.service}/${entry.method}`;
    const first = firstByMethod.get(key);
    if (first === undefined) firstByMethod.set(key, i);
    else {
      out.push(problemAt(TestCode.duplicateGrpcMethod, [...path, i], `${entry.service}/${entry.method} on cluster \`${entry.cluster}\` is already declared (line ${lineOf([...path, first])})`, "declare each method once per list"));
    }
  });
}

/** Metric expectations: no negative value, and label keys a stat name can hold (metric-names.ts labelOf). */
function metricProblems(metrics: Record<string, unknown>, path: ValuePath, out: CaseProblem[]): void {
  const negative = (value: unknown, at: ValuePath) => {
    if (typeof value === "number" && value < 0) out.push(problemAt(TestCode.negativeMetric, at, `\`${displayPath(at)}\` is ${value}, but metric values are never negative`, "counters start at 0 and only grow"));
  };
  for (const [name, value] of Object.entries(metrics)) {
    negative(value, [...path, name]);
    if (!isMap(value)) continue;
    for (const [label, count] of Object.entries(value)) {
      negative(count, [...path, name, label]);
      if (labelOf(label) !== label) {
        out.push({
          ...problemAt(TestCode.badMetricLabel, [...path, name, label], `\`${label}\` cannot be a label of metric \`${name}\`: labels are letters, digits, \`_\` and \`-\`, at most 64 bytes`, `the filter counts that value as \`${labelOf(label)}\``),
          at: "key",
        });
      }
    }
  }
}

/** Every `matches:` value anywhere in the file must be a JavaScript regular expression. */
function regexProblems(node: unknown, path: ValuePath, out: CaseProblem[]): void {
  if (Array.isArray(node)) node.forEach((child, i) => regexProblems(child, [...path, i], out));
  if (!isMap(node)) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === "matches" && typeof child === "string") {
      const reason = regexError(child);
      if (reason !== undefined) out.push(problemAt(TestCode.badRegex, [...path, key], `\`${displayPath([...path, key])}\` is not a valid regular expression: ${reason}`, "escape `.`, `?`, `(`, `[`, `{` with a backslash to mean the character itself (in single quotes YAML keeps backslashes)"));
    } else regexProblems(child, [...path, key], out);
  }
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "").replace(/^./, (c) => c.toLowerCase());
  }
}

function addressProblem(path: ValuePath, text: string, reason: string): CaseProblem {
  return problemAt(TestCode.malformedValue, path, `\`${displayPath(path)}\` is not an IP address or IP:port (${text}): ${reason}`, "e.g. `203.0.113.9`, `203.0.113.9:5555`, `2001:db8::1` or `[2001:db8::1]:443`");
}

function problemAt(code: string, path: ValuePath, message: string, hint: string): CaseProblem {
  return { code, severity: "error", path, at: "value", message, hint };
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
