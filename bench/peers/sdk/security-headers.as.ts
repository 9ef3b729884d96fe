// examples/security-headers.fw written with the AssemblyScript SDK. The params are constants here: tuning them at
// runtime would need a JSON parser the SDK does not ship, so this peer does less work than the filterc filter.
export * from "@solo-io/proxy-runtime/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context } from "@solo-io/proxy-runtime";

const HSTS_MAX_AGE: i64 = 31536000;
const FRAME_OPTIONS = "DENY";

class SecurityHeadersRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new SecurityHeaders(context_id, this);
  }
}

class SecurityHeaders extends Context {
  constructor(context_id: u32, root_context: SecurityHeadersRoot) {
    super(context_id, root_context);
  }
  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers = stream_context.headers.response;
    headers.replace("strict-transport-security", "max-age=" + HSTS_MAX_AGE.toString() + "; includeSubDomains");
    headers.replace("x-content-type-options", "nosniff");
    headers.replace("x-frame-options", FRAME_OPTIONS);
    headers.replace("referrer-policy", "strict-origin-when-cross-origin");
    // The SDK's get answers "" for a missing header.
    if (headers.get("content-security-policy") == "") headers.add("content-security-policy", "default-src 'self'");
    headers.remove("server");
    headers.remove("x-powered-by");
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new SecurityHeadersRoot(context_id); }, "bench");
