import type { PhaseDefinition } from "../phases.js";
import { code, joinCode, type Code } from "../ir/code.js";
import { replyRulesCode } from "../actions/local-response.js";
import type { ReplyHook } from "../actions/lowering.js";
import { BODY_OVERFLOW_COUNTER, DIRECTION_TAG, OUTCOME_TAG } from "../metric-names.js";
import type { MetricTable } from "./metrics.js";

/**
 * Body phases (`on request_body`, `on response_body`): the callback holds the body (StopIterationAndBuffer) until
 * the end of the stream, then reads it once into BODY_GLOBAL and runs the phase's rules over all of it
 * (runtime/body.ts). Past `maxBody` a request body is refused with 413 (onBodyOverflow `deny`) or released
 * unchanged (`pass`); a response body is always released unchanged, since its headers may already be downstream.
 */

/** The global the body fields read: the whole body, in the arena of the callback that decides. */
export const BODY_GLOBAL = "BODY";

/**
 * The default maxBody: 960 KiB, below Envoy's default buffer limit (per_connection_buffer_limit_bytes, 1 MiB), so
 * that the filter decides before Envoy's own limit answers 413 (request) or 500 (response) for it.
 */
export const DEFAULT_MAX_BODY = 960 * 1024;

/** The largest maxBody filterc.yaml and `--max-body` accept (schemas/filterc.schema.json): 16 MiB. */
export const MAX_BODY_LIMIT = 16 * 1024 * 1024;

/** What a request body past maxBody gets: a 413 reply, or passing unchanged without the body rules. */
export type BodyOverflow = "deny" | "pass";
export const BODY_OVERFLOW_CHOICES: readonly BodyOverflow[] = ["deny", "pass"];

export interface BodySettings {
  readonly maxBody: number;
  readonly onBodyOverflow: BodyOverflow;
}

/** The body global, in a program with a body phase. */
export function bodyDeclarations(used: boolean): string[] {
  return used ? [`let ${BODY_GLOBAL}: Str = EMPTY;`] : [];
}

/** The callback's signature: a body callback gets the body's size where a headers callback gets a header count. */
export function callbackSignature(definition: PhaseDefinition): string {
  const second = definition.body !== undefined ? "size" : "headers";
  return `export function ${definition.callback}(ctx: u32, ${second}: u32, endOfStream: u32): u32 {`;
}

/** Whether a body phase answers an overflow with a 413 (a local reply, which the `on local_reply` rules see). */
export function repliesOnOverflow(definition: PhaseDefinition, settings: BodySettings): boolean {
  // A response's headers may have gone downstream already: no reply can replace them, so it always passes.
  return definition.body?.bufferType === 0 && settings.onBodyOverflow === "deny";
}

/**
 * The first statements of a body callback: hold or release the chunk, answer an overflow, and at the end of a
 * body within maxBody read it. `replied` is what a local reply of the filter's own does first (flag the stream);
 * `hook` runs the `on local_reply` rules on the 413, as on a `deny` (actions/local-response.ts).
 */
export function bodyPrologue(definition: PhaseDefinition, settings: BodySettings, replied: string, metrics: MetricTable, hook: ReplyHook | undefined): Code[] {
  const body = definition.body;
  if (body === undefined) return [];
  const deny = repliesOnOverflow(definition, settings);
  // docs/language.md, "Bodies": body_overflow{direction, outcome}, one counter per body phase of the program.
  const metric = metrics.multiTaggedCounter(BODY_OVERFLOW_COUNTER, [
    { name: DIRECTION_TAG, value: body.bufferType === 0 ? "request" : "response" },
    { name: OUTCOME_TAG, value: deny ? "denied" : "passed" },
  ]);
  const reply = hook === undefined ? ["bodyTooLarge(NO_HEADERS);"] : [...replyRulesCode(hook, "NO_HEADERS"), "bodyTooLarge(replyFinish());"];
  const denied = code`if (held == BODY_DENIED) { ${replied}${joinCode(reply, " ")} resetArena(); return ACTION_PAUSE; } `;
  return [
    `const held = bodyHold(ctx, ${body.bufferType}, size, endOfStream, ${settings.maxBody}, ${deny}, ${metric});`,
    code`if (held != BODY_READY) { ${deny ? denied : ""}resetArena(); return <u32>held; }`,
    `${BODY_GLOBAL} = bodyRead(${body.bufferType}, size);`,
  ];
}
