;; examples/security-headers.fw by hand, with its params' defaults as constants: six header writes, one read for
;; set_default, no state. The one buffer the host hands over (the value of content-security-policy, when present)
;; goes to a bump arena that every callback empties before it returns.
(module
  (import "env" "proxy_replace_header_map_value"
    (func $replace_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_add_header_map_value"
    (func $add_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_remove_header_map_value"
    (func $remove_header (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value"
    (func $get_header (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; Offsets and lengths are noted beside each string; 0..15 holds the out-parameters of get_header.
  (data (i32.const 16) "strict-transport-security")          ;; 16, 25
  (data (i32.const 41) "max-age=31536000; includeSubDomains") ;; 41, 35
  (data (i32.const 76) "x-content-type-options")             ;; 76, 22
  (data (i32.const 98) "nosniff")                            ;; 98, 7
  (data (i32.const 105) "x-frame-options")                   ;; 105, 15
  (data (i32.const 120) "DENY")                              ;; 120, 4
  (data (i32.const 124) "referrer-policy")                   ;; 124, 15
  (data (i32.const 139) "strict-origin-when-cross-origin")   ;; 139, 31
  (data (i32.const 170) "content-security-policy")           ;; 170, 23
  (data (i32.const 193) "default-src 'self'")                ;; 193, 18
  (data (i32.const 211) "server")                            ;; 211, 6
  (data (i32.const 217) "x-powered-by")                      ;; 217, 12
  (global $arena_base i32 (i32.const 256))
  (global $arena_top (mut i32) (i32.const 256))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr (global.get $arena_top))
    (local.set $end (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.lt_s
              (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16)))
                                               (i32.const 65535))
                                      (i32.const 16)))
              (i32.const 0))
          (then (unreachable)))))
    (global.set $arena_top (local.get $end))
    (local.get $ptr))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param $headers i32) (param $eos i32) (result i32)
    (drop (call $replace_header (i32.const 2) (i32.const 16) (i32.const 25) (i32.const 41) (i32.const 35)))
    (drop (call $replace_header (i32.const 2) (i32.const 76) (i32.const 22) (i32.const 98) (i32.const 7)))
    (drop (call $replace_header (i32.const 2) (i32.const 105) (i32.const 15) (i32.const 120) (i32.const 4)))
    (drop (call $replace_header (i32.const 2) (i32.const 124) (i32.const 15) (i32.const 139) (i32.const 31)))
    ;; set_default: add only when get_header answers NotFound (non-zero status)
    (if (call $get_header (i32.const 2) (i32.const 170) (i32.const 23) (i32.const 0) (i32.const 4))
      (then (drop (call $add_header (i32.const 2) (i32.const 170) (i32.const 23) (i32.const 193) (i32.const 18)))))
    (drop (call $remove_header (i32.const 2) (i32.const 211) (i32.const 6)))
    (drop (call $remove_header (i32.const 2) (i32.const 217) (i32.const 12)))
    (global.set $arena_top (global.get $arena_base))
    (i32.const 0))
)
