/**
 * The reference interpreter of the rule language (docs/language.md): a rule file, one exchange and a plugin
 * configuration in, the outcome out. It shares the parser and the checker with the compiler (names and types are
 * resolved once, by the checker) and nothing after them: the differential tests compare it with the compiled
 * filter running in host/.
 */
import { check, type CheckedProgram, type RuleInfo } from "../../compiler/check/index.js";
import { hasErrors } from "../../grammar/diagnostic.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";
import type { Phase } from "../../compiler/phases.js";
import { parse } from "../../grammar/index.js";
import { programRules, ruleActions } from "../../grammar/walk.js";
import { scopeHolds } from "./scopes.js";
import { streamsBody } from "./body-streaming.js";
import { runActions, type ActionsResult } from "./actions.js";
import { configure, type Configuration } from "./config.js";
import { runShadowed } from "./shadow.js";
import { evaluate, type Scope } from "./expressions.js";
import type { Value } from "./fields.js";
import { regexGroups } from "./regex.js";
import { FilterRandom } from "./random.js";
import { HeaderMap } from "./header-map.js";
import { MetricState } from "./metrics.js";
import { fromBytes, normaliseHeaders, toBytes, type Exchange, type Header, type LocalReply, type LogLine, type Outcome } from "./model.js";

/** Parses and checks a rule file; throws with the rendered diagnostics when it has errors. */
export function checkedProgram(text: string): CheckedProgram {
  const source = new Source("reference.fw", text);
  const parsed = parse(source);
  const checked = check(parsed.program, { source });
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
  if (hasErrors(diagnostics)) throw new Error(`reference interpreter: the program has errors\n${renderDiagnostics(source, diagnostics)}`);
  return checked.checked;
}

/** What outlives a stream in a loaded filter: the label values its metrics have seen, its pool of random bytes. */
export interface WorkerState {
  readonly metrics: MetricState;
  readonly random: FilterRandom;
}

/** A freshly loaded filter's state, as in host/. */
export function freshWorker(): WorkerState {
  return { metrics: new MetricState(), random: new FilterRandom() };
}

/** `worker` is what earlier streams of the same loaded filter left; a fresh one by default. */
export function interpret(program: string | CheckedProgram, exchange: Exchange, pluginConfig = "", worker = freshWorker()): Outcome {
  const { metrics, random } = worker;
  metrics.begin();
  const outcome = interpretStream(typeof program === "string" ? checkedProgram(program) : program, exchange, pluginConfig, metrics, random);
  return Object.keys(metrics.delta).length === 0 ? outcome : { ...outcome, metrics: metrics.delta };
}

function interpretStream(checked: CheckedProgram, exchange: Exchange, pluginConfig: string, metrics: MetricState, random: FilterRandom): Outcome {
  const config = configure(checked, pluginConfig);
  const logs: LogLine[] = [];
  const { request, response } = exchange;
  const pseudoHeaders: Header[] = [[":method", request.method], [":path", request.path], [":authority", request.authority], [":scheme", request.scheme]];
  const requestHeaders = new HeaderMap([...pseudoHeaders, ...request.headers].map(bytesOf));
  const configLogs = config.warnings;
  // language.md, "Variables": one set per stream, seen by every later phase and by the local replies.
  const variables = new Map<string, Value>();

  // language.md, "Headers on local replies": `on local_reply` rules edit every local reply's headers before it is
  // sent, reading the request as it is at that moment.
  const replied = (reply: LocalReply): LocalReply => {
    const headers = new HeaderMap(reply.headers);
    runPhase(checked, config, "local_reply", headers, requestHeaders, exchange, logs, variables, metrics, random);
    return { ...reply, headers: headers.list() };
  };
  const requestResult = runPhase(checked, config, "request_headers", requestHeaders, undefined, exchange, logs, variables, metrics, random);
  if (requestResult.kind === "local") return { local: textOf(replied(requestResult.reply)), logs, configLogs };
  // language.md, "Replacing in a body": a side whose body a `replace` may change loses content-length after its
  // headers rules.
  if (replacesIn(checked, "request_body")) requestHeaders.remove("content-length");
  // Later phases read the request as its headers phase left it (captured there): not changes of body rules.
  const sentRequest = new HeaderMap(requestHeaders.list());
  // language.md, "Bodies": a body's rules run once on all of it, reading the request as it was sent upstream; the
  // upstream receives nothing of a request its body rules answer.
  const requestBody = { value: toBytes(request.body ?? "") };
  if (request.body !== undefined && request.body !== "") {
    // language.md, "Bodies": a request body past maxBody (its default; onBodyOverflow `deny`) gets a 413 that the
    // `on local_reply` rules see, and is counted, in a program that holds request bodies.
    if (hasRules(checked, "request_body") && !streamsBody(checked, "request_body") && toBytes(request.body).length > DEFAULT_MAX_BODY) {
      metrics.bodyOverflow("request", "denied");
      return { local: textOf(replied({ status: 413, body: "Payload Too Large", headers: [], details: "filterc_body_too_large" })), logs, configLogs };
    }
    // language.md, "Changing headers in a body phase": the request headers are held, so its rules change them
    // before they go upstream; reads see the request as its headers phase left it (captured), as later phases do.
    const bodyResult = runPhase(checked, config, "request_body", requestHeaders, sentRequest, exchange, logs, variables, metrics, random, requestBody);
    if (bodyResult.kind === "local") return { local: textOf(replied(bodyResult.reply)), logs, configLogs };
  }
  const changedBodies = {
    ...(request.body !== undefined && requestBody.value !== toBytes(request.body) && { upstreamBody: requestBody.value }),
  };

  // Response rules read the request as it was sent upstream, after the request rules' changes.
  const status: Header = [":status", String(response.status)];
  const responseHeaders = new HeaderMap([status, ...response.headers].map(bytesOf));
  const upstream = textHeaders(requestHeaders.list());
  const responseResult = runPhase(checked, config, "response_headers", responseHeaders, sentRequest, exchange, logs, variables, metrics, random);
  if (responseResult.kind === "local") return { upstream, ...changedBodies, local: textOf(replied(responseResult.reply)), logs, configLogs };
  if (replacesIn(checked, "response_body")) responseHeaders.remove("content-length");
  const responseBody = { value: toBytes(response.body ?? "") };
  // language.md, "Streaming or holding a body": a phase that only detects holds nothing, so nothing overflows.
  if (response.body !== undefined && response.body !== "" && hasRules(checked, "response_body") && !streamsBody(checked, "response_body") && toBytes(response.body).length > DEFAULT_MAX_BODY) {
    // A response body past maxBody passes unchanged, its rules not run, a warning logged, and is counted.
    const size = toBytes(response.body).length;
    logs.push({ level: "warn", message: `response body ${size} bytes past maxBody: passed unchanged, body rules not applied` });
    metrics.bodyOverflow("response", "passed");
  } else if (response.body !== undefined && response.body !== "") {
    // No header of its own side is readable there, and it cannot answer (the checker's E0214, E0270); its header
    // changes apply to the held response headers (language.md, "Changing headers in a body phase").
    runPhase(checked, config, "response_body", responseHeaders, sentRequest, exchange, logs, variables, metrics, random, responseBody);
  }
  const responseChanged = response.body !== undefined && responseBody.value !== toBytes(response.body) ? { responseBody: responseBody.value } : {};
  return { upstream, ...changedBodies, response: textHeaders(responseHeaders.list()), ...responseChanged, logs, configLogs };
}

/** The rules of one phase, in file order, each seeing the changes of the earlier ones. */
function runPhase(
  checked: CheckedProgram,
  config: Configuration,
  phase: Phase,
  headers: HeaderMap,
  sentRequest: HeaderMap | undefined,
  exchange: Exchange,
  logs: LogLine[],
  variables: Map<string, Value>,
  metrics: MetricState,
  random: FilterRandom,
  body?: { value: string },
): ActionsResult {
  const connection = exchange.connection;
  const trustedHops = config.trustedHops;
  // language.md, "Replacing in a body": `replace` changes the body that later actions and rules read.
  const cell = body;
  const fields = sentRequest === undefined ? { request: headers, connection, trustedHops } : { request: sentRequest, response: headers, connection, trustedHops, get body() { return cell?.value; } };
  const scope = { checked, fields, params: config.params, variables, random };
  // The rules as written, with the `for` blocks around them, in the order checked.rules numbers them.
  const written = programRules(checked.program.statements);
  for (const info of checked.rules) {
    if (info.phase !== phase || (info.name !== undefined && config.disabledRules.has(info.name))) continue;
    // language.md, "Scoping rules to hosts and paths": outside its scopes, no branch of the rule runs.
    const { rule, scopes } = written[info.index]!;
    if (!scopes.every((s) => scopeHolds(s, fields))) continue;
    // language.md, "else": the first branch whose condition holds runs (a plain `else` always holds); none may.
    const branches = [{ condition: rule.condition, actions: rule.actions }, ...(rule.elseBranches ?? [])];
    const taken = branches.find((branch) => branch.condition === undefined || evaluate(scope, branch.condition));
    if (taken === undefined) continue;
    // Only the rule's own `when` branch reads match groups (language.md, "Match groups").
    const target = { scope: taken === branches[0] ? withMatchGroups(scope, info) : scope, headers, details: detailsOf(info), log: (level: LogLine["level"], message: string) => logs.push({ level, message: fromBytes(message) }), metrics, ...(cell && { body: cell }) };
    if (info.name !== undefined && config.shadowed.get(info.name) === true) {
      runShadowed(target, info, taken.actions);
      continue;
    }
    const result = runActions(target, taken.actions);
    if (result.kind !== "next") return result;
  }
  return { kind: "next" };
}

/** The scope of a rule's actions: with `match`, when they read it, found in the value the condition matched. */
function withMatchGroups(scope: Scope, info: RuleInfo): Scope {
  const source = scope.checked.matchSources.get(info.rule);
  if (source === undefined) return scope;
  const subject = evaluate(scope, source.subject);
  const match = typeof subject === "string" ? regexGroups(source.pattern.pattern, subject) : undefined;
  if (match === undefined) throw new Error("reference interpreter: the condition held but its `matches` did not match");
  return { ...scope, match };
}

/**
 * `filterc_` and the rule's name, or `rule_N` for the Nth rule of the file when it has none; every character other
 * than an ASCII letter, digit, `_`, `.` or `-` becomes `_`.
 */
export function detailsOf(info: RuleInfo): string {
  const name = info.name ?? `rule_${info.index + 1}`;
  return `filterc_${[...name].map((c) => (/[A-Za-z0-9_.-]/.test(c) ? c : "_")).join("")}`;
}

/** language.md, "Bodies": maxBody when filterc.yaml does not set it, 960 KiB. */
const DEFAULT_MAX_BODY = 983_040;

function replacesIn(checked: CheckedProgram, phase: Phase): boolean {
  return checked.rules.some((r) => r.phase === phase && ruleActions(r.rule).some((action) => action.kind === "Replace"));
}

function hasRules(checked: CheckedProgram, phase: Phase): boolean {
  return checked.rules.some((r) => r.phase === phase);
}

function bytesOf([name, value]: Header): Header {
  return [toBytes(name), toBytes(value)];
}

function textHeaders(headers: readonly Header[]): Header[] {
  return normaliseHeaders(headers.map(([name, value]) => [fromBytes(name), fromBytes(value)]));
}

function textOf(reply: LocalReply): LocalReply {
  return { ...reply, body: fromBytes(reply.body), headers: reply.headers.map(([n, v]) => [fromBytes(n), fromBytes(v)]) };
}
