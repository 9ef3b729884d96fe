/**
 * The phases a rule can run in, defined once: everything that differs between phases is a column of this table,
 * so that a new phase (request_body, response_body) is a new row and its runtime support, not a search for
 * two-way choices on phase names.
 */

/** A side of the exchange. The request side precedes the response side: request values stay readable later. */
export type Side = "request" | "response";

/** The order of the sides in a stream: what the request phase decides is final by the response phase. */
export const SIDES: readonly Side[] = ["request", "response"];

/** The runtime constant of each side's header map (runtime/index.ts). */
export const HEADER_MAPS: Readonly<Record<Side, string>> = { request: "MAP_REQUEST_HEADERS", response: "MAP_RESPONSE_HEADERS" };

export interface PhaseDefinition {
  /** The name rules write after `on`. */
  readonly name: string;
  /** The proxy-wasm callback that runs the phase's rules. */
  readonly callback: string;
  /** The side whose headers the phase reads live and whose headers its actions write. */
  readonly side: Side;
  /** The runtime constant of the header map the phase's actions write. */
  readonly headerMap: string;
  /** The sides whose values rules may read: live on the own side, captured from earlier sides. */
  readonly reads: readonly Side[];
  /** Whether the request can still be changed before it goes upstream (path rewrites). */
  readonly requestWritable: boolean;
  /** Whether a rule may answer the stream itself (deny, respond, redirect). */
  readonly localReply: boolean;
  /** How generated names for the phase's code are prefixed (`rule_chunk_request_0`). */
  readonly label: string;
  /**
   * What the phase does with the stream's state (runtime/streams.ts): the last request-side phase records the
   * verdicts and captures, the first response-side phase resumes them; a local-reply phase does neither.
   */
  readonly stream: "records" | "resumes" | "none";
  /**
   * When the phase's rules run: in their own proxy-wasm `callback`, or on each local reply the filter sends (then
   * `callback` names the host call they run before, and their actions edit the reply's header list).
   */
  readonly runsOn: "callback" | "local-reply";
  /**
   * A body phase (compiler/lower/body-phase.ts): its callback gets the body's size, not a header count; the body
   * is held until the end of the stream and read from this proxy-wasm buffer type (0 request, 1 response). Its
   * side's headers have gone on already, unless the program holds them (compiler/lower/header-hold.ts): then its
   * rules change them before they go.
   */
  readonly body?: { readonly bufferType: 0 | 1 };
}

const TABLE = {
  request_headers: {
    name: "request_headers",
    callback: "proxy_on_request_headers",
    side: "request",
    headerMap: HEADER_MAPS.request,
    reads: ["request"],
    requestWritable: true,
    localReply: true,
    label: "request",
    stream: "records",
    runsOn: "callback",
  },
  // proxy_on_request_body: after the request headers went upstream (the verdicts and captures are recorded by then).
  request_body: {
    name: "request_body",
    callback: "proxy_on_request_body",
    side: "request",
    headerMap: HEADER_MAPS.request,
    reads: ["request"],
    requestWritable: false,
    localReply: true,
    label: "request_body",
    stream: "none",
    runsOn: "callback",
    body: { bufferType: 0 },
  },
  response_headers: {
    name: "response_headers",
    callback: "proxy_on_response_headers",
    side: "response",
    headerMap: HEADER_MAPS.response,
    reads: ["request", "response"],
    requestWritable: false,
    localReply: true,
    label: "response",
    stream: "resumes",
    runsOn: "callback",
  },
  // proxy_on_response_body: the response headers may already be downstream, so no local reply can replace them.
  response_body: {
    name: "response_body",
    callback: "proxy_on_response_body",
    side: "response",
    headerMap: HEADER_MAPS.response,
    reads: ["request", "response"],
    requestWritable: false,
    localReply: false,
    label: "response_body",
    stream: "resumes",
    runsOn: "callback",
    body: { bufferType: 1 },
  },
  // Runs inside the callback that sends a local reply (deny, respond, redirect), on the reply's header list before
  // proxy_send_local_response: the reply is a response, and request values read as they are at that moment.
  local_reply: {
    name: "local_reply",
    callback: "proxy_send_local_response",
    side: "response",
    headerMap: HEADER_MAPS.response,
    reads: ["request"],
    requestWritable: false,
    localReply: false,
    label: "local_reply",
    stream: "none",
    runsOn: "local-reply",
  },
} as const satisfies Record<string, PhaseDefinition & { side: Side }>;

/** Whether rules of the phase see a body (PhaseDefinition.body). */
export function isBodyPhase(phase: Phase): boolean {
  return phaseDefinition(phase).body !== undefined;
}

export type Phase = keyof typeof TABLE;

/** The phases in stream order. */
export const PHASES = Object.keys(TABLE) as Phase[];

export function isPhase(name: string): name is Phase {
  return Object.hasOwn(TABLE, name);
}

export function phaseDefinition(phase: Phase): PhaseDefinition {
  return TABLE[phase];
}

/** The side a phase reads and writes live. */
export function sideOf(phase: Phase): Side {
  return TABLE[phase].side;
}

/**
 * Whether a value of `side` read in `phase` comes from an earlier phase (captured), not from the host live. A body
 * phase reads its own side's headers captured too: Envoy keeps a header map reachable only during its headers
 * callback (Context::decodeHeaders clears request_headers_ when it continues), not in the body callbacks after it.
 */
export function readsCaptured(phase: Phase, side: Side): boolean {
  const definition: PhaseDefinition = TABLE[phase];
  return SIDES.indexOf(side) < SIDES.indexOf(definition.side) || (side === definition.side && definition.body !== undefined);
}

/** Whether the phase's side follows another: earlier sides' values are captured copies there. */
export function isLaterSide(phase: Phase): boolean {
  return SIDES.indexOf(TABLE[phase].side) > 0;
}

/** The phase at whose end the stream's verdicts and captures are recorded. */
export function recordingPhase(): Phase {
  return PHASES.find((phase) => TABLE[phase].stream === "records")!;
}

/** The phases that may read a field of `side`: those on that side and after it. */
export function phasesReading(side: Side): Phase[] {
  return PHASES.filter((phase) => (TABLE[phase].reads as readonly Side[]).includes(side));
}

/** The phases that have a proxy-wasm callback of their own, in stream order. */
export function callbackPhases(): Phase[] {
  return PHASES.filter((phase) => TABLE[phase].runsOn === "callback");
}

/** The phase whose rules run on the filter's local replies, if the language has one. */
export function localReplyPhase(): Phase | undefined {
  return PHASES.find((phase) => TABLE[phase].runsOn === "local-reply");
}

/** The phase whose own callback delivers `side`'s headers (the one a header hold pauses). */
export function headersPhaseOf(side: Side): Phase {
  return PHASES.find((phase) => TABLE[phase].side === side && TABLE[phase].runsOn === "callback" && !("body" in TABLE[phase]))!;
}

/** The body phase of `side`. */
export function bodyPhaseOf(side: Side): Phase {
  return PHASES.find((phase) => TABLE[phase].side === side && "body" in TABLE[phase])!;
}
