import type { DoctorCheck } from "../check.js";
import { pluginConfigs } from "../plugin-configs.js";

const PAGE = 65536;

/**
 * What the filter costs each proxy: per VM its module (V8 keeps the code; counted at the module's size) and its
 * linear memory after it has configured and served one request in filterc's host (host/), times one VM per
 * worker thread (Envoy gives every worker its own VM of a plugin configuration). A floor, not a peak: requests
 * with large bodies grow memory further.
 */
export async function memoryEstimate(wasm: Uint8Array, configuration: string, workers: number): Promise<{ perVm: number; vms: number; total: number; pages: number }> {
  // Loaded only when a budget is checked: `filterc explain` and lint read this module's meta, not the host.
  const { loadHost } = await import("../../../host/index.js");
  const host = await loadHost(wasm, { pluginConfig: configuration });
  host.runStream({ request: { method: "GET", path: "/" } });
  const pages = host.memoryPages();
  const perVm = wasm.length + pages * PAGE;
  return { perVm, vms: workers, total: perVm * workers, pages };
}

const check: DoctorCheck = {
  meta: {
    code: "D013",
    id: "memory-budget",
    severity: "error",
    title: "the filter's memory per proxy exceeds --memory-budget",
    why: "Each Envoy worker thread runs its own VM of the module, with its own linear memory; a proxy's memory limit must hold all of them beside Envoy itself.",
    fix: "raise the budget or the proxy's memory limit, run fewer workers (`concurrency`), or shrink the rules' lists and held bodies (`maxBody`)",
  },
  async run(context) {
    if (context.memoryBudget === undefined) return;
    const configurations = pluginConfigs(context.output).map((c) => c.text);
    let estimate: Awaited<ReturnType<typeof memoryEstimate>>;
    try {
      estimate = await memoryEstimate(context.output.wasm, configurations[0] ?? "", context.workers);
    } catch (error) {
      context.report({ source: context.output.wasmSource, span: { start: 0, end: 0 }, message: `filter.wasm could not be loaded to measure its memory: ${(error as Error).message}`, hint: "rebuild it with `filterc build`" });
      return;
    }
    if (estimate.total <= context.memoryBudget) return;
    context.report({
      source: context.output.wasmSource,
      span: { start: 0, end: 0 },
      message: `the filter needs about ${estimate.total} bytes per proxy (${estimate.vms} worker VM${estimate.vms === 1 ? "" : "s"} × (${context.output.wasm.length} bytes of module + ${estimate.pages} pages of 64 KiB)), more than --memory-budget ${context.memoryBudget}`,
      hint: check.meta.fix,
    });
  },
};

export default check;
