import { loadHost, type StreamResult } from "../../host/index.js";
import type { Subject } from "../subjects.js";

/** What one scenario did on one module: its host-call count and what the client and the upstream saw. */
export interface ScenarioOutcome {
  readonly scenario: string;
  readonly hostCalls: number;
  /** A canonical text of the observable result, to check that peers behave like filterc's build. */
  readonly observable: string;
}

function observable(result: StreamResult): string {
  return JSON.stringify({
    upstream: result.upstreamRequest?.headers ?? null,
    status: result.response.status,
    headers: result.response.headers,
    body: new TextDecoder().decode(result.response.body),
    details: result.response.details ?? null,
    // The SDK's chatter is at debug level, below the host's default info: only lines a proxy would print count.
    logs: result.logs.map((l) => [l.level, l.message]),
    trap: result.trap?.message ?? null,
  });
}

/**
 * Runs each of the subject's scenarios once on a fresh host (so stream numbers, and with them x-request-id, are
 * the same for every module). Host-call counts are deterministic: the guard tests pin them.
 */
export async function scenarioOutcomes(subject: Subject): Promise<ScenarioOutcome[]> {
  const host = await loadHost(subject.wasm, subject.hostOptions);
  return subject.scenarios.map((scenario) => {
    const result = host.runStream(scenario.spec);
    return { scenario: scenario.name, hostCalls: result.hostCalls, observable: observable(result) };
  });
}

/** Scenarios where a peer's result differs from filterc's build of the same example. */
export function behaviourDifferences(filterc: readonly ScenarioOutcome[], peer: readonly ScenarioOutcome[]): string[] {
  const differences: string[] = [];
  for (const mine of peer) {
    const reference = filterc.find((o) => o.scenario === mine.scenario);
    if (reference !== undefined && reference.observable !== mine.observable) {
      differences.push(`${mine.scenario}: filterc ${reference.observable} / peer ${mine.observable}`);
    }
  }
  return differences;
}
