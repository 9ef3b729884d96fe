import { it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../compiler/source.js";
import { check } from "../../compiler/check/index.js";
import { renderDiagnostics } from "../../compiler/render.js";
it("scratch", () => {
  const src = new Source("rules.fw", `param strict = true
rule "a" on request_headers when request.path matches "^/v\\\\d+(" and request.header["X-id"] == 1 { set "x-a" = "\${request.path}"; deny 403 "no" }
on response_header redirect 201 "/x"
on request_headers when response.status == "500" log warning "x\${[1]}"
`);
  const r = parse(src);
  console.log(JSON.stringify(r.program.statements[1], null, 1).slice(0, 2500));
  console.log(renderDiagnostics(src, r.diagnostics));
  const c = check(r.program, { source: src });
  console.log(renderDiagnostics(src, c.diagnostics));
});
