import type { Expression, Reference, RegexLiteral } from "../../grammar/ast.js";
import type { CheckedProgram, ParamInfo, Resolution } from "../check/result.js";
import type { FieldInfo, ValueType } from "../fields.js";
import type { Phase } from "../phases.js";
import { codeKey, type Code } from "../ir/code.js";
import type { MatcherDirection } from "./any-list.js";
import type { GroupTest } from "./match-groups.js";
import { HeaderCache } from "./header-cache.js";
import { MetricTable } from "./metrics.js";
import { defaultMetricPrefix } from "../metric-names.js";
import { RequestVerdicts } from "./request-verdicts.js";
import { StaticData } from "./static-data.js";
import { TestSets } from "./test-sets.js";
import { BodyStreams } from "./body-stream.js";
import { CalloutSites } from "./callouts.js";

/** A request value that response rules read, copied at the end of the request phase. */
export interface Capture {
  readonly index: number;
  /** The request-phase expression (AssemblyScript) whose value is kept. */
  readonly requestValue: string;
}

/** Shared state of one lowering: static data, names of globals, the capture plan. */
export class LowerContext {
  readonly data = new StaticData();
  /** Rules that pause their stream on a call (callouts.ts). */
  readonly callouts = new CalloutSites();
  /** The filter's name: the domain of its global limits (filterc.yaml `name`, else the rule file's base name). */
  filterName = "filter";
  readonly headers = new HeaderCache(this.data);
  /** The program's metrics; lower() gives it the filter's prefix. */
  metrics = new MetricTable(this.data, defaultMetricPrefix("filter"));
  /** filterc.yaml `countRules`: every rule counts its firings. */
  countRules = false;
  /** Find the groups of affix patterns without a group program (match-groups.ts); off only to compare. */
  affixGroups = true;
  readonly verdicts: RequestVerdicts;
  readonly tests: TestSets;
  /** Which body phases stream their body instead of holding it (body-stream.ts). */
  readonly bodyStreams: BodyStreams;
  private readonly captures = new Map<string, Capture>();
  /** The `captured(...)` reads handed out (see captureRead). */
  private readonly captureReads = new Set<string>();
  /** Values computed from one read alone (see derivedRead): code -> the read. */
  private readonly derivedReads = new Map<string, string>();
  /** Captures read while lowering one part of a rule (see capturesReadBy). */
  private reading: Set<number> | undefined;
  /** List params that `source.address in PARAM` reads, which also get an address table. */
  readonly addressParams = new Set<string>();
  /** List params that rules read as lists of strings (`in PARAM` on a non-address value). */
  readonly listParams = new Set<string>();
  /** List params that `contains any`, `starts_with any` or `ends_with any` match against, and the automata they need. */
  readonly listMatchers = new Map<string, Set<MatcherDirection>>();
  /** Whether a rule reads `client.address`: the filter then has the `trusted_hops` setting (see trustedHopsGlobal). */
  private trustedHopsRead = false;
  /** Header values computed from params alone: computed in proxy_on_configure, kept as `K<i>` (see configured). */
  readonly configuredValues: Code[] = [];
  /** The scratch bytes the largest group program of `match[N]` needs; 0 when no rule reads `match` (match-groups.ts). */
  matchScratchBytes = 0;
  /** The rule whose condition is being lowered, while its `matches` may run the group pass itself (match-groups.ts). */
  groupTest: GroupTest | undefined;
  private readonly configuredKeys: string[] = [];

  constructor(
    readonly checked: CheckedProgram,
    /** Instrument rules for coverage. */
    readonly coverage = false,
    /** Answer many constant tests on one value in one pass (test-sets.ts); off only to compare against. */
    testSets = true,
    /** Keep request verdicts as stream flags (request-verdicts.ts); off only to compare against. */
    requestVerdicts = true,
    /** The default of the `trusted_hops` setting (filterc.yaml `trustedHops`), which the configuration may change. */
    readonly trustedHops = 0,
  ) {
    this.verdicts = new RequestVerdicts(requestVerdicts);
    this.bodyStreams = new BodyStreams(checked);
    this.tests = new TestSets(this.data, testSets, (written) => {
      const code = this.derivedReads.get(written) ?? written;
      const slot = this.headers.slotRead(code);
      if (slot !== undefined) return { slot };
      return this.captureReads.has(code) ? {} : undefined;
    });
  }

  resolve(ref: Reference): Resolution {
    const resolution = this.checked.references.get(ref);
    if (resolution === undefined) throw new Error(`internal: unresolved reference at ${ref.span.start}`);
    return resolution;
  }

  /** The table the checker compiled for a pattern (the checker reports patterns that do not compile). */
  regexTable(literal: RegexLiteral): Uint8Array {
    const table = this.checked.regexTables.get(literal);
    if (table === undefined) throw new Error(`internal: no compiled table for /${literal.pattern}/`);
    return table;
  }

  typeOf(expr: Expression): ValueType {
    if (expr.kind === "Paren") return this.typeOf(expr.expression);
    const type = this.checked.types.get(expr);
    if (type === undefined) throw new Error(`internal: untyped ${expr.kind} at ${expr.span.start}`);
    return type;
  }

  /** The global holding the number of trusted hops `client.address` counts; the filter has it once this is called. */
  trustedHopsGlobal(): string {
    this.trustedHopsRead = true;
    return "TRUSTED_HOPS";
  }

  /** Whether the filter has the `trusted_hops` setting: a rule reads `client.address`. */
  get readsTrustedHops(): boolean {
    return this.trustedHopsRead;
  }

  paramGlobal(param: ParamInfo): string {
    return `P_${param.name}`;
  }

  /** The slot of a request value that the response phase needs, registered on first use. */
  capture(key: string, requestValue: string): Capture {
    let capture = this.captures.get(key);
    if (capture === undefined) {
      capture = { index: this.captures.size, requestValue };
      this.captures.set(key, capture);
    }
    this.reading?.add(capture.index);
    return capture;
  }

  /** Lowers something, noting the captures it reads (registered by it or before). */
  capturesReadBy<T>(lowerIt: () => T): { lowered: T; captures: Set<number> } {
    const outer = this.reading;
    const captures = new Set<number>();
    this.reading = captures;
    try {
      return { lowered: lowerIt(), captures };
    } finally {
      this.reading = outer;
      if (outer !== undefined) for (const index of captures) outer.add(index);
    }
  }

  /**
   * `code`, a pure function of `read` (a header cache read or a capture) and nothing else, such as
   * `authorityHostname(read)`: a test set may be keyed on it as on the read, and is recomputed when the read is.
   */
  derivedRead(code: string, read: string): string {
    // Only programs with `for` blocks, so that a program without them compiles to the same bytes as before scopes.
    if (this.hasScopes) this.derivedReads.set(code, read);
    return code;
  }

  /** Whether the program has `for host` / `for path` blocks (compiler/check/scopes.ts). */
  private get hasScopes(): boolean {
    return (this.scopesSeen ??= this.checked.program.statements.some((s) => s.kind === "Scope"));
  }

  private scopesSeen: boolean | undefined;

  /** The global that holds `code` (an expression over params and literals), computed once per configuration. */
  configured(value: Code): string {
    let index = this.configuredKeys.indexOf(codeKey(value));
    if (index < 0) {
      this.configuredKeys.push(codeKey(value));
      index = this.configuredValues.push(value) - 1;
    }
    return `K${index}`;
  }

  /** The response-phase expression that reads a capture. */
  captureRead(capture: Capture): string {
    const code = `captured(${capture.index})`;
    this.captureReads.add(code);
    return code;
  }

  capturePlan(): readonly Capture[] {
    return [...this.captures.values()];
  }
}

export interface FieldAccess {
  readonly field: FieldInfo;
  readonly key?: string;
  readonly phase: Phase;
}
