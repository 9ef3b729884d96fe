import { describe, expect, it } from "vitest";
import { allHostFunctions } from "../../host/imports/all.js";
import { Vm } from "../../host/vm.js";

// Self-gated host functions skip the linker's wrapper, so each must check the allow-list with its own flags and
// count itself before doing anything else.
describe("self-gated host functions", () => {
  const selfGated = allHostFunctions.filter((f) => f.selfGated === true);

  it("include the hot header, property, log, body and local-reply calls", () => {
    expect(selfGated.map((f) => f.name).sort()).toEqual(
      [
        "proxy_add_header_map_value",
        "proxy_get_buffer_bytes",
        "proxy_get_header_map_pairs",
        "proxy_get_header_map_value",
        "proxy_get_property",
        "proxy_log",
        "proxy_remove_header_map_value",
        "proxy_replace_header_map_value",
        "proxy_send_local_response",
      ].sort(),
    );
  });

  for (const def of selfGated) {
    it(`${def.name} checks the allow-list with its own flags first`, () => {
      const checked: Array<[boolean, boolean]> = [];
      const stop = new Error("stop");
      const vm = {
        restriction: 1,
        sink: { hostCalls: 0 },
        checkRestriction(startup: boolean, allocator: boolean): never {
          checked.push([startup, allocator]);
          throw stop;
        },
        enterHostCall: Vm.prototype.enterHostCall,
      };
      const fn = def.make(vm as unknown as Vm);
      expect(() => fn(0, 0, 0, 0, 0, 0, 0, 0)).toThrow(stop);
      expect(checked).toEqual([[def.startup === true, def.allocator === true]]);
    });
  }
});
