import type { ValuePath } from "../project/value-path.js";
import { displayPath } from "../project/value-path.js";
import { schemaProblem } from "../project/schema-problem.js";
import { TestCode } from "./codes.js";
import type { CaseProblem } from "./schema-problems.js";

/**
 * What the schema cannot say about `authz:` answers and `expect: authz:` (codes E0420-E0429): the answer's keys
 * must fit the kind of answer its `allow`, `status` or `noAnswer` makes it, and a request can only be checked when
 * the case's service records it. Runs on data that may have failed the schema, so every step checks its types.
 */

type Data = Record<string, unknown>;

const isMap = (value: unknown): value is Data => value !== null && typeof value === "object" && !Array.isArray(value);

/** The keys each kind of answer takes besides `cluster`. */
const KEYS_OF = {
  allow: ["allow", "headers", "append_headers", "remove_headers", "delay_ms"],
  deny: ["allow", "status", "headers", "body", "delay_ms"],
  error: ["status"],
} as const;

const ANSWER_KEYS = new Set<string>(Object.values(KEYS_OF).flat());

const WHAT = { allow: "an allowing answer (`allow: true`)", deny: "a denial (`allow: false`)", error: "a failed call (`status` without `allow`)" } as const;

/** The file's `authz`, each case's, and each case's `expect.authz` against the answer it runs with. */
export function authzProblems(data: Data, out: CaseProblem[]): void {
  answerProblems(data.authz, ["authz"], out);
  const cases = Array.isArray(data.cases) ? data.cases : [];
  cases.forEach((entry: unknown, i) => {
    if (!isMap(entry)) return;
    answerProblems(entry.authz, ["cases", i, "authz"], out);
    const expect = isMap(entry.expect) ? entry.expect : undefined;
    if (expect?.authz === undefined) return;
    const at: ValuePath = ["cases", i, "expect", "authz"];
    if (entry.authz === undefined && data.authz === undefined) {
      out.push(
        schemaProblem(TestCode.authzExpectWithoutAnswer, at, "key", "`expect.authz` checks the request the filter sent the `authz` service, but this case has no `authz` answer", "add `authz: { allow: true }` (or the answer to test) to the case or to the file"),
      );
    }
    if (isMap(expect.authz) && expect.authz.transport === "http") {
      const grpcOnly = ["scheme", "protocol", "id", "source", "destination"].find((key) => (expect.authz as Data)[key] !== undefined);
      if (grpcOnly !== undefined) {
        out.push(
          schemaProblem(TestCode.authzGrpcOnlyField, [...at, grpcOnly], "key", `\`${grpcOnly}\` is a field of the gRPC CheckRequest, but \`transport: http\` says the filter asks over HTTP`, "an HTTP check carries only the method, path, host and headers; remove the key or `transport`"),
        );
      }
    }
  });
}

function answerProblems(answer: unknown, path: ValuePath, out: CaseProblem[]): void {
  if (!isMap(answer)) return;
  const given = Object.keys(answer).filter((key) => key !== "cluster");
  if (answer.noAnswer === true) {
    const other = given.find((key) => key !== "noAnswer");
    if (other !== undefined) {
      out.push(
        schemaProblem(TestCode.authzNoAnswerConflict, [...path, "noAnswer"], "key", `\`noAnswer: true\` and \`${other}\` contradict each other: a service that never answers has no ${other}`, `remove \`noAnswer\` to answer, or \`${other}\` to test a timeout`),
      );
    }
    return;
  }
  // An `allow` that is not true or false is the schema's to report (E0604).
  if (answer.allow !== undefined && typeof answer.allow !== "boolean") return;
  const kind = typeof answer.allow === "boolean" ? (answer.allow ? "allow" : "deny") : answer.status !== undefined ? "error" : undefined;
  if (kind === undefined) {
    out.push(
      schemaProblem(TestCode.authzNoVerdict, path, "value", `\`${displayPath(path)}\` says neither whether the service allows the request nor how the call fails`, "add `allow: true` or `allow: false` (a denial), `status: 14` (a failed call) or `noAnswer: true`"),
    );
    return;
  }
  for (const key of given) {
    // An unknown key is the schema's to report (E0603, with a did-you-mean).
    if (key === "noAnswer" || !ANSWER_KEYS.has(key) || (KEYS_OF[kind] as readonly string[]).includes(key)) continue;
    const hint = kind === "error" ? "a failed call has only a `status`; to deny the request write `allow: false` beside it" : `${WHAT[kind]} takes ${KEYS_OF[kind].map((k) => `\`${k}\``).join(", ")}`;
    out.push(schemaProblem(TestCode.authzAnswerKey, [...path, key], "key", `\`${key}\` does not belong to ${WHAT[kind]}`, hint));
  }
  const status = answer.status;
  if (typeof status !== "number") return;
  if (kind === "error" && status > 16) {
    out.push(
      schemaProblem(TestCode.authzErrorStatus, [...path, "status"], "value", `\`${displayPath([...path, "status"])}\` is ${status}, but without \`allow\` it is the gRPC status of a failed call (1 to 16)`, `to deny the request with HTTP ${status}, write \`allow: false, status: ${status}\``),
    );
  }
  // Envoy's HTTP ext_authz client takes any 2xx as OK (ext_authz_http_impl.cc, RawHttpClientImpl::toResponse).
  if (kind === "deny" && status < 300) {
    out.push(
      schemaProblem(TestCode.authzDenyStatus, [...path, "status"], "value", `a denial cannot answer ${status}: over HTTP ${status < 200 ? "a 1xx is no final answer" : "a 2xx allows the request"}`, "deny with a 3xx, 4xx or 5xx status (403 when left out), or write `allow: true`"),
    );
  }
}
