import type { CheckedProgram } from "./check/result.js";
import { globalLimits } from "./check/global-limits.js";
import { programClusters } from "./actions/registry.js";

/** One global limit as the rate limit service's configuration states it (emit/ratelimit-config.ts). */
export interface GlobalLimitEntry {
  readonly rule: string;
  readonly unit: string;
  readonly requestsPerUnit: number;
  /** `by`: the descriptor has a nested `by` entry, one count per value. */
  readonly keyed: boolean;
}

/** What the deployment needs to know about the services a program calls. */
export interface CalloutPlan {
  /** The filter's name: the domain of its global limits. */
  readonly domain: string;
  readonly limits: readonly GlobalLimitEntry[];
  /** The Envoy clusters the program calls, in order of first use. */
  readonly clusters: readonly string[];
}

export function calloutPlan(checked: CheckedProgram, domain: string): CalloutPlan {
  const limits = checked.rules.flatMap((info) =>
    globalLimits(info.rule).map((limit) => ({
      rule: info.name!,
      unit: limit.unit.name,
      requestsPerUnit: limit.rate.kind === "IntLiteral" ? limit.rate.value : 0,
      keyed: limit.by !== undefined,
    })),
  );
  return { domain, limits, clusters: programClusters(checked.rules.map((info) => info.rule)) };
}
