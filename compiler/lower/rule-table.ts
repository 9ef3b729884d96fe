import type { RuleInfo } from "../check/result.js";
import type { SetBit } from "../ir/passes/rule-groups.js";
import type { RuleFunction } from "../ir/rule-function.js";
import { RULE_ANSWERED } from "../ir/rule-result.js";
import type { ResolvedStatement } from "../ir/statements.js";
import type { Phase, Side } from "../phases.js";
import { pairsBytes, type StaticData } from "./static-data.js";
import type { TestPlan } from "./test-sets.js";

/**
 * Rule tables: large rule sets of the common shapes run from static data instead of one function per rule.
 *
 * A rule a table can hold has one test a test set answers as its whole condition, and actions that are all
 * constant: `set`/`add` of a literal, `remove` of a header no test or cached read looks at, and a local reply of
 * constants (`deny`, `respond`, `redirect`). Consecutive such rules of a phase share one table; the callback
 * computes the table's sets and calls `ruleTableRun` (runtime/rule-table.ts), which goes through the set bits
 * only, so a request that no rule applies to costs a pass over the sets' result words, as the grouped tests of
 * rule functions did, and the module grows by data, not code, with the rules: asc and binaryen no longer see a
 * function per rule, which is what made large builds slow.
 *
 * Order is kept: the table marks the rules whose bit is set and runs them in file order. Its rules write no
 * value a test set or the header cache reads, so the bits the run started with stay right for all of them.
 * Phases with few rules keep rule functions: they are as small and a little faster, and small programs keep
 * their exact modules.
 *
 * The table (numbers are little-endian u32, offsets from the table's start):
 *
 *   0          sets S, entries E (one per rule, in file order)
 *   8          per set: its result words W, offset of its bit map (W x 32 offsets of position lists; 0 = no rule
 *              of this table has that bit)
 *   8+8S       per entry: offset of its ops, configuration key index (0: the rule has no name), enabled (1/0,
 *              written by ruleTableConfigure)
 *   ...        position lists: count, then entry positions (ascending)
 *   ...        ops, each `kind, args`, ending with 0 (end) or a reply:
 *                1 set / 2 add: map, name, value    3 remove: map, name    4 reply: status, body, details, headers
 *              a string is its offset from DATA and its length; offset 0xFFFFFFFF: the runtime Str `length` itself
 *              (EMPTY is 1, NO_HEADERS 0).
 */

/** Phases with more rules than this may use tables (the callbacks then call chunks of rules anyway). */
export const RULE_TABLE_MIN_PHASE_RULES = 64;
/** A run of fewer rules than this stays code: its table and call would not pay. */
export const RULE_TABLE_MIN_RUN = 16;

/** The proxy-wasm header map of each side (runtime/abi.ts MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS). */
const MAP_NUMBER: Record<Side, number> = { request: 0, response: 2 };
const OP = { end: 0, set: 1, add: 2, remove: 3, reply: 4 } as const;
const RUNTIME_STR = 0xffffffff;
/** The runtime's EMPTY and NO_HEADERS (runtime/str.ts, runtime/local-response.ts). */
const EMPTY_STR = 1;
const NO_HEADERS = 0;

type TableOp =
  | { readonly kind: "set" | "add"; readonly side: Side; readonly name: string; readonly value: string }
  | { readonly kind: "remove"; readonly side: Side; readonly name: string }
  | { readonly kind: "reply"; readonly status: number; readonly body?: string; readonly details: string; readonly headers: readonly (readonly [string, string])[] };

/**
 * The ops of a rule function whose statements a table can hold, or undefined. `fn` is resolved: a write whose
 * header some slot caches (a non-empty CacheUpdate) keeps the rule out, as the bits and cache must stay right.
 */
export function tableOps(fn: RuleFunction<ResolvedStatement>): TableOp[] | undefined {
  if (fn.coverageCounter !== undefined) return undefined;
  const ops: TableOp[] = [];
  for (const action of fn.actions) {
    for (let i = 0; i < action.length; i++) {
      const statement = action[i]!;
      switch (statement.kind) {
        case "WriteHeader":
          if (statement.safety.kind !== "constant" || statement.literal === undefined || statement.op === "set_default") return undefined;
          ops.push({ kind: statement.op, side: statement.side, name: statement.header, value: statement.literal });
          break;
        case "RemoveHeader":
          ops.push({ kind: "remove", side: statement.side, name: statement.header });
          break;
        case "CacheUpdate":
          if (statement.assignments.length > 0) return undefined;
          break;
        case "StaticReply": {
          const next = action[i + 1];
          if (next?.kind !== "Return" || next.result !== RULE_ANSWERED) return undefined;
          const { status, body, details, headers } = statement;
          // The reply ends the rule: what follows it never runs.
          ops.push({ kind: "reply", status, body, details, headers });
          return ops;
        }
        default:
          return undefined;
      }
    }
  }
  return ops;
}

/** A rule a table holds. */
export interface TableRule {
  readonly info: RuleInfo;
  readonly bit: SetBit;
  readonly ops: readonly TableOp[];
  /** Its index in the configuration's key table (runtime/config.ts), 0 when it has no name. */
  readonly key: number;
}

/** One table: consecutive rules of a phase. */
export interface RuleTable {
  /** The table's name in static data. */
  readonly name: string;
  /** The test sets its rules' bits belong to, in the order of the table's set list. */
  readonly sets: readonly number[];
  readonly rules: readonly TableRule[];
}

/** A phase's rules in order: runs of rule functions and tables. */
export type RuleSegment = { readonly kind: "rules"; readonly rules: readonly RuleInfo[] } | { readonly kind: "table"; readonly table: RuleTable };

/** The tables of a program. */
export class RuleTables {
  private readonly segmentsOf = new Map<Phase, RuleSegment[]>();
  /** The rules the tables hold: they get no function and no `R<i>_enabled` flag. */
  readonly held = new Set<RuleInfo>();
  readonly tables: RuleTable[] = [];

  /**
   * Decides the tables. `candidate` gives a rule's table form when it has one (its bit and ops); a phase needs
   * more than RULE_TABLE_MIN_PHASE_RULES rules and a run at least RULE_TABLE_MIN_RUN.
   */
  constructor(data: StaticData, tests: TestPlan, rulesOf: ReadonlyMap<Phase, readonly RuleInfo[]>, candidate: (info: RuleInfo) => TableRule | undefined) {
    for (const [phase, rules] of rulesOf) {
      if (rules.length <= RULE_TABLE_MIN_PHASE_RULES) continue;
      const segments: RuleSegment[] = [];
      let code: RuleInfo[] = [];
      let run: TableRule[] = [];
      const endRun = () => {
        if (run.length >= RULE_TABLE_MIN_RUN) {
          if (code.length > 0) segments.push({ kind: "rules", rules: code });
          code = [];
          const table = encodeTable(data, tests, run);
          this.tables.push(table);
          segments.push({ kind: "table", table });
          for (const rule of run) this.held.add(rule.info);
        } else {
          code.push(...run.map((r) => r.info));
        }
        run = [];
      };
      for (const info of rules) {
        const rule = candidate(info);
        if (rule !== undefined) {
          run.push(rule);
          continue;
        }
        endRun();
        code.push(info);
      }
      endRun();
      if (code.length > 0) segments.push({ kind: "rules", rules: code });
      this.segmentsOf.set(phase, segments);
    }
  }

  /** A phase's rules as runs of rule functions and tables. */
  segments(phase: Phase, rules: readonly RuleInfo[]): readonly RuleSegment[] {
    return this.segmentsOf.get(phase) ?? [{ kind: "rules", rules }];
  }

  /** Where the callbacks put the addresses of a table's sets' results for ruleTableRun. */
  declarations(): string[] {
    if (this.tables.length === 0) return [];
    const most = Math.max(...this.tables.map((t) => t.sets.length));
    return [`const RULE_TABLE_SETS = memory.data(${4 * most}, 4);`];
  }

  /** The statements that run `table` in a callback, inside its `do { ... } while (false)`. */
  call(tests: TestPlan, table: RuleTable, answered: string): string {
    const stores = table.sets.map((set, i) => `store<u32>(RULE_TABLE_SETS, <u32>${tests.resultOf(set)}, ${4 * i});`);
    return `{ ${stores.join(" ")} if (ruleTableRun(${table.name}, DATA, RULE_TABLE_SETS) == ${RULE_ANSWERED}) ${answered} }`;
  }

  /** proxy_on_configure's statements: each table's rules on or off. */
  configure(): string[] {
    return this.tables.filter((t) => t.rules.some((r) => r.key !== 0)).map((t) => `ruleTableConfigure(${t.name});`);
  }
}

function encodeTable(data: StaticData, tests: TestPlan, rules: readonly TableRule[]): RuleTable {
  const sets = [...new Set(rules.map((r) => r.bit.set))];
  const setIndex = new Map(sets.map((set, i) => [set, i]));
  const text = (value: string | undefined, none: number): [number, number] => {
    if (value === undefined || value === "") return [RUNTIME_STR, value === undefined ? none : EMPTY_STR];
    const { offset, length } = data.locate(new TextEncoder().encode(value));
    return [offset, length];
  };
  const header = 8 + 8 * sets.length;
  const entriesAt = header;
  // Position lists per (set, bit), in rule order.
  const positions = new Map<number, number[]>();
  rules.forEach((rule, position) => {
    const key = setIndex.get(rule.bit.set)! * 0x100000000 + rule.bit.bit;
    const list = positions.get(key);
    if (list === undefined) positions.set(key, [position]);
    else list.push(position);
  });
  // Layout: header, entries, bit maps, position lists, ops.
  let at = entriesAt + 12 * rules.length;
  const mapAt: number[] = [];
  for (const set of sets) {
    mapAt.push(at);
    at += 4 * 32 * tests.wordsOf(set);
  }
  const listAt = new Map<number, number>();
  for (const [key, list] of positions) {
    listAt.set(key, at);
    at += 4 + 4 * list.length;
  }
  const located = (bytes: Uint8Array): [number, number] => {
    const { offset, length } = data.locate(bytes);
    return [offset, length];
  };
  const opWords = rules.map((rule) => encodeOps(rule.ops, text, located));
  const opsAt: number[] = [];
  for (const ops of opWords) {
    opsAt.push(at);
    at += 4 * ops.length;
  }
  const table = new Uint8Array(at);
  const view = new DataView(table.buffer);
  const u32 = (offset: number, value: number) => view.setUint32(offset, value, true);
  u32(0, sets.length);
  u32(4, rules.length);
  sets.forEach((set, i) => {
    u32(8 + 8 * i, tests.wordsOf(set));
    u32(12 + 8 * i, mapAt[i]!);
  });
  rules.forEach((rule, position) => {
    u32(entriesAt + 12 * position, opsAt[position]!);
    u32(entriesAt + 12 * position + 4, rule.key);
    u32(entriesAt + 12 * position + 8, 1);
  });
  for (const [key, list] of positions) {
    const set = Math.floor(key / 0x100000000);
    const bit = key % 0x100000000;
    const offset = listAt.get(key)!;
    u32(mapAt[set]! + 4 * bit, offset);
    u32(offset, list.length);
    list.forEach((position, i) => u32(offset + 4 + 4 * i, position));
  }
  opWords.forEach((ops, r) => ops.forEach((word, i) => u32(opsAt[r]! + 4 * i, word)));
  const first = rules[0]!.info;
  const name = data.bytes(table, `rule table: ${rules.length} rules from rule ${first.index + 1}`);
  return { name, sets, rules };
}

function encodeOps(ops: readonly TableOp[], text: (value: string | undefined, none: number) => [number, number], located: (bytes: Uint8Array) => [number, number]): number[] {
  const words: number[] = [];
  for (const op of ops) {
    switch (op.kind) {
      case "set":
      case "add":
        words.push(OP[op.kind], MAP_NUMBER[op.side], ...text(op.name, EMPTY_STR), ...text(op.value, EMPTY_STR));
        break;
      case "remove":
        words.push(OP.remove, MAP_NUMBER[op.side], ...text(op.name, EMPTY_STR));
        break;
      case "reply": {
        const headers = op.headers.length === 0 ? [RUNTIME_STR, NO_HEADERS] : located(pairsBytes(op.headers));
        words.push(OP.reply, op.status, ...text(op.body, EMPTY_STR), ...text(op.details, EMPTY_STR), ...headers);
        return words;
      }
    }
  }
  words.push(OP.end);
  return words;
}
