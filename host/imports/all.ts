/** Every host function the emulator provides, by group. */

import { bufferFunctions } from "./buffers.js";
import { contextFunctions } from "./contexts.js";
import { envExtraFunctions } from "./env-extras.js";
import { foreignFunctionFunctions } from "./foreign.js";
import { grpcFunctions } from "./grpc.js";
import { headerFunctions } from "./headers.js";
import type { HostFunction } from "./host-function.js";
import { httpCallFunctions } from "./http-call.js";
import { localResponseFunctions } from "./local-response.js";
import { logFunctions } from "./log.js";
import { metricFunctions } from "./metrics.js";
import { propertyFunctions } from "./properties.js";
import { queueFunctions } from "./queues.js";
import { sharedDataFunctions } from "./shared-data.js";
import { streamControlFunctions } from "./stream-control.js";
import { timerFunctions } from "./timers.js";
import { wasiFunctions } from "./wasi.js";

export const allHostFunctions: readonly HostFunction[] = [
  ...logFunctions,
  ...headerFunctions,
  ...bufferFunctions,
  ...propertyFunctions,
  ...localResponseFunctions,
  ...streamControlFunctions,
  ...httpCallFunctions,
  ...grpcFunctions,
  ...metricFunctions,
  ...sharedDataFunctions,
  ...queueFunctions,
  ...timerFunctions,
  ...contextFunctions,
  ...foreignFunctionFunctions,
  ...envExtraFunctions,
  ...wasiFunctions,
];
