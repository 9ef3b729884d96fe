;; examples/hello.fw by hand: one host call per response, no allocation, no state. It exports only the callbacks
;; it uses: Envoy skips the ones a module lacks, proxy_on_context_create included.
(module
  (import "env" "proxy_replace_header_map_value"
    (func $replace_header (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "helloworld")
  (func (export "proxy_abi_version_0_2_1"))
  ;; Never called: the module reads nothing from the host.
  (func (export "malloc") (param $size i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param $headers i32) (param $eos i32) (result i32)
    ;; map 2 = response headers; "hello" at 16, "world" at 21
    (drop (call $replace_header (i32.const 2) (i32.const 16) (i32.const 5) (i32.const 21) (i32.const 5)))
    (i32.const 0))
)
