// examples/canary.fw written with the AssemblyScript SDK. The request's routing decision is kept on the stream's
// Context object for the response phase, as SDK users do.
export * from "@solo-io/proxy-runtime/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context } from "@solo-io/proxy-runtime";

const CANARY_COOKIE = "canary";

class CanaryRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Canary(context_id, this);
  }
}

function cookieValue(cookies: string, name: string): string | null {
  const parts = cookies.split(";");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].trim();
    const eq = part.indexOf("=");
    if (eq > 0 && part.substring(0, eq) == name) return part.substring(eq + 1);
  }
  return null;
}

class Canary extends Context {
  routedToCanary: bool = false;

  constructor(context_id: u32, root_context: CanaryRoot) {
    super(context_id, root_context);
  }
  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers = stream_context.headers.request;
    let optedIn = headers.get("x-canary").toLowerCase() == "true";
    if (!optedIn) {
      const release = cookieValue(headers.get("cookie"), "release");
      optedIn = release !== null && release! == CANARY_COOKIE;
    }
    if (optedIn) {
      const path = headers.get(":path");
      if (path.startsWith("/api/")) headers.replace(":path", "/api-canary/" + path.substring(5));
      headers.replace("x-canary-routed", "true");
    }
    this.routedToCanary = headers.get("x-canary-routed") == "true";
    return FilterHeadersStatusValues.Continue;
  }
  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    if (this.routedToCanary) stream_context.headers.response.replace("x-served-by", "canary");
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new CanaryRoot(context_id); }, "bench");
