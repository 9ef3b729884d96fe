import { describe, expect, it } from "vitest";
import { lintSource } from "../../compiler/lint/engine.js";
import { Source } from "../../grammar/source.js";

/** A large, varied rule file: every rule kind the lint rules look at, and many sets of the same headers. */
function bigFile(rules: number): string {
  const lines = ["param strict = false", 'param blocked = ["10.0.0.0/8"]', "param max_age = 600"];
  for (let i = 0; i < rules; i++) {
    switch (i % 6) {
      case 0:
        lines.push(`rule "r${i}" on request_headers when request.path starts_with "/p${i}/" and not strict set "x-h${i % 40}" = "v${i}"`);
        break;
      case 1:
        lines.push(`on request_headers when request.header["x-id"] matches "^[a-z]+${i}$" { log info "id \${request.header["x-id"]}"; add "x-seen" = "${i}" }`);
        break;
      case 2:
        lines.push(`on response_headers when response.status >= ${400 + (i % 100)} set "x-h${i % 40}" = "s\${max_age}"`);
        break;
      case 3:
        lines.push(`on request_headers when source.address in blocked and request.method == "POST" set "x-blocked" = "${i}"`);
        break;
      case 4:
        lines.push(`rule "r${i}" on response_headers when request.path == "/q${i}" { set_default "cache-control" = "no-store"; remove "x-internal-${i}" }`);
        break;
      default:
        lines.push(`on request_headers when lower(request.header["x-env"]) in ["a", "b${i}"] rewrite prefix "/api/" to "/v${i}/"`);
    }
  }
  return lines.join("\n") + "\n";
}

// Throughput is measured by `npm run bench`, never asserted here: shared machines make timings noisy.
describe("a large file", () => {
  it("lints 3,000 varied rules without a compile error", () => {
    const result = lintSource(new Source("big.fw", bigFile(3000)));
    expect(result.errorCount).toBe(0);
  });
});
