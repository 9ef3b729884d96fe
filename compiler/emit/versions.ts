/**
 * Which Istio and Envoy releases know which of the fields filterc emits, and which WASI functions each Envoy links.
 * One table, read by the emitters (`--istio-version` / `--envoy-version` leave out what the target lacks) and by
 * `filterc doctor`. The sources of every row are cited in docs/deploy.md ("Versions"). A version is a release line
 * (`1.25`); patch numbers are accepted and ignored, since none of these fields arrived in a patch release.
 */

export interface ReleaseLine {
  readonly major: number;
  readonly minor: number;
}

/** `1.25`, `1.25.3`, `v1.25`; undefined for anything else. */
export function parseReleaseLine(text: string): ReleaseLine | undefined {
  const match = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function formatReleaseLine(line: ReleaseLine): string {
  return `${line.major}.${line.minor}`;
}

/** True when `line` is `least` or later. */
export function atLeast(line: ReleaseLine, least: ReleaseLine): boolean {
  return line.major !== least.major ? line.major > least.major : line.minor >= least.minor;
}

const v1 = (minor: number): ReleaseLine => ({ major: 1, minor });

/** The first Istio release whose API has each field filterc writes. */
export const ISTIO_SINCE = {
  /** WasmPlugin itself (istio/api#1940, istio/istio#33374; announced with Istio 1.12). */
  wasmPlugin: v1(12),
  /** WasmPlugin `match` (TrafficSelector: istio/api#2412, implemented by istio/istio#40862, Sep 2022). */
  wasmPluginMatch: v1(16),
  /** WasmPlugin `failStrategy` FAIL_CLOSE / FAIL_OPEN (istio/api#2799 added fail-open in Jun 2023). */
  wasmPluginFailStrategy: v1(20),
  /** WasmPlugin `type` (istio/api#2904, Aug 2023; 1.19 rejects it as an unknown field: istio/istio#49901). */
  wasmPluginType: v1(20),
  /** WasmPlugin `failStrategy: FAIL_RELOAD` (istio/api#3471, istio/istio#55604, merged Jun 2025). */
  wasmPluginFailReload: v1(27),
  /** TrafficExtension, extensions.istio.io/v1alpha1 (first served by Istio 1.30: "Introducing the TrafficExtension API", istio.io blog). */
  trafficExtension: v1(30),
} as const;

/** The first Envoy release with each field of the wasm filter's PluginConfig that filterc writes. */
export const ENVOY_SINCE = {
  /** `failure_policy` and FAIL_RELOAD (envoyproxy/envoy#36456; Istio adopted it in 1.25, istio/istio#54512). */
  failurePolicy: v1(33),
  /** `allow_on_headers_stop_iteration` (envoyproxy/envoy#40213, proxy-wasm-cpp-host#434). */
  allowOnHeadersStopIteration: v1(35),
} as const;

/**
 * The Envoy an Istio release ships: Istio 1.x has Envoy 1.(x+8) from Istio 1.10 on (1.25 ships 1.33, 1.27 ships
 * 1.35). Older Istio releases are outside this table.
 */
export function envoyOfIstio(istio: ReleaseLine): ReleaseLine {
  return { major: istio.major, minor: istio.minor + 8 };
}

/** The oldest Istio the table describes; older ones predate WasmPlugin and are not modelled. */
export const OLDEST_ISTIO = v1(10);
export const OLDEST_ENVOY = envoyOfIstio(OLDEST_ISTIO);

/**
 * WASI functions by the Envoy release that first links them. proxy-wasm-cpp-host registers the first set since
 * 2020; #427 (Dec 2024) added the Go runtime's three, first in a release with Envoy 1.34 (1.33 was cut before the
 * dependency update: counted from the later release to be safe); #533 (Apr 2026) added stubs for the remaining
 * fd_*, path_* and sock_* functions, in no Envoy release this table can name yet.
 */
const WASI_BASE = [
  "fd_write", "fd_read", "fd_seek", "fd_close", "fd_fdstat_get", "environ_get", "environ_sizes_get", "args_get",
  "args_sizes_get", "clock_time_get", "random_get", "proc_exit", "path_open", "fd_prestat_get", "fd_prestat_dir_name",
];
const WASI_GO_RUNTIME = ["fd_fdstat_set_flags", "sched_yield", "poll_oneoff"];
export const WASI_MODULES = ["wasi_snapshot_preview1", "wasi_unstable"] as const;

/** The proxy-wasm 0.1.0 functions Envoy links only for 0.1.0 modules; filterc's modules declare 0.2.1. */
const ABI_0_1_0_ONLY = ["proxy_get_configuration", "proxy_continue_request", "proxy_continue_response", "proxy_clear_route_cache"];
/** `env` functions that are not proxy_*: always registered by cpp-host, or added by Envoy. */
const ENV_EXTRAS = ["emscripten_notify_memory_growth", "pthread_equal", "envoy_resolve_dns"];

export type ImportSupport =
  | { readonly kind: "yes" }
  | { readonly kind: "since"; readonly envoy: ReleaseLine }
  | { readonly kind: "unreleased"; readonly why: string }
  | { readonly kind: "never"; readonly why: string };

/** Whether an Envoy links the import `module.name` of a proxy-wasm 0.2.1 module, and from which release. */
export function importSupport(module: string, name: string): ImportSupport {
  if (module === "env") {
    if (ABI_0_1_0_ONLY.includes(name)) return { kind: "never", why: "a proxy-wasm 0.1.0 function, not linked for a 0.2.1 module" };
    if (name.startsWith("proxy_") || ENV_EXTRAS.includes(name)) return { kind: "yes" };
    return { kind: "never", why: "Envoy has no such `env` function" };
  }
  if ((WASI_MODULES as readonly string[]).includes(module)) {
    if (WASI_BASE.includes(name)) return { kind: "yes" };
    if (WASI_GO_RUNTIME.includes(name)) return { kind: "since", envoy: v1(34) };
    return { kind: "unreleased", why: "added by proxy-wasm-cpp-host#533 (Apr 2026), in no Envoy release this table names" };
  }
  return { kind: "never", why: `Envoy provides no import module \`${module}\`` };
}

/** The versions a build or a doctor run targets; absent when not given (then the newest fields are written). */
export interface TargetVersions {
  readonly istio?: ReleaseLine;
  readonly envoy?: ReleaseLine;
}

/** The Envoy to check against: the one given, else the one the given Istio ships. */
export function targetEnvoy(versions: TargetVersions): ReleaseLine | undefined {
  return versions.envoy ?? (versions.istio === undefined ? undefined : envoyOfIstio(versions.istio));
}

/** The versions a settings object names; a malformed one counts as absent (the project schema reports it). */
export function versionsOf(settings: { readonly istioVersion?: string; readonly envoyVersion?: string }): TargetVersions {
  const istio = settings.istioVersion === undefined ? undefined : parseReleaseLine(settings.istioVersion);
  const envoy = settings.envoyVersion === undefined ? undefined : parseReleaseLine(settings.envoyVersion);
  return { ...(istio === undefined ? {} : { istio }), ...(envoy === undefined ? {} : { envoy }) };
}

/** Whether a release has a field: always when no release is named (the newest output). */
export function has(line: ReleaseLine | undefined, since: ReleaseLine): boolean {
  return line === undefined || atLeast(line, since);
}
