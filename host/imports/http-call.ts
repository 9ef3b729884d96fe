/**
 * proxy_http_call and proxy_get_status. The call belongs to the root context (Envoy uses
 * contextOrEffectiveContext()->root_context()); its answer is delivered later to proxy_on_http_call_response.
 * Envoy refuses (BadArgument) a negative timeout, an unknown cluster, and headers without :path, :method and
 * :authority; a body sets content-length. Tokens come from cpp-host's HTTP callout sequence (4, 8, 12, ...).
 */

import { Status } from "../abi.js";
import { HeaderMap } from "../header-map.js";
import type { HttpCall } from "../http-calls.js";
import type { HostFunction } from "./host-function.js";

export const httpCallFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_http_call",
    params: "iiiiiiiiii",
    result: "i",
    make:
      (vm) =>
      (
        clusterPtr: number,
        clusterSize: number,
        headersPtr: number,
        headersSize: number,
        bodyPtr: number,
        bodySize: number,
        trailersPtr: number,
        trailersSize: number,
        timeoutMs: number,
        tokenPtr: number,
      ) => {
        const root = vm.active().root;
        const cluster = vm.memory.string(clusterPtr, clusterSize);
        const body = vm.memory.copy(bodyPtr, bodySize);
        const headerPairs = vm.memory.pairs(headersPtr, headersSize, false);
        const trailers = vm.memory.pairs(trailersPtr, trailersSize, false);
        if (cluster === undefined || body === undefined || headerPairs === undefined || trailers === undefined) {
          return Status.InvalidMemoryAccess;
        }
        const headers = new HeaderMap(headerPairs);
        // cpp-host writes the token slot first to prove the pointer before starting anything.
        if (!vm.memory.setU32(tokenPtr, 0)) return Status.InvalidMemoryAccess;
        if ((timeoutMs | 0) < 0) return Status.BadArgument;
        if (!vm.core.hasCluster(cluster)) return Status.BadArgument;
        if (headers.getLower(":path") === undefined || headers.getLower(":method") === undefined || headers.getLower(":authority") === undefined) {
          return Status.BadArgument;
        }
        if (body.length > 0) headers.replace("content-length", String(body.length));
        const token = vm.takeHttpCallToken();
        const call: HttpCall = {
          token,
          cluster,
          request: { headers: headers.toList(), body, trailers, timeoutMs: timeoutMs | 0 },
          vm,
          root,
          delivered: false,
        };
        vm.memory.setU32(tokenPtr, token);
        if (vm.core.tracing) {
          vm.record({
            type: "http-call",
            token,
            cluster,
            headers: call.request.headers,
            body: new TextDecoder().decode(body),
            timeoutMs: timeoutMs | 0,
          });
        }
        vm.core.httpCallStarted(call);
        return Status.Ok;
      },
  },
  {
    module: "env",
    name: "proxy_get_status",
    params: "iii",
    result: "i",
    make: (vm) => (codePtr: number, messagePtrPtr: number, messageSizePtr: number) => {
      const root = vm.active().root;
      if (!vm.memory.setU32(codePtr, root.statusCode)) return Status.InvalidMemoryAccess;
      const message = new TextEncoder().encode(root.statusMessage);
      return vm.copyOut(message, messagePtrPtr, messageSizePtr) ? Status.Ok : Status.InvalidMemoryAccess;
    },
  },
];
