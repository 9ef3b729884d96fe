/**
 * Fields (docs/language.md, Fields): what `request.path`, `request.query["q"]`, `source.address`, ... read. Values
 * are byte strings (model.ts); `undefined` is an absent value.
 */
import type { Expression, Program } from "../../grammar/ast.js";
import { actionExpressions } from "../../compiler/actions/registry.js";
import { programRules, walkExpression } from "../../grammar/walk.js";
import type { CheckedProgram } from "../../compiler/check/index.js";
import type { HeaderMap } from "./header-map.js";
import type { ConnectionInput } from "./model.js";
import { toBytes } from "./model.js";
import { parseRange } from "./addresses.js";

/** Ints are bigints: configured ints have up to 18 digits, more than a double holds exactly. */
export type Value = string | bigint | boolean | readonly string[] | undefined;

/** What fields read from in one phase. */
export interface FieldSources {
  /** The request as it is now (request phase) or as it was sent upstream (response phase). */
  readonly request: HeaderMap;
  /** The response headers; undefined in the request phase. */
  readonly response?: HeaderMap;
  readonly connection: ConnectionInput;
  /** The `trusted_hops` setting `client.address` counts (0 unless the configuration sets it). */
  readonly trustedHops: bigint;
  /** The whole body in a body phase (language.md, "Bodies"), as bytes. */
  readonly body?: string;
}

/** The value of field `name` (with `key` for keyed fields), or undefined when it is absent. */
export function readField(sources: FieldSources, name: string, key: string | undefined): Value {
  const { request, response, connection, trustedHops } = sources;
  switch (name) {
    case "request.method":
      return request.get(":method");
    case "request.path":
      return request.get(":path");
    case "request.host":
      return request.get(":authority");
    case "request.scheme":
      return request.get(":scheme");
    case "request.hostname":
      return hostAndPort(request.get(":authority")).host?.replace(/[A-Z]/g, (c) => c.toLowerCase());
    case "request.port": {
      const port = hostAndPort(request.get(":authority")).port;
      if (port !== undefined) return port;
      const scheme = request.get(":scheme");
      return scheme === "https" ? 443n : scheme === "http" ? 80n : undefined;
    }
    case "request.id":
      return request.get("x-request-id");
    case "request.header":
      return request.get(key!);
    case "request.query":
      return queryParam(request.get(":path") ?? "", toBytes(key!));
    case "request.cookie":
      return cookie(request.get("cookie"), toBytes(key!));
    case "response.status":
      return statusOf(response!.get(":status"));
    case "response.header":
      return response!.get(key!);
    case "request.body":
    case "response.body":
      return sources.body;
    case "source.address":
      return toBytes(connection.sourceIp);
    case "client.address":
      return trustedHops === 0n ? toBytes(connection.sourceIp) : forwardedFor(request.get("x-forwarded-for"), Number(trustedHops));
    case "destination.port":
      return BigInt(connection.destinationPort);
    case "connection.mtls":
      return connection.mtls;
    case "source.principal":
      return connection.principal === undefined ? undefined : toBytes(connection.principal);
  }
  throw new Error(`reference interpreter: unknown field ${name}`);
}

function statusOf(text: string | undefined): bigint | undefined {
  return text !== undefined && /^[0-9]{1,18}$/.test(text) ? BigInt(text) : undefined;
}

/**
 * The query string runs from the first `?` to a `#` or the end; parameters are separated by `&`; a name without
 * `=` has the empty value. Names and values are URL-decoded before use.
 */
function queryParam(path: string, name: string): string | undefined {
  const question = path.indexOf("?");
  const fragment = path.indexOf("#");
  if (question < 0 || (fragment >= 0 && fragment < question)) return undefined;
  const hash = path.indexOf("#", question);
  const query = path.slice(question + 1, hash < 0 ? path.length : hash);
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (urlDecode(key) === name) return eq < 0 ? "" : urlDecode(pair.slice(eq + 1));
  }
  return undefined;
}

/** `%XX` to its byte and `+` to a space; a `%` without two hex digits stays as written. */
export function urlDecode(text: string): string {
  return text.replace(/\+|%([0-9a-fA-F]{2})/g, (match, hex: string | undefined) => (hex === undefined ? " " : String.fromCharCode(parseInt(hex, 16))));
}

/**
 * The `cookie` header is `name=value` pairs separated by `;` (spaces after a `;` are not part of the name). A
 * value loses trailing spaces and one pair of surrounding double quotes.
 */
function cookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const pair = part.replace(/^ +/, "");
    if (!pair.startsWith(`${name}=`)) continue;
    const value = pair.slice(name.length + 1).replace(/ +$/, "");
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

export function unwrapParens(expr: Expression): Expression {
  return expr.kind === "Paren" ? unwrapParens(expr.expression) : expr;
}

/**
 * docs/language.md, `client.address`: the entry `hops` from the right of `x-forwarded-for` (entries split at `,`,
 * trimmed of spaces and tabs); absent when there are fewer entries or it is not an IP address.
 */
function forwardedFor(header: string | undefined, hops: number): string | undefined {
  if (header === undefined) return undefined;
  const entries = header.split(",");
  if (hops > entries.length) return undefined;
  const entry = entries[entries.length - hops]!.replace(/^[ \t]+|[ \t]+$/g, "");
  return isAddressText(entry) ? entry : undefined;
}

/** An IPv4 or IPv6 address, without a prefix (docs/language.md, `ip(text)`). */
export function isAddressText(text: string): boolean {
  return !text.includes("/") && parseRange(text) !== undefined;
}

/**
 * Whether a value is an address (docs/language.md, Addresses): `source.address`, `client.address` or `ip(...)`,
 * or a variable every `let` of which sets one (docs/language.md, Variables).
 */
export function isAddress(checked: CheckedProgram, expr: Expression, seen: ReadonlySet<string> = new Set()): boolean {
  const inner = unwrapParens(expr);
  if (inner.kind === "Call") return inner.callee.name === "ip";
  const resolution = inner.kind === "Reference" ? checked.references.get(inner) : undefined;
  if (resolution?.kind === "variable") {
    const name = resolution.variable.name;
    // `let a = a` reads the earlier value: it is an address when the other lets make one.
    return !seen.has(name) && resolution.variable.sites.every((site) => isAddress(checked, site.let.value, new Set([...seen, name])) || isSelf(checked, site.let.value, name));
  }
  return isField(checked, inner, "source.address") || isField(checked, inner, "client.address");
}

function isSelf(checked: CheckedProgram, expr: Expression, name: string): boolean {
  const inner = unwrapParens(expr);
  const resolution = inner.kind === "Reference" ? checked.references.get(inner) : undefined;
  return resolution?.kind === "variable" && resolution.variable.name === name;
}

/** Whether `expr` (in parentheses or not) reads the field `name`. */
export function isField(checked: CheckedProgram, expr: Expression, name: string): boolean {
  const inner = unwrapParens(expr);
  if (inner.kind !== "Reference") return false;
  const resolution = checked.references.get(inner);
  return resolution?.kind === "field" && resolution.field.name === name;
}

/** Every expression of a program's rules, nested ones included. */
export function allExpressions(program: Program): Expression[] {
  const out: Expression[] = [];
  for (const { rule: statement } of programRules(program.statements)) {
    const branches = [statement, ...(statement.elseBranches ?? [])];
    const roots = branches.flatMap((b) => [...(b.condition === undefined ? [] : [b.condition]), ...b.actions.flatMap(actionExpressions)]);
    for (const root of roots) walkExpression(root, (e) => void out.push(e));
  }
  return out;
}

/**
 * docs/language.md, `request.hostname` and `request.port`: the port is the digits after the last `:` (at most
 * 65535), unless the authority ends in `]`; without a valid port the whole authority is the host.
 */
function hostAndPort(authority: string | undefined): { host?: string; port?: bigint } {
  if (authority === undefined) return {};
  const colon = authority.lastIndexOf(":");
  if (authority.endsWith("]") || colon < 0) return { host: authority };
  const digits = authority.slice(colon + 1);
  if (!/^[0-9]+$/.test(digits) || BigInt(digits) > 65535n) return { host: authority };
  return { host: authority.slice(0, colon), port: BigInt(digits) };
}
