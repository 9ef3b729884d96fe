import type { FieldInfo } from "../fields.js";
import { readsCaptured, type Phase } from "../phases.js";
import type { LowerContext } from "./context.js";
import { BODY_GLOBAL } from "./body-phase.js";

/**
 * The AssemblyScript expression that reads a field in a phase. Strings are `Str` (ABSENT when missing), ints i64
 * (ABSENT_INT when missing), bools bool. Request headers are not reachable in the response phase, so request-header
 * fields read there come from the stream's captures.
 */
export function lowerField(ctx: LowerContext, field: FieldInfo, key: string | undefined, phase: Phase): string {
  const source = field.source;
  switch (source.from) {
    case "property": {
      const path = source.path.join("\0");
      switch (source.encoding) {
        case "string":
          return ctx.headers.readProperty("getProperty", path);
        case "int64":
          return `getIntProperty(${ctx.data.text(path)})`;
        case "bool":
          return `getBoolProperty(${ctx.data.text(path)})`;
        case "address":
          return ctx.headers.readProperty("getAddressProperty", path);
      }
      break;
    }
    case "response-header":
      return field.type === "int" ? `parseInt(${ctx.headers.read("response", source.header)})` : ctx.headers.read("response", source.header);
    case "response-header-keyed":
      return ctx.headers.read("response", requireKey(field, key));
    case "authority": {
      // Computed from the headers in every phase (an int is not a capture): the response phase reads the captured
      // `:authority` and `:scheme`, shared with `request.host` and `request.scheme`.
      const authority = requestHeader(ctx, "request.host[]", ":authority", phase);
      // The hostname is a pure function of the `:authority` read: a test set may be keyed on it (host scopes,
      // many `request.hostname == "..."` rules), computed once and forgotten when a rule writes `:authority`.
      if (source.part === "hostname") return ctx.derivedRead(`authorityHostname(${authority})`, authority);
      return `authorityPort(${authority}, ${requestHeader(ctx, "request.scheme[]", ":scheme", phase)})`;
    }
    case "client-address": {
      // Zero trusted hops (the default) is the peer address, read live; otherwise an x-forwarded-for entry, which
      // later phases read from the capture `request.header["x-forwarded-for"]` shares.
      const peer = ctx.headers.readProperty("getAddressProperty", "source\0address");
      const xff = requestHeader(ctx, "request.header[x-forwarded-for]", "x-forwarded-for", phase);
      return `(${ctx.trustedHopsGlobal()} == 0 ? ${peer} : clientAddress(${xff}, ${ctx.trustedHopsGlobal()}))`;
    }
    case "body":
      // Read once per callback, at the end of the stream (compiler/lower/body-phase.ts).
      return BODY_GLOBAL;
    default:
      break;
  }
  const requestValue = lowerRequestField(ctx, field, key);
  if (!readsCaptured(phase, "request")) return requestValue;
  return ctx.captureRead(ctx.capture(`${field.name}[${key ?? ""}]`, requestValue));
}

/** A request header, captured for later phases under `captureKey` (the key the field that reads it uses). */
function requestHeader(ctx: LowerContext, captureKey: string, header: string, phase: Phase): string {
  const value = ctx.headers.read("request", header);
  return readsCaptured(phase, "request") ? ctx.captureRead(ctx.capture(captureKey, value)) : value;
}

function lowerRequestField(ctx: LowerContext, field: FieldInfo, key: string | undefined): string {
  const source = field.source;
  switch (source.from) {
    case "request-header":
      return ctx.headers.read("request", source.header);
    case "request-header-keyed":
      return ctx.headers.read("request", requireKey(field, key));
    case "query-keyed":
      return `queryParam(${ctx.headers.read("request", ":path")}, ${ctx.data.text(requireKey(field, key))})`;
    case "cookie-keyed":
      return `cookieValue(${ctx.headers.read("request", "cookie")}, ${ctx.data.text(requireKey(field, key))})`;
    default:
      throw new Error(`internal: ${field.name} is not a request field`);
  }
}

function requireKey(field: FieldInfo, key: string | undefined): string {
  if (key === undefined) throw new Error(`internal: ${field.name} needs a key`);
  return key;
}
