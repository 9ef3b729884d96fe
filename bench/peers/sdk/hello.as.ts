// examples/hello.fw written with the AssemblyScript SDK (@solo-io/proxy-runtime), the way its README writes filters.
export * from "@solo-io/proxy-runtime/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context } from "@solo-io/proxy-runtime";

class HelloRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Hello(context_id, this);
  }
}

class Hello extends Context {
  constructor(context_id: u32, root_context: HelloRoot) {
    super(context_id, root_context);
  }
  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    stream_context.headers.response.replace("hello", "world");
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new HelloRoot(context_id); }, "bench");
