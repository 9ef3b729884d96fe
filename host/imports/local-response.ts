/**
 * proxy_send_local_response: always Ok; inside a stream the reply is sent when the guest call returns and the
 * callback's result is forced to stop; elsewhere it does nothing (Envoy has no decoder callbacks there).
 */

import { Status } from "../abi.js";
import { detailsWithoutSpaces } from "../local-reply.js";
import type { HostFunction } from "./host-function.js";

export const localResponseFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_send_local_response",
    params: "iiiiiiii",
    result: "i",
    selfGated: true,
    make:
      (vm) =>
      (
        status: number,
        detailsPtr: number,
        detailsSize: number,
        bodyPtr: number,
        bodySize: number,
        headersPtr: number,
        headersSize: number,
        grpcStatus: number,
      ) => {
        vm.enterHostCall(false, false);
        const details = vm.memory.string(detailsPtr, detailsSize);
        const body = vm.memory.copy(bodyPtr, bodySize);
        // Keys lower-cased as they are read (the reply's map keeps them as they are).
        const headers = vm.memory.pairs(headersPtr, headersSize, true);
        if (details === undefined || body === undefined || headers === undefined) return Status.InvalidMemoryAccess;
        const ctx = vm.active();
        if (ctx.kind === "stream") {
          ctx.sendLocalResponse({
            status: status >>> 0,
            body,
            headers,
            details: detailsWithoutSpaces(details),
            grpcStatus: grpcStatus | 0,
          });
        }
        vm.stopIteration = true;
        return Status.Ok;
      },
  },
];
