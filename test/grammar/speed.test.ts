import { expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";

/** One of several rule shapes, so the file exercises most of the grammar. */
function ruleText(i: number): string {
  switch (i % 5) {
    case 0:
      return `rule "r${i}" on request_headers when request.path starts_with "/p${i}" and not exists(request.header["x-${i}"]) {\n  log info "rule ${i}: \${request.path} from \${source.address}"\n  deny 403 "forbidden"\n}`;
    case 1:
      return `on request_headers when request.path matches "^/v\\d+/r${i}" or source.address in blocked redirect 301 "/new/${i}"`;
    case 2:
      return `on response_headers when response.status >= 500 respond 503 "unavailable" with { "retry-after" = "${i % 60}", "x-rule" = "${i}" }`;
    case 3:
      return `on request_headers { remove prefix "x-internal-"; rename "x-old-${i}" to "x-new-${i}"; set_default "x-env" = env; stop }`;
    default:
      return `on request_headers when lower(request.header["x-env"]) == "canary-${i}" rewrite prefix "/api/" to "/api-canary/" # ${i}`;
  }
}

it("parses a generated 1,000-rule file without errors", () => {
  const text = ['param blocked = ["10.0.0.0/8"]', 'param env = "prod"', ...Array.from({ length: 1000 }, (_, i) => ruleText(i))].join("\n");
  const { program, diagnostics } = parse(new Source("big.fw", text));
  expect(diagnostics).toEqual([]);
  expect(program.statements).toHaveLength(1002);
  expect(program.comments).toHaveLength(200);
});
