import type { StreamSpec } from "../../host/index.js";

/**
 * Generated rule sets of a realistic mix, cycling through four kinds of request rules: a path prefix that denies,
 * a header equality that routes (sets a header and goes on), a regex that redirects, and a CIDR list that denies.
 * Every rule matches its own traffic and nothing else, so a request can be aimed at any one rule.
 */

export type RuleKind = "prefix" | "header" | "regex" | "cidr";
const KINDS: readonly RuleKind[] = ["prefix", "header", "regex", "cidr"];

export interface GeneratedRule {
  readonly index: number;
  readonly kind: RuleKind;
  readonly text: string;
  /** A request only this rule (of its set) acts on. */
  readonly matchingRequest: StreamSpec;
}

const octets = (i: number): [number, number] => [(i >> 8) & 255, i & 255];

export function generateRule(index: number, namePrefix = ""): GeneratedRule {
  const kind = KINDS[index % KINDS.length]!;
  const name = `${namePrefix}${kind}-${index}`;
  const [a, b] = octets(index);
  switch (kind) {
    case "prefix":
      return {
        index,
        kind,
        text: `rule "${name}" on request_headers when request.path starts_with "/svc-${index}/" deny 403 "retired\\n"`,
        matchingRequest: { request: { path: `/svc-${index}/orders` }, source: "203.0.113.50:40000" },
      };
    case "header":
      return {
        index,
        kind,
        text: `rule "${name}" on request_headers when request.header["x-tenant"] == "tenant-${index}" set "x-pool" = "pool-${index}"`,
        matchingRequest: { request: { path: "/orders", headers: { "x-tenant": `tenant-${index}` } }, source: "203.0.113.50:40000" },
      };
    case "regex":
      return {
        index,
        kind,
        text: `rule "${name}" on request_headers when request.path matches "^/v${index}/items/[0-9]+$" redirect 301 "/items"`,
        matchingRequest: { request: { path: `/v${index}/items/42` }, source: "203.0.113.50:40000" },
      };
    case "cidr":
      return {
        index,
        kind,
        text:
          `rule "${name}" on request_headers when source.address in ` +
          `["10.${a}.${b}.0/24", "172.16.${a}.${b}/32", "2001:db8:${index.toString(16)}::/48"] deny 403`,
        matchingRequest: { request: { path: "/orders" }, source: `10.${a}.${b}.9:40000` },
      };
  }
}

export interface RuleSet {
  readonly count: number;
  readonly text: string;
  readonly rules: readonly GeneratedRule[];
}

export function generateRuleSet(count: number, namePrefix = ""): RuleSet {
  const rules = Array.from({ length: count }, (_, i) => generateRule(i, namePrefix));
  return { count, rules, text: `# ${count} generated rules (bench/corpus/rule-mix.ts)\n${rules.map((r) => r.text).join("\n")}\n` };
}

/** Ordinary traffic that every generated rule looks at and none acts on. */
export const noMatchRequest: StreamSpec = {
  request: { path: "/static/app.js", headers: { "x-tenant": "tenant-none" } },
  source: "203.0.113.50:40000",
};
