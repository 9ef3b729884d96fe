/**
 * The differential check: a batch of generated programs compiled once and run in host/, each exchange compared with
 * the reference interpreter. A mismatch is reduced (one program, then fewer rules and actions) before it is
 * reported, so the report is a small program, a configuration and one exchange: a regression test to be.
 */
import { isDeepStrictEqual } from "node:util";
import { compileText } from "../support/compile.js";
import { configLogsOf, loadFilter, runCompiled } from "./compiled.js";
import { batchConfig, batchText, PROGRAM_HEADER, type GenProgram } from "./generator.js";
import { checkedProgram, freshWorker, interpret } from "./interpreter.js";
import type { Exchange, Outcome } from "./model.js";

export interface Batch {
  readonly programs: readonly GenProgram[];
  readonly configShape: Parameters<typeof batchConfig>[1];
  readonly exchanges: readonly Exchange[];
}

export interface Mismatch {
  readonly program: string;
  readonly config: string;
  readonly exchange: Exchange;
  readonly expected: Outcome;
  readonly actual: Outcome;
}

const compiled = new Map<string, Promise<Uint8Array>>();

/** Compiles once per text: reduction and fast-check's replays ask for the same program again. */
function compile(text: string): Promise<Uint8Array> {
  let wasm = compiled.get(text);
  if (wasm === undefined) {
    if (compiled.size > 64) compiled.clear();
    wasm = compileText(text);
    compiled.set(text, wasm);
  }
  return wasm;
}

/** The first exchange on which the compiled filter and the interpreter disagree, or undefined. */
export async function firstMismatch(program: string, config: string, exchanges: readonly Exchange[]): Promise<Mismatch | undefined> {
  const checked = checkedProgram(program);
  const wasm = await compile(program);
  let host = await loadFilter(wasm, config);
  const configLogs = configLogsOf(host);
  // `random()` and `uuid()` take their values from a pool that outlives a request: each exchange then gets a freshly
  // loaded filter (and the interpreter a fresh worker), so a mismatch is reproduced, and reduced, with its one
  // exchange. random.e2e.test.ts checks the pool across requests. Otherwise the label values a worker's metrics have
  // seen outlive a stream: one state for as long as `host` is loaded.
  const fresh = usesRandom(program);
  let worker = freshWorker();
  for (const [i, exchange] of exchanges.entries()) {
    if (fresh && i > 0) {
      host = await loadFilter(wasm, config);
      worker = freshWorker();
    }
    const expected = interpret(checked, exchange, config, worker);
    const actual = runCompiled(host, exchange, configLogs);
    if (!isDeepStrictEqual(actual, expected)) return { program, config, exchange, expected, actual };
  }
  return undefined;
}

function usesRandom(program: string): boolean {
  return program.includes("random()") || program.includes("uuid()");
}

export async function checkBatch(batch: Batch): Promise<Mismatch | undefined> {
  const mismatch = await firstMismatch(batchText(batch.programs), batchConfig(batch.programs, batch.configShape), batch.exchanges);
  return mismatch === undefined ? undefined : reduce(batch, mismatch);
}

/** Greedy reduction: the failing exchange's program alone, then without each rule, action and condition in turn. */
async function reduce(batch: Batch, mismatch: Mismatch): Promise<Mismatch> {
  const k = Number(mismatch.exchange.request.headers.find(([name]) => name === PROGRAM_HEADER)![1]);
  const exchange = { ...mismatch.exchange, request: { ...mismatch.exchange.request, headers: mismatch.exchange.request.headers.map(([n, v]) => [n, n === PROGRAM_HEADER ? "0" : v] as const) } };
  let best = mismatch;
  let program = batch.programs[k]!;
  const attempt = async (candidate: GenProgram): Promise<boolean> => {
    let found: Mismatch | undefined;
    try {
      found = await firstMismatch(batchText([candidate]), batchConfig([candidate], batch.configShape), [exchange]);
    } catch {
      return false; // a candidate that does not compile (a param left unused is fine; a removed one is not)
    }
    if (found === undefined) return false;
    best = found;
    program = candidate;
    return true;
  };
  if (!(await attempt(program))) return best;
  for (let i = program.rules.length - 1; i >= 0; i--) {
    if (program.rules.length > 1) await attempt({ ...program, rules: program.rules.filter((_, j) => j !== i) });
  }
  for (let i = 0; i < program.rules.length; i++) {
    const rule = program.rules[i]!;
    const replace = (r: typeof rule) => ({ ...program, rules: program.rules.map((x, j) => (j === i ? r : x)) });
    if (rule.condition !== undefined) await attempt(replace({ ...rule, condition: undefined }));
    if (rule.scopes !== undefined) await attempt(replace({ ...program.rules[i]!, scopes: undefined }));
    for (let a = program.rules[i]!.actions.length - 1; a >= 0; a--) {
      const current = program.rules[i]!;
      if (current.actions.length > 1) await attempt(replace({ ...current, actions: current.actions.filter((_, j) => j !== a) }));
    }
  }
  return best;
}

/** A mismatch as text a person can turn into a regression test. */
export function describeMismatch(m: Mismatch): string {
  return [
    "program:",
    m.program,
    `plugin configuration: ${JSON.stringify(m.config)}`,
    `exchange: ${JSON.stringify(m.exchange)}`,
    `interpreter: ${JSON.stringify(m.expected)}`,
    `compiled:    ${JSON.stringify(m.actual)}`,
  ].join("\n");
}
