import type { BenchResults } from "./results.js";
import { bodyScanSection } from "./sections/body-scan.js";
import { compileSection } from "./sections/compile.js";
import { hostCallSection, memorySection, requestSection, sizeSection } from "./sections/modules.js";
import { overviewSection, targetsSection } from "./sections/overview.js";
import { scalingSection } from "./sections/scaling.js";
import { renderRecorded } from "./recorded-section.js";
import { BUILD_SCALE } from "./sections/build-scale.js";
import { LSP_LATENCY } from "./sections/lsp-latency.js";
import { SERVE_LOAD } from "./sections/serve-load.js";
import { LIMITS } from "./sections/limits.js";

/** docs/benchmarks.md from the results; sections whose measurements were not run (`--only`) are left out. */
export function renderMarkdown(r: BenchResults): string {
  const modules = r.modules.length > 0 ? [sizeSection(r), requestSection(r), hostCallSection(r), memorySection(r)] : [];
  const sections = [overviewSection(r), targetsSection(r), ...modules, compileSection(r), scalingSection(r), bodyScanSection(r), renderRecorded(LIMITS), renderRecorded(BUILD_SCALE), renderRecorded(LSP_LATENCY), renderRecorded(SERVE_LOAD)];
  return sections.filter((s) => s.length > 0).join("\n\n") + "\n";
}
