/**
 * proxy_send_local_response: always Ok; inside a stream the reply is sent when the guest call returns and the
 * callback's result is forced to stop; elsewhere it does nothing (Envoy has no decoder callbacks there).
 */

import { Status } from "../abi.js";
import { detailsWithoutSpaces } from "../local-reply.js";
import { decodePairs } from "../pairs.js";
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
        const headerBytes = vm.memory.view8(headersPtr, headersSize);
        if (details === undefined || body === undefined || headerBytes === undefined) return Status.InvalidMemoryAccess;
        const ctx = vm.active();
        if (ctx.kind === "stream") {
          const headers = decodePairs(headerBytes);
          for (let i = 0; i < headers.length; i++) headers[i] = [headers[i]![0].toLowerCase(), headers[i]![1]];
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
