/**
 * Probe modules that make exactly one host call in proxy_on_request_headers, to price single host calls in
 * host/: the per-request figures of the examples are mostly host calls. WAT text, assembled like the hand-written
 * peers. Static data: "source\0address" at 16 (14 bytes), ":path" at 30 (5), "x-probe" at 35 (7), "1" at 42 (1),
 * "probe" at 43 (5), "denied" at 48 (6); out-parameters at 0 and 4; the arena from 1024.
 */

export interface HostCallProbe {
  readonly name: string;
  /** What the probe's request callback does (a WAT instruction sequence). */
  readonly call: string;
}

export const HOST_CALL_PROBES: readonly HostCallProbe[] = [
  { name: "no call (the probes' baseline)", call: "" },
  { name: "proxy_get_header_map_value :path", call: "(drop (call $get_header (i32.const 0) (i32.const 30) (i32.const 5) (i32.const 0) (i32.const 4)))" },
  { name: "proxy_replace_header_map_value", call: "(drop (call $replace_header (i32.const 0) (i32.const 35) (i32.const 7) (i32.const 42) (i32.const 1)))" },
  { name: "proxy_get_property source.address", call: "(drop (call $get_property (i32.const 16) (i32.const 14) (i32.const 0) (i32.const 4)))" },
  { name: "proxy_log at warn", call: "(drop (call $log (i32.const 3) (i32.const 43) (i32.const 5)))" },
  {
    name: "proxy_send_local_response 403",
    call: "(drop (call $send_local_response (i32.const 403) (i32.const 48) (i32.const 6) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1)))",
  },
];

export function probeModuleText(probe: HostCallProbe): string {
  return `(module
  (import "env" "proxy_get_header_map_value" (func $get_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_replace_header_map_value" (func $replace_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_property" (func $get_property (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_send_local_response" (func $send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "source\\00address:pathx-probe1probedenied")
  (global $top (mut i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $top))
    (global.set $top (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (local.get $ptr))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    ${probe.call}
    (global.set $top (i32.const 1024))
    (i32.const 0))
)`;
}
