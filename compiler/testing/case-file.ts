import type { RateLimitCaseAnswer } from "./case-ratelimit.js";
import type { AuthzCaseAnswer } from "./case-authz.js";
import type { GrpcClusterSpec, StreamSpec } from "../../host/index.js";
import type { Span } from "../../grammar/ast.js";

/** Text checked exactly, by substring, or by a regular expression search. */
export type TextExpectation =
  | { readonly kind: "exact"; readonly text: string }
  | { readonly kind: "contains"; readonly text: string }
  | { readonly kind: "matches"; readonly pattern: RegExp };

/** A header must have exactly these values (in order), or a first value that contains or matches a text. */
export type HeaderExpectation = { readonly kind: "values"; readonly values: readonly string[] } | TextExpectation;

/** Checks on one HTTP message (what the upstream saw, what the client got, the filter's own reply). */
export interface MessageExpectation {
  readonly status?: number;
  readonly headers: ReadonlyArray<readonly [string, HeaderExpectation]>;
  readonly absent: readonly string[];
  readonly body?: TextExpectation;
}

export interface UpstreamExpectation extends MessageExpectation {
  /** false: the request must not reach the upstream. */
  readonly reached: boolean;
  readonly path?: TextExpectation;
  readonly method?: TextExpectation;
  readonly host?: TextExpectation;
}

export interface LocalExpectation extends MessageExpectation {
  /** false: the filter must not answer by itself. */
  readonly sent: boolean;
  readonly details?: TextExpectation;
}

/** A log line at this level (any level if absent) whose message passes every text check. */
export interface LogExpectation {
  readonly level?: string;
  readonly texts: readonly TextExpectation[];
}

export interface CaseExpectations {
  readonly upstream?: UpstreamExpectation;
  readonly response?: MessageExpectation;
  readonly local?: LocalExpectation;
  /** In order; other lines may come between. An empty list: nothing may be logged. */
  readonly logs?: readonly LogExpectation[];
  /** By metric name: a value, or a map of label values (`count ... by`) or of `samples` and `sum` (histograms). */
  readonly metrics: ReadonlyArray<readonly [string, MetricExpectation]>;
  /** The RateLimitRequest the filter sent (`ratelimit:`), or that it sent none (`ratelimit: false`). */
  readonly ratelimit?: RateLimitRequestExpectation;
  /** The request the filter sent the `authz` service (`authz:`), or that it sent none (`authz: false`). */
  readonly authz?: AuthzRequestExpectation;
}

/**
 * What the filter asked the external authorization service: nothing, or a request with these fields (a subset:
 * what is not given is not checked). `transport` says how it must have asked.
 */
export type AuthzRequestExpectation =
  | { readonly sent: false }
  | {
      readonly sent: true;
      readonly transport?: "http" | "grpc";
      readonly method?: TextExpectation;
      readonly path?: TextExpectation;
      readonly host?: TextExpectation;
      readonly headers: ReadonlyArray<readonly [string, HeaderExpectation]>;
      readonly absent: readonly string[];
      /** Fields only a gRPC CheckRequest carries. */
      readonly scheme?: TextExpectation;
      readonly protocol?: TextExpectation;
      readonly id?: TextExpectation;
      readonly source?: PeerExpectation;
      readonly destination?: PeerExpectation;
    };

/** A CheckRequest's AttributeContext.Peer. */
export interface PeerExpectation {
  readonly address?: TextExpectation;
  readonly port?: number;
  readonly principal?: TextExpectation;
}

/** What the filter asked the rate limit service: nothing, or a request with this domain and descriptor entries. */
export type RateLimitRequestExpectation = { readonly sent: false } | { readonly sent: true; readonly domain?: string; readonly descriptor?: ReadonlyArray<readonly [string, string]> };

/** The host options a case file sets (the file's, with the case's own over them). */
export interface CaseProxy {
  readonly grpcClusters: Record<string, GrpcClusterSpec>;
  readonly bufferLimitBytes?: number;
  readonly allowOnHeadersStopIteration?: boolean;
  /** The seed of random_get in the host (`seed:`), for rules that use random() or uuid(). */
  readonly randomSeed?: number;
}

export interface TestCase {
  readonly name: string;
  /** Where the case starts in its file (1-based), for reports. */
  readonly line: number;
  readonly column: number;
  readonly span: Span;
  readonly stream: StreamSpec;
  /** How the proxy is set up for this case: gRPC services, buffer limit, allow_on_headers_stop_iteration. */
  readonly proxy: CaseProxy;
  /** The plugin configuration text for this case (the file's merged with the case's); "" for none. */
  readonly pluginConfig: string;
  readonly expect: CaseExpectations;
  /** How the rate limit service answers the filter's global limits (`ratelimit:`), if the case says. */
  readonly ratelimit?: RateLimitCaseAnswer;
  /** How the external authorization service answers the filter's `authorize` actions (`authz:`), if the case says. */
  readonly authz?: AuthzCaseAnswer;
}

export interface TestFile {
  /** The case file's path as given. */
  readonly path: string;
  /** The rule file named by `rules`, resolved against the case file's directory. */
  readonly rules?: string;
  /** proxy_get_log_level while the cases run (0 = trace). */
  readonly logLevel: number;
  readonly cases: readonly TestCase[];
  /** Every key of a `config` map (the file's and the cases'), to check against the params of the rules. */
  readonly configKeys: readonly ConfigKey[];
  /** Every `authz.cluster` (the file's and the cases'), to check against the clusters the rules call. */
  readonly authzClusters: readonly ConfigKey[];
}

export interface ConfigKey {
  readonly name: string;
  readonly span: Span;
}

/** A counter's value (a histogram's sum), or per label value, or a histogram's `samples` and `sum`. */
export type MetricExpectation = number | Readonly<Record<string, number>>;
