/**
 * The request/response model of the reference interpreter: what goes in (a request, the upstream's response, the
 * connection, the plugin configuration) and what comes out (the outcome both the interpreter and the compiled
 * filter are reduced to, so they can be compared with one `toEqual`).
 *
 * Values inside the interpreter are *byte strings*: JavaScript strings whose every char is one byte (0-255) of the
 * UTF-8 text. docs/regex.md matches bytes (`.` is one byte), `lower` is ASCII-only and query decoding produces
 * bytes, so working on bytes keeps all three literal. Inputs are encoded on the way in and outputs decoded on the
 * way out, as the proxy does (invalid UTF-8 decodes to U+FFFD).
 */

/** One header entry, name lower-case. */
export type Header = readonly [name: string, value: string];

export interface RequestInput {
  readonly method: string;
  readonly path: string;
  readonly authority: string;
  readonly scheme: string;
  /** Regular headers in order, names lower-case; `x-request-id` included (Envoy always sets one). */
  readonly headers: readonly Header[];
  /** The request body, in one chunk; absent or empty: the headers end the request (no `on request_body`). */
  readonly body?: string;
  /**
   * The compiled filter gets the body in chunks of this many bytes instead (the last one shorter): a filter decides
   * the same however the body is cut (language.md, "Bodies"), so the interpreter does not look at it.
   */
  readonly bodySplit?: number;
}

export interface ResponseInput {
  readonly status: number;
  readonly headers: readonly Header[];
  /** The response body; absent or empty: no `on response_body`. */
  readonly body?: string;
}

export interface ConnectionInput {
  /** The peer IP without the port, IPv4 dotted or IPv6 as text. */
  readonly sourceIp: string;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly mtls: boolean;
  /** The URI SAN of the peer certificate; absent when the peer presented none. */
  readonly principal?: string;
}

/** One run: the same input goes to the interpreter and to the compiled filter in host/. */
export interface Exchange {
  readonly request: RequestInput;
  readonly response: ResponseInput;
  readonly connection: ConnectionInput;
}

export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "critical";

export interface LogLine {
  readonly level: LogLevelName;
  readonly message: string;
}

export interface LocalReply {
  readonly status: number;
  readonly body: string;
  /** The headers the filter passed, in order. */
  readonly headers: readonly Header[];
  /** Envoy's response_code_details (white space replaced by `_`). */
  readonly details: string;
}

/**
 * What a stream comes to. Header lists are normalised with `normaliseHeaders` (see there): the language fixes the
 * values of each name and their order, not how entries of different names interleave.
 */
export interface Outcome {
  /** The request headers the upstream received, pseudo-headers included; undefined when it received nothing. */
  readonly upstream?: readonly Header[];
  /** The response headers the client received from the upstream (after response rules); undefined for a local reply. */
  readonly response?: readonly Header[];
  /** The request body the upstream received, as bytes, when `replace` changed it (language.md, "Replacing in a body"). */
  readonly upstreamBody?: string;
  /** The response body the client received, as bytes, when `replace` changed it. */
  readonly responseBody?: string;
  readonly local?: LocalReply;
  /** The stream's log lines, in order. */
  readonly logs: readonly LogLine[];
  /** Warnings logged while reading the plugin configuration. */
  readonly configLogs: readonly LogLine[];
  /** What the stream added to metrics (histograms: the sum, and `NAME#samples`); absent when nothing. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Sorted by name (stable: the values of one name keep their order). */
export function normaliseHeaders(headers: readonly Header[]): Header[] {
  return headers.map((h, i) => [h, i] as const).sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j)).map(([h]) => h);
}

const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Text to its UTF-8 bytes as a byte string. A lone surrogate U+DC80-U+DCFF stands for the byte 0x80-0xFF, as host/
 * reads it (its "surrogateescape", host/utf8.ts): header values are bytes in Envoy.
 */
export function toBytes(text: string): string {
  let out = "";
  for (const char of text) {
    const c = char.charCodeAt(0);
    if (char.length === 1 && c >= 0xdc80 && c <= 0xdcff) out += String.fromCharCode(c & 0xff);
    else for (const byte of encoder.encode(char)) out += String.fromCharCode(byte);
  }
  return out;
}

/**
 * A byte string back to text: UTF-8, each byte that is not part of a UTF-8 character as U+DC80-U+DCFF (written here
 * from the rule, not shared with host/: a byte at a time, the longest valid character first).
 */
export function fromBytes(bytes: string): string {
  const all = Uint8Array.from(bytes, (c) => c.charCodeAt(0));
  let out = "";
  for (let at = 0; at < all.length; ) {
    let taken = 0;
    for (const length of [1, 2, 3, 4]) {
      if (at + length > all.length) break;
      try {
        out += strict.decode(all.subarray(at, at + length));
        taken = length;
        break;
      } catch {
        // not a character of this length
      }
    }
    if (taken === 0) {
      out += String.fromCharCode(0xdc00 | all[at]!);
      taken = 1;
    }
    at += taken;
  }
  return out;
}

/** An exchange with the host's defaults for whatever is not given (a GET of / from 127.0.0.1, answered 200). */
export function exchangeOf(given: { request?: Partial<RequestInput>; response?: Partial<ResponseInput>; connection?: Partial<ConnectionInput> } = {}): Exchange {
  return {
    request: { method: "GET", path: "/", authority: "example.com", scheme: "http", headers: [["x-request-id", "rid-1"]], ...given.request },
    response: { status: 200, headers: [], ...given.response },
    connection: { sourceIp: "127.0.0.1", sourcePort: 51000, destinationPort: 8080, mtls: false, ...given.connection },
  };
}
