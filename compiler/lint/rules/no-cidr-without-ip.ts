import type { Binary, Expression } from "../../../grammar/ast.js";
import { isAddressValue } from "../../address-values.js";
import { unwrapParens } from "../../check/expressions.js";
import { parseIpOrCidr } from "../../net.js";
import { walkRuleExpressions } from "../../rule-walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * `request.header["x-real-ip"] in ["10.0.0.0/8"]` compares strings: `10.1.2.3` is not the text `10.0.0.0/8`, so the
 * test is silently false. Only an address (`source.address`, `client.address`, `ip(...)`) is compared with ranges.
 * A lint error rather than a compile error, so files that built before keep building.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-cidr-without-ip",
    type: "problem",
    defaultSeverity: "error",
    hasSuggestions: true,
    description: "Report `in` with CIDR ranges on a value that is not an address, which compares strings instead of networks.",
    messages: {
      cidrOnString: "`{{value}} in ...` compares strings, so `{{range}}` matches only that text, not the addresses in it",
    },
    hints: {
      cidrOnString: "make the value an address: `ip({{value}}) in ...`",
    },
  }),
  checkFile(context: FileContext): void {
    const { checked } = context;
    walkRuleExpressions(checked.rules, (e) => {
      if (e.kind !== "Binary" || e.op !== "in" || isAddressValue(e.left, checked.references)) return;
      if (checked.types.get(unwrapParens(e.left)) !== "string") return;
      const range = firstRange(context, e);
      if (range === undefined) return;
      const value = context.source.text.slice(e.left.span.start, e.left.span.end);
      const suggestions = [{ desc: `compare the address: \`ip(${value})\``, fix: { span: e.left.span, text: `ip(${value})` } }];
      context.report({ messageId: "cidrOnString", span: e.left.span, data: { value, range }, suggestions });
    });
  },
};

/** The first item of the list (a literal, or a list param's default) that is a CIDR range with a prefix. */
function firstRange(context: FileContext, binary: Binary): string | undefined {
  const list = unwrapParens(binary.right);
  let items: readonly Expression[] = [];
  if (list.kind === "ListLiteral") items = list.items;
  else if (list.kind === "Reference") {
    const resolution = context.checked.references.get(list);
    if (resolution?.kind === "param" && resolution.param.decl.value.kind === "ListLiteral") items = resolution.param.decl.value.items;
  }
  for (const item of items) if (item.kind === "StringLiteral" && item.value.includes("/") && parseIpOrCidr(item.value) !== undefined) return item.value;
  return undefined;
}

export default rule;
