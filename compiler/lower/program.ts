import type { CheckedProgram, ParamInfo, RuleInfo } from "../check/result.js";
import type { Span } from "../../grammar/ast.js";
import { parseIpOrCidr } from "../net.js";
import { callbackPhases, isBodyPhase, phaseDefinition, sideOf, type Phase, type Side } from "../phases.js";
import { contentLengthRemoval, reframedSides, removesContentLength } from "./body-reframe.js";
import { replaceScratchDeclarations } from "./replace-scratch.js";
import { firstHold, heldSides } from "../header-holds.js";
import { headersReturn, holdsHere } from "./header-hold.js";
import { bodyDeclarations, bodyPrologue, callbackSignature, DEFAULT_MAX_BODY, repliesOnOverflow, type BodyOverflow, type BodySettings } from "./body-phase.js";
import type { ReplyHook } from "../actions/lowering.js";
import { lowerLocalReplies } from "./local-reply.js";
import { TRUSTED_HOPS_KEY } from "../setting-keys.js";
import { actionDefinition } from "../actions/registry.js";
import { functionRuntimeImports } from "../functions/registry.js";
import { resetSlots, resolveHeaderChanges } from "../ir/passes/header-cache.js";
import { code, joinCode, printCode, type Code } from "../ir/code.js";
import { printStatement } from "../ir/print.js";
import { printRuleFunction, type RuleFunction } from "../ir/rule-function.js";
import type { BranchArm, Statement } from "../ir/statements.js";
import { RULE_COUNTER, RULE_TAG, ruleLabel } from "../metric-names.js";
import { MetricTable } from "./metrics.js";
import { ruleBranches } from "../../grammar/walk.js";
import { calloutPlan, type CalloutPlan } from "../global-limit-plan.js";
import { RuleActionLowering } from "./action-lowering.js";
import { captureConditions, type RuleCaptures } from "../ir/passes/captures.js";
import { requestPart } from "./capture-guards.js";
import { DEFAULT_MAX_LIST_BYTES, listMatcherBuilds, listMatcherConfigured, listMatcherDefaults, listMatcherGlobals } from "./any-list.js";
import { LowerContext } from "./context.js";
import { ruleDispatch } from "./dispatch.js";
import { RuleTables, tableOps, type TableRule } from "./rule-table.js";
import { lowerExpression } from "./expression.js";
import { lowerWithGroupTest, matchGroupsPrelude, matchScratchDeclarations } from "./match-groups.js";
import { packAddressTable, packList } from "./static-data.js";
import type { TestPlan } from "./test-sets.js";
import { hasShadowPath, SHADOW_LIST_BITS, shadowGlobals, shadowMetricName, shadowPath } from "./shadow.js";
import { ENFORCE_RULES_KEY, SHADOW_RULES_KEY, shadowKeys, shadowSupported } from "../shadow-mode.js";
import { variableStarts } from "./variable-starts.js";
import { variableDeclarations } from "./variables.js";
import type { BodyPhaseMode } from "./body-stream.js";
import { planStreams, replyStatement, requestEnd, responseStart, streamDeclarations, type StreamPlan } from "./stream-state.js";

/** Where a rule's code went, for mapping traps and logs back to the rule file. */
export interface RuleMapEntry {
  readonly function: string;
  readonly index: number;
  readonly name?: string;
  readonly phase: Phase;
  /** Character offset of the rule in the source; the build turns it into line and column. */
  readonly offset: number;
  /** Character offsets of the rule's `else` branches (their `else` keywords); absent without any. */
  readonly elseOffsets?: readonly number[];
}

export interface LoweredProgram {
  /** The AssemblyScript entry file; it imports only `./runtime/index` and `./runtime/exports`. */
  readonly source: string;
  readonly rules: readonly RuleMapEntry[];
  /** The plugin configuration that reproduces every param's default (for WasmPlugin and EnvoyFilter). */
  readonly defaultConfig: Record<string, unknown>;
  /**
   * The keys the filter reads besides its params, `disabled_rules` and `trusted_hops`: `shadow_rules` and
   * `enforce_rules` when it declares a shadow rule (compiler/shadow-mode.ts).
   */
  readonly ruleModeKeys: readonly string[];
  /** Where the filter first holds headers for body rules (compiler/header-holds.ts): the deployment must allow it. */
  readonly headerHold: { readonly side: Side; readonly span: Span } | undefined;
  /** The tags the metrics' names carry (compiler/metric-names.ts), for Envoy's `stats_tags`. */
  readonly metrics: { readonly prefix: string; readonly tags: readonly string[] };
  /** With LowerOptions.placedData: the static data the wasm step must place at address `base`. */
  readonly staticData?: { readonly base: number; readonly bytes: Uint8Array };
  /** Whether each body phase with rules streams or holds its body, and why (body-stream.ts). */
  readonly bodyPhases: readonly BodyPhaseMode[];
  /** The global limits and the clusters the program calls, for the deployment files. */
  readonly callouts: CalloutPlan;
}

export interface LowerOptions {
  /** Count each rule that fires in a metric `filterc.rule_fired.<index>` (for `filterc test` coverage). */
  readonly coverage?: boolean;
  /** Answer many constant tests on one value in one pass (the default); off only to compare against. */
  readonly testSets?: boolean;
  /** Keep what response rules' conditions decide on the request alone as flags (the default); off only to compare. */
  readonly requestVerdicts?: boolean;
  /** The most bytes the items of a configured list matched with `contains any` may hold (filterc.yaml `maxListBytes`). */
  readonly maxListBytes?: number;
  /** Run large phases' rules of the common shapes from tables (the default); off only to compare. */
  readonly ruleTables?: boolean;
  /**
   * Leave the static data out of the source, for the wasm step to place (LoweredProgram.staticData): what large
   * programs do, whose data asc would otherwise compile byte by byte.
   */
  readonly placedData?: boolean;
  /** The default number of trusted `x-forwarded-for` hops for `client.address` (filterc.yaml `trustedHops`). */
  readonly trustedHops?: number;
  /** The most bytes a body phase holds (filterc.yaml `maxBody`; DEFAULT_MAX_BODY). */
  readonly maxBody?: number;
  /** What a request body past maxBody gets (filterc.yaml `onBodyOverflow`; `deny`, a 413). */
  readonly onBodyOverflow?: BodyOverflow;
  /** What the names of `count` and `observe` metrics start with (filterc.yaml `metricPrefix`); `filterc.filter.` */
  readonly metricPrefix?: string;
  /** The filter's name, the domain of its global limits (docs/language.md, "Global rate limits"). */
  readonly filterName?: string;
  /** Count each rule's firings in the counter `rule_fired` tagged with the rule (filterc.yaml `countRules`). */
  readonly countRules?: boolean;
  /** Find the groups of `^LIT(CLASS*)LIT$` patterns by prefix, suffix and class loop (the default); off only to compare. */
  readonly affixGroups?: boolean;
}

/** Where placed static data starts: low memory that asc leaves free (its own data starts at `--memoryBase`). */
export const PLACED_DATA_BASE = 16;

/** The metric an instrumented build counts a rule's firings in. */
export const COVERAGE_METRIC_PREFIX = "filterc.rule_fired.";

/** Turns a checked, error-free program into the AssemblyScript source of a proxy-wasm filter. */
export function lower(checked: CheckedProgram, options: LowerOptions = {}): LoweredProgram {
  const ctx = new LowerContext(checked, options.coverage === true, options.testSets !== false, options.requestVerdicts !== false, options.trustedHops ?? 0);
  if (options.placedData) ctx.data.placeAt(PLACED_DATA_BASE);
  if (options.metricPrefix !== undefined) ctx.metrics = new MetricTable(ctx.data, options.metricPrefix);
  if (options.countRules === true) ctx.countRules = true;
  if (options.filterName !== undefined) ctx.filterName = options.filterName;
  if (options.affixGroups === false) ctx.affixGroups = false;
  const ruleFunctions: RuleFunction[] = [];
  const ruleOfFunction = new Map<RuleFunction, RuleInfo>();
  const ruleMap: RuleMapEntry[] = [];
  const conditions = new Map<RuleInfo, Code>();
  const responseCaptures: RuleCaptures[] = [];
  const verdicts = new Map<RuleInfo, bigint>();
  const bodySettings: BodySettings = { maxBody: options.maxBody ?? DEFAULT_MAX_BODY, onBodyOverflow: options.onBodyOverflow ?? "deny" };
  // `on local_reply` rules first: the replies of the other rules call them (local-reply.ts), as does the 413 of a
  // request body past maxBody.
  const overflowReplies = (phase: Phase) => repliesOnOverflow(phaseDefinition(phase), bodySettings) && !ctx.bodyStreams.streams(phase) && checked.rules.some((r) => r.phase === phase);
  const replies = lowerLocalReplies(ctx, checked, (info, branch) => coverageCounters(info)[branch]!.global, overflowReplies);
  responseCaptures.push(...replies.captures);
  /** Rules whose condition or actions read captured request values. */
  const capturing = new Set<RuleInfo>();
  for (const info of checked.rules) {
    const fn = `rule_${info.index}`;
    const elseOffsets = info.rule.elseBranches?.map((branch) => branch.span.start);
    ruleMap.push({ function: fn, index: info.index, name: info.name, phase: info.phase, offset: info.rule.span.start, ...(elseOffsets && { elseOffsets }) });
    // Rules of a phase without a callback of its own were lowered above.
    if (phaseDefinition(info.phase).runsOn !== "callback") continue;
    const lowered = lowerRule(ctx, info, fn, replies.hook(info.phase));
    ruleFunctions.push(lowered.function);
    ruleOfFunction.set(lowered.function, info);
    if (lowered.condition !== undefined) conditions.set(info, lowered.condition);
    if (lowered.captures.always.size + lowered.captures.guarded.size > 0) {
      responseCaptures.push(lowered.captures);
      capturing.add(info);
    }
    if (lowered.verdict !== undefined) verdicts.set(info, lowered.verdict);
  }
  const captureGuards = captureConditions(responseCaptures);
  // Every test is known now: the callbacks group rules by the test-set bits their conditions need.
  const tests = ctx.tests.plan();
  const rulesOf = new Map(callbackPhases().map((phase) => [phase, checked.rules.filter((r) => r.phase === phase)]));
  // Before the stream plan: variables a later side reads are captured.
  const replyRules = checked.rules.filter((r) => phaseDefinition(r.phase).runsOn !== "callback");
  const starts = variableStarts(ctx, rulesOf, replyRules, (phase) => replies.hook(phase) !== undefined);
  const streams = planStreams(ctx, rulesOf, verdicts);
  // A phase that pauses on a call runs its rules from any pausing rule on (callouts.ts): its rules stay functions.
  const tables = ruleTables(ctx, tests, checked, rulesOf, ruleOfFunction, (info) => options.ruleTables !== false && !verdicts.has(info) && !capturing.has(info) && ctx.callouts.pausingRules(info.phase).length === 0);
  // A phase without rules still has a callback when it records the stream's state for later phases.
  const bodyRules = checked.rules.some((r) => isBodyPhase(r.phase));
  // A side whose body a `replace` may change removes content-length in its headers callback (body-reframe.ts).
  const reframed = reframedSides(checked.rules);
  const held = heldSides(checked.rules);
  const hasCallback = (phase: Phase) => rulesOf.get(phase)!.length > 0 || (streams.used && phaseDefinition(phase).stream === "records") || removesContentLength(phase, reframed) || holdsHere(phase, held);
  // Lowering the later phases first keeps the static data in the order it has always had.
  const lowered = new Map<Phase, Code>();
  for (const phase of [...callbackPhases()].reverse()) {
    if (hasCallback(phase)) lowered.set(phase, phaseCallback(ctx, tests, phase, rulesOf.get(phase)!, conditions, streams, captureGuards, tables, bodySettings, starts.get(phase) ?? [], replies.hook(phase), holdsHere(phase, held), removesContentLength(phase, reframed)));
  }
  const callbacks: Code[] = callbackPhases().flatMap((phase) => lowered.get(phase) ?? []);
  // A body passed on past maxBody marks its stream (runtime/body.ts): the mark goes with the stream.
  if (streams.used || bodyRules || ctx.callouts.any()) {
    callbacks.push(
      [
        // Streams register on their first flag or capture (runtime/streams.ts): no proxy_on_context_create.
        "export function proxy_on_delete(ctx: u32): void {",
        "  streamClose(ctx);",
        ...(ctx.bodyStreams.any() ? ["  bodyStreamClose(ctx);"] : []),
        // A stream that ends while it waits for an answer: its call is cancelled, and an answer finds nothing.
        ...(ctx.callouts.any() ? ["  calloutForget(ctx);"] : []),
        "}",
      ].join("\n"),
    );
  }
  if (ctx.callouts.any()) callbacks.push(...ctx.callouts.callbacks(runFunctionName, replyStatement(streams)));
  // The proxy skips callbacks a module does not export: no proxy_on_context_create saves a call per stream.
  callbacks.push(configureCallback(ctx, checked, options.maxListBytes ?? DEFAULT_MAX_LIST_BYTES, tables));
  const answers = tests.lowerSingleTests();
  // Every header read is known now: writes become cache updates (ir/passes/header-cache.ts).
  const slots = ctx.headers.slotList();
  const staleSets = (slot: number) => tests.setsOf(slot);
  const source = joinCode([
    "// Generated by filterc from a rule file. Do not edit: change the rules and build again.",
    "import {",
    ...RUNTIME_IMPORTS,
    ...functionImports(),
    ...(checked.variables.length > 0 ? ["  intKept, intResumed,"] : []),
    '} from "./runtime/index";',
    'export { malloc, proxy_abi_version_0_2_1 } from "./runtime/exports";',
    "",
    ...ctx.data.declarations(),
    ...matchScratchDeclarations(ctx),
    ...replaceScratchDeclarations(ctx),
    "",
    ...paramGlobals(ctx, checked),
    ...variableDeclarations(checked),
    ...(ctx.readsTrustedHops ? ["let TRUSTED_HOPS: i64 = 0;"] : []),
    ...configuredValueGlobals(ctx),
    ...checked.rules.filter((r) => r.name !== undefined && !tables.held.has(r)).map((r) => `let R${r.index}_enabled = true;`),
    ...checked.rules.filter((r) => hasShadowPath(checked, r)).flatMap((r) => [`let ${shadowGlobals(r).mode} = false;`, `let ${shadowGlobals(r).metric}: u32 = 0;`]),
    ...(ctx.coverage ? checked.rules.flatMap((r) => coverageCounters(r).map((c) => `let ${c.global}: u32 = 0;`)) : []),
    ...ctx.metrics.declarations(),
    "",
    ...ctx.headers.declarations(),
    ...tests.declarations(),
    ...tables.declarations(),
    ...streamDeclarations(ctx, streams),
    ...bodyDeclarations(ctx.bodyStreams.anyHeld()),
    ...ctx.bodyStreams.declarations(),
    "",
    ...[...replies.functions, ...ruleFunctions.filter((fn) => !tables.held.has(ruleOfFunction.get(fn)!))].map((fn) =>
      printRuleFunction({ ...fn, actions: fn.actions.map((statements) => resolveHeaderChanges(statements, slots, staleSets)) }),
    ),
    ...replies.dispatchers,
    "",
    ...callbacks,
    "",
  ], "\n");
  // Every test is decided now: the holes of the program get their code.
  const resolved = printCode(source, (test) => answers.answer(test));
  // A rule a table holds runs inside the table's interpreter.
  const rules = ruleMap.map((entry, i) => (tables.held.has(checked.rules[i]!) ? { ...entry, function: "ruleTableRun" } : entry));
  const staticData = options.placedData ? { base: PLACED_DATA_BASE, bytes: ctx.data.segment() } : undefined;
  const config = defaultConfig(checked);
  // A param of that name takes the key (see configureCallback).
  if (ctx.readsTrustedHops && !(TRUSTED_HOPS_KEY in config)) config[TRUSTED_HOPS_KEY] = ctx.trustedHops;
  return { source: resolved, rules, defaultConfig: config, ruleModeKeys: shadowKeys(checked), headerHold: firstHold(checked.rules), staticData, metrics: { prefix: ctx.metrics.prefix, tags: [...ctx.metrics.tags] }, bodyPhases: ctx.bodyStreams.modes, callouts: calloutPlan(checked, ctx.filterName) };
}

/**
 * The rule tables of the program (rule-table.ts): which rules of the larger phases run from static data. `may`
 * says whether a rule's condition is its own (no request verdict) and it reads no captured value.
 */
function ruleTables(
  ctx: LowerContext,
  tests: TestPlan,
  checked: CheckedProgram,
  rulesOf: ReadonlyMap<Phase, readonly RuleInfo[]>,
  ruleOfFunction: ReadonlyMap<RuleFunction, RuleInfo>,
  may: (info: RuleInfo) => boolean,
): RuleTables {
  const functionOf = new Map([...ruleOfFunction].map(([fn, info]) => [info, fn]));
  const keyOf = ruleKeys(ctx, checked);
  const slots = ctx.headers.slotList();
  const staleSets = (slot: number) => tests.setsOf(slot);
  return new RuleTables(ctx.data, tests, rulesOf, (info): TableRule | undefined => {
    const condition = info.rule.condition;
    if (condition === undefined || !may(info)) return undefined;
    const bit = tests.soleBit(condition, info.phase);
    if (bit === undefined) return undefined;
    const fn = functionOf.get(info)!;
    const ops = tableOps({ ...fn, actions: fn.actions.map((statements) => resolveHeaderChanges(statements, slots, staleSets)) });
    return ops === undefined ? undefined : { info, bit, ops, key: keyOf.get(info) ?? 0 };
  });
}

/** What every generated module imports from runtime/index (asc leaves out what the module does not call). */
const RUNTIME_IMPORTS = [
  "  Str, str, EMPTY, ABSENT, ABSENT_INT, NO_HEADERS, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS,",
  "  LOG_TRACE, LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_CRITICAL, ACTION_CONTINUE, ACTION_PAUSE,",
  "  getHeader, setHeader, addHeader, setDefaultHeader, removeHeader, removeHeadersWithPrefix, renameHeader,",
  "  getProperty, getIntProperty, getBoolProperty, getAddressProperty, queryParam, cookieValue, parseInt,",
  "  strEquals, strContains, strStartsWith, strEndsWith, strLen, isAbsent, intText, boolText,",
  "  concat2, concat3, digitsText, intEq, intNe, intLt, intLe, intGt, intGe, strMatches, ipInList, listContains,",
  "  rewritePath, rewritePathPrefix, log, logEscaped, logParts, isSafeHeaderValue, pairsBegin, pairsAdd, pairsFinish,",
  "  setQueryParam, removeQueryParam, intAdd, intSub, intMul, intDiv, intRem,",
  "  sendLocalResponse, resetArena, streamClose, streamResume, streamSetFlag, STREAM_LOCAL_REPLY,",
  "  captureBegin, captureSet, captureCommit, captured, configBegin, configNext, configString, configInt, configBool,",
  "  configList, configAddressTable, configIgnored, configEnabled, sendLocalResponseWith, keepConfigured,",
  "  setHeaderChecked, addHeaderChecked, coverageDefine, coverageHit, UNREAD, testSetRun, testSetHas, addressSetRun, testSetRunWide,",
  "  matchGroupsFind, matchGroupsOnePass, matchGroupsAffix, matchGroup,",
  "  containsAny, startsWithAny, endsWithAny, listWithin, listMatcher, listMatchersFree,",
  "  replyBegin, replyFinish, replySet, replyAdd, replySetDefault, replyHas, replyRemove, replyRemovePrefix, replyRename,",
  "  ruleTableRun, ruleTableConfigure, shadowModesReset, shadowModesRead, shadowMode, shadowFired,",
  "  metricDefine, metricIncrement, metricRecord, labelsInit, labelsAdd, labelsCount,",
  "  authorityHostname, authorityPort, clientAddress,",
  "  bodyHold, bodyRead, bodyTooLarge, BODY_READY, BODY_DENIED, bodyReplace, bodyReplaceMatches,",
  "  bodyStreamChunk, bodyStreamSeen, bodyStreamClose,",
  "  rateLimitTake, rateLimitHeaders,",
  "  calloutReserve, calloutResume, calloutStream, calloutContinue, calloutForget,",
  "  rateLimitCall, rateLimitRefused, rateLimitAnswer, rateLimitReplyHeaders, rateLimitSetRequestHeaders, rateLimitWouldLimit, ANSWER_OK, ANSWER_OVER,",
  "  authzHttpCall, authzHttpAnswer, authzCopyHeaders, authzGrpcCall, authzGrpcAnswer, authzApplyOk, authzRefused, authzDeniedStatus, authzDeniedBody, authzDeniedHeaders, authzWouldDeny, AUTHZ_OK, AUTHZ_DENIED, AUTHZ_FAILED,",
];

/** The runtime functions builtin functions call, less those RUNTIME_IMPORTS already names. */
function functionImports(): string[] {
  const imported = new Set(RUNTIME_IMPORTS.flatMap((line) => line.split(",").map((name) => name.trim())));
  const names = functionRuntimeImports().filter((name) => !imported.has(name));
  return names.length === 0 ? [] : [`  ${names.join(", ")},`];
}

/**
 * A rule's actions as a function; its condition is returned apart, for the callback to test before calling, so a
 * rule that does not apply costs no call (large rule sets keep rule functions out of line, see build.ts). A
 * response rule's condition tests its request verdict, if it has one, instead of its request-only part.
 */
function lowerRule(ctx: LowerContext, info: RuleInfo, fn: string, replyHook: ReplyHook | undefined): { function: RuleFunction; condition?: Code; captures: RuleCaptures; verdict?: bigint } {
  const details = `filterc_${detailsName(info.name ?? `rule_${info.index + 1}`)}`;
  const rule = info.rule;
  const lowering = new RuleActionLowering(ctx, info.phase, details, sideOf(info.phase), replyHook, info);
  if (rule.elseBranches !== undefined) return lowerBranchedRule(ctx, info, fn, lowering);
  const request = requestPart(ctx, info);
  const { lowered: condition, fused } = lowerWithGroupTest(ctx, info, () =>
    ctx.capturesReadBy(() => {
      if (request?.verdict === undefined) return rule.condition === undefined ? undefined : lowerExpression(ctx, rule.condition, info.phase);
      return joinCode([ctx.verdicts.holds(request.verdict), ...request.rest.map((c) => code`(${lowerExpression(ctx, c, info.phase)})`)], " && ");
    }),
  );
  const shadow = (actions: typeof rule.actions) => shadowPath(ctx.checked, lowering, info, actions);
  const body = ctx.capturesReadBy(() => [...ruleCounter(ctx, info), ...matchGroupsPrelude(ctx, info, fused), ...shadow(rule.actions), ...rule.actions.map((action) => actionDefinition(action).lower(lowering, action))]);
  const ruleFunction: RuleFunction = { name: fn, coverageCounter: ctx.coverage ? coverageCounters(info)[0]!.global : undefined, actions: body.lowered };
  // With a verdict the response phase reads nothing unless it holds; without, only what the actions read waits on
  // the request-only part (capture-guards.ts).
  const captures: RuleCaptures =
    request?.verdict !== undefined
      ? { always: new Set(), guarded: new Set([...condition.captures, ...body.captures]), guard: ctx.verdicts.holds(request.verdict) }
      : { always: condition.captures, guarded: body.captures, guard: request?.guard };
  return { function: ruleFunction, condition: condition.lowered, captures, verdict: request?.verdict };
}

/**
 * A rule with `else` branches: the callback calls it whenever it is enabled, and the function tests the branches'
 * conditions in order (a Branches statement). Some branch may run whatever the request was, so every value any
 * branch reads is captured for the response phase, and there is no request verdict.
 */
function lowerBranchedRule(ctx: LowerContext, info: RuleInfo, fn: string, lowering: RuleActionLowering): { function: RuleFunction; captures: RuleCaptures } {
  const counters = coverageCounters(info);
  const lowered = ctx.capturesReadBy(() =>
    ruleBranches(info.rule).map((branch): BranchArm => {
      // The first branch's condition may run the group pass itself (match-groups.ts lowerWithGroupTest).
      const condition = branch.condition && (branch.index === 0 ? lowerWithGroupTest(ctx, info, () => lowerExpression(ctx, branch.condition!, info.phase)) : { lowered: lowerExpression(ctx, branch.condition, info.phase), fused: false });
      return {
        ...(condition && { condition: condition.lowered }),
        ...(ctx.coverage && { coverageCounter: counters[branch.index]!.global }),
        // Only the first branch ran because its condition held: the others cannot read `match` (the checker's E0250).
        actions: [...ruleCounter(ctx, info), ...(branch.index === 0 ? matchGroupsPrelude(ctx, info, condition?.fused) : []), ...shadowPath(ctx.checked, lowering, info, branch.actions), ...branch.actions.map((action) => actionDefinition(action).lower(lowering, action))],
      };
    }),
  );
  const ruleFunction: RuleFunction = { name: fn, actions: [[{ kind: "Branches", arms: lowered.lowered }]] };
  return { function: ruleFunction, captures: { always: lowered.captures, guarded: new Set() } };
}

/** With `countRules`, a rule's first statement counts its firing (metric-names.ts RULE_COUNTER). */
function ruleCounter(ctx: LowerContext, info: RuleInfo): Statement[][] {
  if (!ctx.countRules) return [];
  return [[{ kind: "RuntimeCall", function: "metricIncrement", args: [ctx.metrics.taggedCounter(RULE_COUNTER, RULE_TAG, ruleLabel(info.name, info.index))] }]];
}

/**
 * The coverage counters of a rule, one per branch: the metric `filterc.rule_fired.<index>` counts the rule's own
 * branch (all of a rule without `else`), `filterc.rule_fired.<index>.<branch>` each `else` branch.
 */
export function coverageCounters(info: RuleInfo): { global: string; metric: string }[] {
  return ruleBranches(info.rule).map((branch) =>
    branch.index === 0
      ? { global: `COVERAGE_${info.index}`, metric: `${COVERAGE_METRIC_PREFIX}${info.index}` }
      : { global: `COVERAGE_${info.index}_${branch.index}`, metric: `${COVERAGE_METRIC_PREFIX}${info.index}.${branch.index}` },
  );
}

function phaseCallback(
  ctx: LowerContext,
  tests: TestPlan,
  phase: Phase,
  rules: readonly RuleInfo[],
  conditions: ReadonlyMap<RuleInfo, Code>,
  streams: StreamPlan,
  captureGuards: ReadonlyMap<number, Code>,
  tables: RuleTables,
  body: BodySettings,
  variableStarts: readonly Code[],
  replyHook: ReplyHook | undefined,
  holdsHeaders: boolean,
  removeContentLength = false,
): Code {
  const definition = phaseDefinition(phase);
  const answered = `{ ${replyStatement(streams)}resetArena(); return ACTION_PAUSE; }`;
  const prologue = ctx.bodyStreams.streams(phase) ? ctx.bodyStreams.prologue(definition, phase, ctx.data) : bodyPrologue(definition, body, replyStatement(streams), ctx.metrics, replyHook);
  // A phase with rules that pause on a call runs its rules in a function that can start after each of them
  // (callouts.ts); the callback makes room for the call first, while the arena is empty.
  const pausing = ctx.callouts.pausingRules(phase);
  const entry = pausing.length === 0 ? [] : [callbackSignature(definition), "  calloutReserve();", `  return ${runFunctionName(phase)}(ctx, headers, endOfStream, 0);`, "}"];
  const signature = pausing.length === 0 ? callbackSignature(definition) : `function ${runFunctionName(phase)}(ctx: u32, headers: u32, endOfStream: u32, from: i32): u32 {`;
  const lines: Code[] = [signature, ...prologue.map((line) => code`  ${line}`)];
  // Cached header values point into the arena of an earlier callback: forget them.
  lines.push(code`  ${printStatement(resetSlots(definition.side, ctx.headers.slotList()))} ${tests.reset()}`);
  if (definition.stream === "resumes") lines.push(...responseStart(ctx, streams).map((line) => `  ${line}`));
  // After the stream's captures are resumed: a variable of an earlier side starts from its captured value.
  lines.push(...variableStarts.map((line) => code`  ${line}`));
  const segments = pausedSegments(rules, pausing);
  const functions: Code[] = [];
  lines.push("  do {");
  segments.forEach((segment, n) => {
    const dispatch = ruleDispatch(tests, phase, segment, conditions, answered, tables, n === 0 ? "" : `_from${n}`, pausing);
    functions.push(...dispatch.functions);
    // The rules after the n-th pausing rule: from the callback (from 0) or from the answer to that rule's call.
    if (segments.length === 1) lines.push(...dispatch.statements.map((line) => code`    ${line}`));
    else lines.push(`    if (from <= ${n}) {`, ...dispatch.statements.map((line) => code`      ${line}`), "    }");
  });
  lines.push("  } while (false);");
  if (removeContentLength) lines.push(`  ${contentLengthRemoval(ctx, phase)}`);
  if (definition.stream === "records") lines.push(...requestEnd(ctx, captureGuards).map((line) => code`  ${line}`));
  lines.push("  resetArena();", `  ${headersReturn(holdsHeaders)}`, "}");
  return joinCode([...functions, ...lines, ...entry], "\n");
}

/** The rules of a phase split after each rule that may pause (by index), so the phase can resume after one. */
function pausedSegments(rules: readonly RuleInfo[], pausing: readonly number[]): RuleInfo[][] {
  const segments: RuleInfo[][] = [[]];
  for (const info of rules) {
    segments.at(-1)!.push(info);
    if (pausing.includes(info.index)) segments.push([]);
  }
  return segments;
}

/** The function that runs a phase's rules from a segment on (callouts.ts). */
export function runFunctionName(phase: Phase): string {
  return `run_${phaseDefinition(phase).label}`;
}

function paramGlobals(ctx: LowerContext, checked: CheckedProgram): string[] {
  const out: string[] = [];
  for (const param of checked.params) {
    const g = ctx.paramGlobal(param);
    switch (param.type) {
      case "string":
        out.push(`let ${g}: Str = EMPTY;`);
        break;
      case "int":
        out.push(`let ${g}: i64 = 0;`);
        break;
      case "bool":
        out.push(`let ${g}: bool = false;`);
        break;
      case "list":
        out.push(`let ${g}: usize = 0;`);
        if (ctx.addressParams.has(param.name)) out.push(`let ${g}_addresses: usize = 0;`);
        out.push(...listMatcherGlobals(ctx, param));
        break;
    }
  }
  return out;
}

function defaultValueCode(ctx: LowerContext, param: ParamInfo, listRead: boolean): string[] {
  const g = ctx.paramGlobal(param);
  const value = param.defaultValue;
  switch (param.type) {
    case "string":
      return [`${g} = ${ctx.data.text(String(value))};`];
    case "int":
      return [`${g} = <i64>${Number(value)};`];
    case "bool":
      return [`${g} = ${value ? "true" : "false"};`];
    case "list": {
      const items = value as string[];
      // A list that rules only match addresses against needs no packed copy of its text.
      const lines = listRead ? [`${g} = ${ctx.data.bytes(packList(items), items.join(" "))};`] : [];
      if (ctx.addressParams.has(param.name)) {
        const ranges = items.map((item) => parseIpOrCidr(item)).filter((r) => r !== undefined);
        lines.push(`${g}_addresses = ${ctx.data.bytes(packAddressTable(ranges), items.join(" "))};`);
      }
      lines.push(...listMatcherDefaults(ctx, param));
      return lines;
    }
  }
}

/** The runtime's key table kinds (runtime/config.ts). */
const CONFIG_KIND = { param: 1, disabledRules: 2, rule: 3 } as const;

/** Reads the current key's value as the param's type; a value of another type keeps the default (with a warning). */
function configuredValueCode(ctx: LowerContext, param: ParamInfo, listRead: boolean, maxListBytes: number): string {
  const g = ctx.paramGlobal(param);
  switch (param.type) {
    case "string":
      return `{ const v = configString(); if (v != ABSENT) ${g} = v; }`;
    case "int":
      return `{ const v = configInt(); if (v != ABSENT_INT) ${g} = v; }`;
    case "bool":
      return `{ const v = configBool(); if (v >= 0) ${g} = v == 1; }`;
    case "list": {
      const matchers = listMatcherConfigured(ctx, param, maxListBytes);
      if (matchers.accept !== undefined) {
        // Too long a list keeps the default whole: its strings, its address table and its automata.
        const list = listRead ? `${g} = v; ` : "";
        if (!ctx.addressParams.has(param.name)) return `{ const v = configList(); if (v != 0 && ${matchers.accept}) { ${list}${matchers.keep} } }`;
        return `{ const v = configList(); if (v != 0 && ${matchers.accept}) { const t = configAddressTable(v); if (t != 0) { ${list}${g}_addresses = t; ${matchers.keep} } } }`;
      }
      if (!ctx.addressParams.has(param.name)) return `{ const v = configList(); if (v != 0) ${g} = v; }`;
      const list = listRead ? `${g} = v; ` : "";
      return `{ const v = configList(); const t = configAddressTable(v); if (t != 0) { ${list}${g}_addresses = t; } }`;
    }
  }
}

/**
 * The key table runtime/config.ts reads the configuration against: per entry a kind and a name length in a u16,
 * then the name; `disabled_rules` first, then the params, then the named rules; a zero u16 ends it.
 */
function configKeyTable(entries: readonly { kind: number; name: string }[]): Uint8Array {
  const bytes: number[] = [];
  for (const { kind, name } of entries) {
    const encoded = new TextEncoder().encode(name);
    // A little-endian u16: the kind in the low 2 bits, the name length in the other 14. The checker refuses longer
    // param and rule names (E0123, grammar/limits.ts), so this never throws for a checked program.
    if (encoded.length >= 1 << 14) throw new Error(`internal: name too long for the configuration key table: ${name.slice(0, 40)}...`);
    const head = kind | (encoded.length << 2);
    bytes.push(head & 0xff, head >> 8, ...encoded);
  }
  bytes.push(0, 0);
  return Uint8Array.from(bytes);
}

/**
 * Each named rule's index in the configuration's key table (configureCallback's entries): after `disabled_rules`,
 * the params and the settings the program reads (`trusted_hops`).
 */
function ruleKeys(ctx: LowerContext, checked: CheckedProgram): Map<RuleInfo, number> {
  const first = 1 + checked.params.length + (ctx.readsTrustedHops ? 1 : 0);
  return new Map(checked.rules.filter((r) => r.name !== undefined).map((r, i) => [r, first + i]));
}

/**
 * proxy_on_configure: every param back to its default, then the configuration's values on top. A bad configuration
 * never fails the plugin: Envoy would reject the whole listener update for it.
 */
function configureCallback(ctx: LowerContext, checked: CheckedProgram, maxListBytes: number, tables: RuleTables): Code {
  const lines: Code[] = ["export function proxy_on_configure(root: u32, size: u32): u32 {"];
  if (ctx.coverage) {
    for (const r of checked.rules) for (const c of coverageCounters(r)) lines.push(`  ${c.global} = coverageDefine(${ctx.data.text(c.metric)});`);
  }
  lines.push(...ctx.metrics.defineCode().map((line) => `  ${line}`));
  const named = checked.rules.filter((r) => r.name !== undefined);
  const shadowed = checked.rules.filter((r) => hasShadowPath(checked, r));
  for (const r of shadowed) lines.push(`  ${shadowGlobals(r).metric} = coverageDefine(${ctx.data.text(shadowMetricName(ctx.metrics.prefix, r.name!))});`);
  const hops = ctx.readsTrustedHops;
  if (hops) lines.push(`  TRUSTED_HOPS = ${ctx.trustedHops};`);
  if (checked.params.length === 0 && named.length === 0 && !hops) {
    // Values with nothing to read (`"${1 + 2}"`) are configured values too: computed here, once, like the rest.
    lines.push("  configIgnored(size);", ...configuredValuesCode(ctx).map((l) => code`  ${l}`), "  resetArena();", "  return 1;", "}");
    return joinCode(lines, "\n");
  }
  // Whether rules read a list param as a list of strings (not only through its `_addresses` table).
  const listRead = (param: ParamInfo) => ctx.listParams.has(param.name);
  if (ctx.listMatchers.size > 0) lines.push("  listMatchersFree();");
  for (const param of checked.params) lines.push(...defaultValueCode(ctx, param, listRead(param)).map((l) => `  ${l}`));
  // A param called `disabled_rules` takes that key, and no configuration switches rules off. Its entry then has the
  // rule kind, which no key matches, so that it still holds index 0.
  const paramDisabled = checked.params.some((param) => param.name === "disabled_rules");
  // `trusted_hops` follows the params, as a param would (index params + 1); a param of that name shadows it, as
  // above.
  const hopsShadowed = checked.params.some((param) => param.name === TRUSTED_HOPS_KEY);
  const settings = hops ? [{ kind: hopsShadowed ? CONFIG_KIND.rule : CONFIG_KIND.param, name: TRUSTED_HOPS_KEY }] : [];
  const entries = [
    { kind: paramDisabled ? CONFIG_KIND.rule : CONFIG_KIND.disabledRules, name: "disabled_rules" },
    ...checked.params.map((param) => ({ kind: CONFIG_KIND.param, name: param.name })),
    ...settings,
    ...named.map((r) => ({ kind: CONFIG_KIND.rule, name: r.name! })),
  ];
  // `shadow_rules` and `enforce_rules` follow the named rules (runtime/shadow.ts); read like params, as lists. A
  // param of either name takes the key, as for `disabled_rules`.
  const modeLists: (keyof typeof SHADOW_LIST_BITS)[] = shadowSupported(checked) ? [SHADOW_RULES_KEY, ENFORCE_RULES_KEY] : [];
  const modeTests = modeLists.map((key, i) => {
    entries.push({ kind: checked.params.some((param) => param.name === key) ? CONFIG_KIND.rule : CONFIG_KIND.param, name: key });
    return `${i === 0 ? "" : "else "}if (k == ${entries.length - 1}) shadowModesRead(${SHADOW_LIST_BITS[key]});`;
  });
  const keyTable = ctx.data.bytes(configKeyTable(entries), "config keys");
  if (modeLists.length === 0) lines.push(`  if (configBegin(size, ${keyTable}, ${entries.length})) {`);
  else lines.push(`  const configured = configBegin(size, ${keyTable}, ${entries.length});`, `  shadowModesReset(${entries.length});`, "  if (configured) {");
  if (checked.params.length === 0 && !hops && modeLists.length === 0) {
    // It still reads `disabled_rules` and warns about other keys.
    lines.push("    while (configNext() >= 0) {}", "  }");
  } else {
    // One call site of configNext: the `for` form with it in both the initializer and the update is larger.
    lines.push("    let k: i32;", "    while ((k = configNext()) >= 0) {");
    lines.push(...modeTests.map((test) => `      ${test}`));
    // configNext returns param indexes only: the last param needs no test.
    const last = checked.params.length - 1 + settings.length;
    const chained = modeTests.length > 0;
    checked.params.forEach((param, i) => {
      const test = i === last ? "" : `if (k == ${i + 1}) `;
      lines.push(`      ${i === 0 && !chained ? "" : "else "}${test}${configuredValueCode(ctx, param, listRead(param), maxListBytes)}`);
    });
    // A negative or non-integer value keeps the default (configInt warns about the latter).
    if (hops) lines.push(`      ${checked.params.length === 0 && !chained ? "" : "else "}{ const v = configInt(); if (v >= 0) TRUSTED_HOPS = v; }`);
    lines.push("    }", "  }");
  }
  const keys = ruleKeys(ctx, checked);
  for (const r of named) if (!tables.held.has(r)) lines.push(`  R${r.index}_enabled = configEnabled(${keys.get(r)!});`);
  for (const r of shadowed) lines.push(`  ${shadowGlobals(r).mode} = shadowMode(${keys.get(r)!}, ${r.rule.shadow !== undefined});`);
  lines.push(...tables.configure().map((line) => `  ${line}`));
  lines.push(...listMatcherBuilds(ctx, checked.params).map((l) => `  ${l}`));
  lines.push(...configuredValuesCode(ctx).map((l) => code`  ${l}`));
  lines.push("  resetArena();", "  return 1;", "}");
  return joinCode(lines, "\n");
}

/** Values computed from params alone (LowerContext.configured): computed, kept and checked once per configuration. */
function configuredValuesCode(ctx: LowerContext): Code[] {
  const values = ctx.configuredValues;
  if (values.length === 0) return [];
  return [
    ...values.map((value, i) => code`store<Str>(KEPT, ${value}, ${i * 8});`),
    `keepConfigured(KEPT, ${values.length});`,
    ...values.map((_, i) => `K${i} = load<Str>(KEPT, ${i * 8}); K${i}_safe = isSafeHeaderValue(K${i});`),
  ];
}

/** The globals configuredValuesCode sets. */
function configuredValueGlobals(ctx: LowerContext): string[] {
  const values = ctx.configuredValues;
  if (values.length === 0) return [];
  return [`const KEPT = memory.data(${values.length * 8});`, ...values.flatMap((_, i) => [`let K${i}: Str = EMPTY;`, `let K${i}_safe = false;`])];
}

const DETAILS_SAFE = /^[A-Za-z0-9_.-]*$/;

/** A rule name as Envoy's response_code_details takes it: other characters than these become `_`. */
function detailsName(name: string): string {
  // Most names are kept as they are: one test instead of a test per character (a large file's every rule comes here).
  if (DETAILS_SAFE.test(name)) return name;
  return Array.from(name, (c) => (/[A-Za-z0-9_.-]/.test(c) ? c : "_")).join("");
}

function defaultConfig(checked: CheckedProgram): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const param of checked.params) config[param.name] = param.defaultValue;
  return config;
}
