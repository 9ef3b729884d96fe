import type { AuthzRequestExpectation, PeerExpectation, TextExpectation } from "./case-file.js";
import type { AuthzRequestSeen } from "./case-authz.js";
import type { PeerSeen } from "./authz-wire.js";
import type { Mismatch } from "./mismatch.js";
import { describeHeader, describeText, describeValues, headerMatches, quote, textMatches } from "./text-match.js";

/**
 * `expect: authz:` against the first request the filter sent the case's `authz` service: over HTTP the call's
 * pseudo-headers and headers, over gRPC the decoded CheckRequest. Only the fields the case gives are compared.
 */
export function checkAuthzRequest(expect: AuthzRequestExpectation, seen: readonly AuthzRequestSeen[], out: Mismatch[]): void {
  const request = seen[0];
  if (!expect.sent) {
    if (request !== undefined) out.push({ what: "authz request", expected: "none sent", actual: describeSeen(request) });
    return;
  }
  if (request === undefined) {
    out.push({ what: "authz request", expected: "one sent", actual: "none sent" });
    return;
  }
  if (expect.transport !== undefined && expect.transport !== request.transport) {
    out.push({ what: "authz request transport", expected: expect.transport, actual: `${request.transport} (${describeSeen(request)})` });
    return;
  }
  if (request.transport === "grpc" && request.check === undefined) {
    out.push({ what: "authz request", expected: "a CheckRequest", actual: "a message that is not a CheckRequest" });
    return;
  }
  const fields = fieldsOf(request);
  const text = (name: string, expectation: TextExpectation | undefined, actual: string | undefined, grpcOnly = false) => {
    if (expectation === undefined || textMatches(expectation, actual)) return;
    const missing = grpcOnly && request.transport === "http" ? "(not in an HTTP check: only a gRPC CheckRequest carries it)" : "(absent)";
    out.push({ what: `authz.${name}`, expected: describeText(expectation), actual: actual === undefined ? missing : quote(actual) });
  };
  text("method", expect.method, fields.method);
  text("path", expect.path, fields.path);
  text("host", expect.host, fields.host);
  text("scheme", expect.scheme, fields.scheme, true);
  text("protocol", expect.protocol, fields.protocol, true);
  text("id", expect.id, fields.id, true);
  for (const [name, expectation] of expect.headers) {
    const values = fields.headers.filter(([k]) => k === name).map(([, v]) => v);
    if (!headerMatches(expectation, values)) out.push({ what: `authz.headers.${name}`, expected: describeHeader(expectation), actual: describeValues(values) });
  }
  for (const name of expect.absent) {
    const values = fields.headers.filter(([k]) => k === name).map(([, v]) => v);
    if (values.length > 0) out.push({ what: `authz.headers.${name}`, expected: "(absent)", actual: describeValues(values) });
  }
  for (const side of ["source", "destination"] as const) {
    const expectation = expect[side];
    if (expectation !== undefined) checkPeer(side, expectation, request.transport === "grpc" ? request.check?.[side] : undefined, request.transport, text, out);
  }
}

function checkPeer(
  side: string,
  expect: PeerExpectation,
  peer: PeerSeen | undefined,
  transport: "http" | "grpc",
  text: (name: string, expectation: TextExpectation | undefined, actual: string | undefined, grpcOnly: boolean) => void,
  out: Mismatch[],
): void {
  text(`${side}.address`, expect.address, peer?.address, true);
  text(`${side}.principal`, expect.principal, peer?.principal, true);
  if (expect.port !== undefined && expect.port !== peer?.port) {
    const missing = transport === "http" ? "(not in an HTTP check: only a gRPC CheckRequest carries it)" : "(absent)";
    out.push({ what: `authz.${side}.port`, expected: String(expect.port), actual: peer?.port === undefined ? missing : String(peer.port) });
  }
}

interface Fields {
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  readonly scheme?: string;
  readonly protocol?: string;
  readonly id?: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

function fieldsOf(request: AuthzRequestSeen): Fields {
  if (request.transport === "grpc") return request.check?.http ?? { headers: [] };
  const pseudo = (name: string) => request.headers.find(([k]) => k === name)?.[1];
  return { method: pseudo(":method"), path: pseudo(":path"), host: pseudo(":authority"), headers: request.headers };
}

/** `HTTP GET /api on cluster "authz"`, or `gRPC Check POST /api on cluster "authz"`, for reports. */
function describeSeen(request: AuthzRequestSeen): string {
  const fields = request.transport === "grpc" && request.check === undefined ? undefined : fieldsOf(request);
  const line = fields === undefined ? "(not a CheckRequest)" : `${fields.method ?? "?"} ${fields.path ?? "?"}`;
  return `${request.transport === "http" ? "HTTP" : "gRPC Check"} ${line} on cluster ${quote(request.cluster)}`;
}
