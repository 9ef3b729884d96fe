import { assembleWatText } from "../peers/wat-assembler.js";
import { HOST_CALL_PROBES, probeModuleText } from "../probes/host-call-probes.js";
import type { BenchOptions } from "../options.js";
import type { HostCallCost } from "../report/results.js";
import { median } from "../stats.js";
import { measureRunners, Runner } from "./interleaved.js";

/** The request every probe handles: an admin-style request from a peer address, as the examples see them. */
const PROBE_REQUEST = { request: { path: "/admin/users", headers: { "x-admin-token": "t" } }, source: "10.1.2.3:50000" };

/**
 * What one host call adds to a request/response cycle in host/: each probe against the baseline probe, paired
 * per round. The examples' per-request figures are roughly the floor plus these, call by call.
 */
export async function measureHostCallCosts(options: BenchOptions): Promise<HostCallCost[]> {
  const starts = HOST_CALL_PROBES.map((probe) => async () => {
    const wasm = await assembleWatText(probeModuleText(probe), probe.name);
    return Runner.start(probe.name, wasm, { trace: false }, [PROBE_REQUEST]);
  });
  const cycles = options.quick ? 20_000 : 100_000;
  const batch = Math.ceil(cycles / options.rounds);
  const measured = await measureRunners(starts, { rounds: options.rounds, warmupCycles: 2_000, batch: () => batch });
  const baseline = measured[0]!.nsPerCycleByRound;
  return measured.map((m) => ({
    call: m.id,
    nsPerCycle: median(m.nsPerCycleByRound),
    nsPerCycleByRound: m.nsPerCycleByRound,
    addedNs: median(m.nsPerCycleByRound.map((ns, i) => ns - baseline[i]!)),
  }));
}
