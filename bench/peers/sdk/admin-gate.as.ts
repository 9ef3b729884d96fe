// examples/admin-gate.fw written with the AssemblyScript SDK. The regex `^/v1/` is a prefix test here and the
// admin networks are constants (the SDK has neither a regex engine nor a JSON parser); addresses are parsed by
// hand, as an SDK user would have to.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context, send_local_response,
  HeaderPair, Headers, GrpcStatusValues, log, LogLevelValues,
} from "@solo-io/proxy-runtime";
import { get_property } from "@solo-io/proxy-runtime/runtime";

class AdminGateRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new AdminGate(context_id, this);
  }
}

/** The peer address without its port: "10.0.0.1:5000" -> "10.0.0.1", "[2001:db8::1]:5000" -> "2001:db8::1". */
function peerIp(address: string): string {
  if (address.startsWith("[")) {
    const end = address.indexOf("]");
    return end > 0 ? address.substring(1, end) : address;
  }
  const colon = address.indexOf(":");
  return colon >= 0 && colon == address.lastIndexOf(":") ? address.substring(0, colon) : address;
}

/** 10.0.0.0/8 or 192.168.0.0/16. */
function inAdminIpv4(ip: string): bool {
  const parts = ip.split(".");
  if (parts.length != 4) return false;
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    if (part.length == 0 || part.length > 3) return false;
    for (let j = 0; j < part.length; j++) {
      const c = part.charCodeAt(j);
      if (c < 48 || c > 57) return false;
    }
    if (I32.parseInt(part) > 255) return false;
  }
  return parts[0] == "10" || (parts[0] == "192" && parts[1] == "168");
}

/** 2001:db8::/32: the first two 16-bit groups of a well-formed IPv6 address. */
function inAdminIpv6(ip: string): bool {
  if (ip.indexOf(":") < 0) return false;
  const groups = ip.split(":");
  if (groups.length < 3) return false;
  return I32.parseInt(groups[0], 16) == 0x2001 && I32.parseInt(groups[1], 16) == 0x0db8;
}

class AdminGate extends Context {
  auditMethod: string = "";
  auditPath: string | null = null;

  constructor(context_id: u32, root_context: AdminGateRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers = stream_context.headers.request;
    const path = headers.get(":path");
    if (path.startsWith("/admin")) {
      const ip = peerIp(String.UTF8.decode(get_property("source\0address")));
      if (!inAdminIpv4(ip) && !inAdminIpv6(ip)) {
        log(LogLevelValues.warn, "admin request from " + ip + " refused: outside the admin networks");
        send_local_response(403, "filterc_admin-network", String.UTF8.encode("forbidden\n"), [], GrpcStatusValues.Unknown - 3);
        return FilterHeadersStatusValues.StopIteration;
      }
      if (headers.get("x-admin-token") == "") {
        const extra: Headers = [new HeaderPair(String.UTF8.encode("www-authenticate"), String.UTF8.encode("Token"))];
        send_local_response(401, "filterc_admin-token", String.UTF8.encode("missing x-admin-token\n"), extra, GrpcStatusValues.Unknown - 3);
        return FilterHeadersStatusValues.StopIteration;
      }
    }
    if (path.startsWith("/v1/")) {
      const location = "https://" + headers.get(":authority") + "/v2/";
      const extra: Headers = [new HeaderPair(String.UTF8.encode("location"), String.UTF8.encode(location))];
      send_local_response(301, "filterc_legacy-api", new ArrayBuffer(0), extra, GrpcStatusValues.Unknown - 3);
      return FilterHeadersStatusValues.StopIteration;
    }
    if (path.startsWith("/admin")) {
      this.auditMethod = headers.get(":method");
      this.auditPath = path;
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const auditPath = this.auditPath;
    if (auditPath !== null) {
      const headers = stream_context.headers.response;
      headers.replace("x-admin-audit", this.auditMethod + " " + auditPath! + " -> " + headers.get(":status"));
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new AdminGateRoot(context_id); }, "bench");
