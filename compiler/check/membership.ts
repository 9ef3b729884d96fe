import type { Binary, Expression, StringLiteral } from "../../grammar/ast.js";
import { isAddressValue } from "../address-values.js";
import { parseIpOrCidrDetailed, type IpRange } from "../net.js";
import type { CheckContext } from "./context.js";
import { describeExpression, quoted } from "./describe.js";
import { cidrHostBits, invalidIpRange } from "./errors/values.js";
import { inNeedsList, inNeedsString } from "./errors/types.js";
import { checkListItems, inferExpression, unwrapParens } from "./expressions.js";

/**
 * `x in LIST`: a string on the left, a list literal or list param on the right. When the left is an address
 * (`source.address`, `client.address`, `ip(...)`: compiler/address-values.ts), the items are IP addresses or CIDR ranges and are validated here, because a typo in an
 * allow-list would otherwise only show as traffic being let through or refused at runtime.
 */
export function checkMembership(ctx: CheckContext, binary: Binary): void {
  const leftType = inferExpression(ctx, binary.left);
  if (leftType !== undefined && leftType !== "string") ctx.report(inNeedsString(binary.left.span, describeExpression(binary.left), leftType));
  const addresses = isAddressValue(binary.left, ctx.references);

  const list = unwrapParens(binary.right);
  if (list.kind === "ListLiteral") {
    recordParens(ctx, binary.right);
    checkListItems(ctx, list);
    if (addresses) for (const item of list.items) if (item.kind === "StringLiteral") checkAddress(ctx, item);
    return;
  }
  const rightType = inferExpression(ctx, binary.right);
  if (rightType === undefined) return;
  if (rightType !== "list") {
    ctx.report(inNeedsList(binary.right.span, quoted(binary.right)));
    return;
  }
  if (addresses) checkAddressParam(ctx, unwrapParens(binary.right));
}

/** A list param compared with an address: its default items are checked where they are declared, once. */
function checkAddressParam(ctx: CheckContext, reference: Expression): void {
  if (reference.kind !== "Reference") return;
  const resolution = ctx.references.get(reference);
  if (resolution?.kind !== "param" || ctx.addressListsChecked.has(resolution.param.name)) return;
  ctx.addressListsChecked.add(resolution.param.name);
  const value = resolution.param.decl.value;
  if (value.kind !== "ListLiteral") return;
  for (const item of value.items) if (item.kind === "StringLiteral") checkAddress(ctx, item);
}

function checkAddress(ctx: CheckContext, item: StringLiteral): void {
  const result = parseIpOrCidrDetailed(item.value);
  if (!result.ok) ctx.report(invalidIpRange(item.span, item.value, result.reason));
  else if (result.value.hostBitsSet) ctx.report(cidrHostBits(item.span, item.value, formatNetwork(result.value.range, result.value.family)));
}

/** The network address of a range in the family it was written in: `10.0.0.0/8`, `2001:db8::/32`. */
function formatNetwork(range: IpRange, family: 4 | 6): string {
  if (family === 4) return `${Array.from(range.bytes.slice(12)).join(".")}/${range.prefix - 96}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((range.bytes[i]! << 8) | range.bytes[i + 1]!).toString(16));
  return `${compressZeros(groups)}/${range.prefix}`;
}

/** RFC 5952: the longest run of two or more zero groups becomes `::`. */
function compressZeros(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (bestStart < 0) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

/** Parentheses around a list literal are lists too. */
function recordParens(ctx: CheckContext, expression: Expression): void {
  for (let e = expression; e.kind === "Paren"; e = e.expression) ctx.types.set(e, "list");
}
