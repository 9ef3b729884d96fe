/**
 * Context switching and plugin shutdown: proxy_set_effective_context (BadArgument for an unknown id; lasts until
 * the current guest call returns) and proxy_done (NotFound unless the plugin is pending shutdown).
 */

import { Status } from "../abi.js";
import type { HostFunction } from "./host-function.js";

export const contextFunctions: HostFunction[] = [
  {
    module: "env",
    name: "proxy_set_effective_context",
    params: "i",
    result: "i",
    make: (vm) => (contextId: number) => {
      const id = contextId >>> 0;
      if (id !== 0 && !vm.contexts.has(id)) return Status.BadArgument;
      vm.effectiveId = id;
      return Status.Ok;
    },
  },
  {
    module: "env",
    name: "proxy_done",
    params: "",
    result: "i",
    make: (vm) => () => {
      const root = vm.active().root;
      if (!root.pendingDone) return Status.NotFound;
      root.pendingDone = false;
      // cpp-host defers the delete so proxy_on_delete never runs inside the caller.
      vm.after(() => vm.deleteRoot(root));
      return Status.Ok;
    },
  },
];
