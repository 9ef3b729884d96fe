import type { ClusterSpec, GrpcCallRequest, GrpcClusterSpec, GrpcMethodSpec, HeaderList, HttpCallAnswer, HttpCallRequest } from "../../host/index.js";
import { headerList } from "./case-model.js";
import { decodeCheckRequest, encodeCheckResponse, type CheckRequestSeen } from "./authz-wire.js";

/**
 * The typed `authz:` answer of a case file (docs/testing.md): how the external authorization service answers the
 * filter's `authorize` actions, in its own terms. One answer serves both transports: gRPC Check calls get a
 * CheckResponse (over the host's raw gRPC answers, host/grpc-calls.ts), HTTP calls an HTTP response (host/http-calls.ts).
 */
export type AuthzCaseAnswer =
  | { readonly kind: "allow"; readonly headers: HeaderList; readonly appendHeaders: HeaderList; readonly removeHeaders: readonly string[]; readonly delayMs: number; readonly cluster?: string }
  | { readonly kind: "deny"; readonly status: number; readonly headers: HeaderList; readonly body: string; readonly delayMs: number; readonly cluster?: string }
  | { readonly kind: "error"; readonly status: number; readonly cluster?: string }
  | { readonly kind: "no-answer"; readonly cluster?: string };

export const AUTHZ_SERVICE = "envoy.service.auth.v3.Authorization";
export const AUTHZ_METHOD = "Check";

/**
 * The status of a denial that names none: 403, as Envoy's ext_authz answers a denial without an HttpStatus
 * (source/extensions/filters/common/ext_authz/ext_authz_grpc_impl.cc, toResponse: Forbidden by default).
 */
export const DEFAULT_DENY_STATUS = 403;

/** A request the filter sent the service, decoded: an HTTP call's headers and body, or a gRPC CheckRequest. */
export type AuthzRequestSeen =
  | { readonly transport: "http"; readonly cluster: string; readonly headers: HeaderList; readonly body: string }
  | { readonly transport: "grpc"; readonly cluster: string; readonly check: CheckRequestSeen | undefined };

type Data = Record<string, unknown>;

/** The case's `authz` (over the file's); the data passed the schema and the checks of authz-answer-checks.ts. */
export function authzAnswerOf(value: unknown): AuthzCaseAnswer | undefined {
  if (value === undefined) return undefined;
  if (value === "no-answer") return { kind: "no-answer" };
  const data = value as Data;
  const cluster = typeof data.cluster === "string" ? { cluster: data.cluster } : {};
  if (data.noAnswer === true) return { kind: "no-answer", ...cluster };
  const delayMs = (data.delay_ms as number | undefined) ?? 0;
  if (data.allow === true) {
    const removeHeaders = Array.isArray(data.remove_headers) ? data.remove_headers.map((n) => String(n).toLowerCase()) : [];
    return { kind: "allow", headers: headerList(data.headers) ?? [], appendHeaders: headerList(data.append_headers) ?? [], removeHeaders, delayMs, ...cluster };
  }
  if (data.allow === false) {
    const status = (data.status as number | undefined) ?? DEFAULT_DENY_STATUS;
    return { kind: "deny", status, headers: headerList(data.headers) ?? [], body: (data.body as string | undefined) ?? "", delayMs, ...cluster };
  }
  return { kind: "error", status: data.status as number, ...cluster };
}

/** Where the answer is served: its cluster, or every cluster the rules call. */
function clustersOf(answer: AuthzCaseAnswer, calledClusters: readonly string[]): readonly string[] {
  return answer.cluster !== undefined ? [answer.cluster] : calledClusters;
}

/** Check on each cluster as a gRPC method; each request the filter sends is handed to `seen` first. */
export function authzGrpcServices(answer: AuthzCaseAnswer, calledClusters: readonly string[], seen: (request: AuthzRequestSeen) => void): Record<string, GrpcClusterSpec> {
  const method: GrpcMethodSpec = (request: GrpcCallRequest) => {
    seen({ transport: "grpc", cluster: request.cluster, check: decodeCheckRequest(request.messages[0] ?? new Uint8Array()) });
    switch (answer.kind) {
      case "no-answer":
        return "no-answer";
      case "error":
        return { status: answer.status };
      case "allow": {
        const headers = [...answer.headers.map(([name, value]) => ({ name, value, append: false })), ...answer.appendHeaders.map(([name, value]) => ({ name, value, append: true }))];
        return { message: encodeCheckResponse({ allow: true, headers, headersToRemove: answer.removeHeaders }), delayMs: answer.delayMs };
      }
      case "deny":
        return { message: encodeCheckResponse({ allow: false, status: answer.status, headers: answer.headers, body: answer.body }), delayMs: answer.delayMs };
    }
  };
  return Object.fromEntries(clustersOf(answer, calledClusters).map((cluster) => [cluster, { [`${AUTHZ_SERVICE}/${AUTHZ_METHOD}`]: method }]));
}

/**
 * Each cluster as an HTTP upstream for proxy_http_call. An allow is a 200 with its headers (set and appended alike:
 * an HTTP service has no way to ask for removals); a denial its status, headers and body; an error a failed call
 * (the filter sees a reset); no answer, or one that comes at or past the call's timeout, Envoy's 504 timeout reply.
 */
export function authzHttpClusters(answer: AuthzCaseAnswer, calledClusters: readonly string[], seen: (request: AuthzRequestSeen) => void): Record<string, ClusterSpec> {
  const cluster = (name: string) => (request: HttpCallRequest): HttpCallAnswer => {
    seen({ transport: "http", cluster: name, headers: request.headers, body: new TextDecoder().decode(request.body) });
    if (answer.kind === "no-answer") return "timeout";
    if (answer.kind === "error") return "reset";
    if (request.timeoutMs > 0 && answer.delayMs >= request.timeoutMs) return "timeout";
    if (answer.kind === "allow") return { headers: [[":status", "200"], ...answer.headers, ...answer.appendHeaders] };
    return { headers: [[":status", String(answer.status)], ...answer.headers], body: answer.body };
  };
  return Object.fromEntries(clustersOf(answer, calledClusters).map((name) => [name, cluster(name)]));
}
