;; The host's floor: a module Envoy accepts (ABI marker, malloc, memory) that handles no callback at all, so a
;; request/response cycle through it costs only what the host itself does per stream.
(module
  (memory (export "memory") 1)
  (func (export "proxy_abi_version_0_2_1"))
  ;; Never called: the module asks the host for nothing.
  (func (export "malloc") (param $size i32) (result i32) (i32.const 0))
)
