import type { ParamDecl, Program } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import { FUNCTIONS } from "../functions/registry.js";
import type { CheckContext } from "./context.js";
import { duplicateParam, paramNotLiteral, reservedParamName } from "./errors/params.js";
import { checkListItems } from "./expressions.js";
import { FIELD_ROOTS } from "./references.js";
import type { ParamInfo } from "./result.js";

/** Names the language gives a meaning to wherever they appear, so a param with one would be unreachable or confusing. */
const BUILTIN_NAMES = new Set([...FUNCTIONS.keys(), "true", "false"]);

/**
 * Declares every param before any rule is checked: params are file-scoped and may be used before their
 * declaration. Returns the valid ones in declaration order; a duplicate keeps the first declaration.
 */
export function collectParams(ctx: CheckContext, program: Program): ParamInfo[] {
  const params: ParamInfo[] = [];
  const firstDeclared = new Map<string, ParamDecl>();
  for (const statement of program.statements) {
    if (statement.kind !== "ParamDecl") continue;
    const name = statement.name.name;
    const first = firstDeclared.get(name);
    if (first !== undefined) {
      ctx.report(duplicateParam(statement.name.span, name, first.name.span));
      continue;
    }
    firstDeclared.set(name, statement);
    if (FIELD_ROOTS.has(name)) ctx.report(reservedParamName(statement.name.span, name, "field"));
    else if (BUILTIN_NAMES.has(name)) ctx.report(reservedParamName(statement.name.span, name, "builtin"));
    const info = paramInfo(ctx, statement);
    ctx.params.set(name, { info });
    if (info !== undefined) params.push(info);
  }
  return params;
}

/**
 * The param's type and JSON default. A template default is reported but still typed as a string (its text parts
 * as the value), so its uses are checked; a default that is not a literal at all leaves the param untyped.
 */
function paramInfo(ctx: CheckContext, decl: ParamDecl): ParamInfo | undefined {
  const value = decl.value;
  const make = (type: ValueType, defaultValue: ParamInfo["defaultValue"]): ParamInfo => {
    ctx.types.set(value, type);
    return { name: decl.name.name, type, decl, defaultValue };
  };
  switch (value.kind) {
    case "StringLiteral":
      return make("string", value.value);
    case "IntLiteral":
      return make("int", value.value);
    case "BoolLiteral":
      return make("bool", value.value);
    case "ListLiteral":
      checkListItems(ctx, value);
      return make("list", value.items.flatMap((item) => (item.kind === "StringLiteral" ? [item.value] : [])));
    case "TemplateString":
      ctx.report(paramNotLiteral(value.span, decl.name.name, true));
      return make("string", value.parts.map((p) => (p.kind === "TemplateText" ? p.value : "")).join(""));
    default:
      ctx.report(paramNotLiteral(value.span, decl.name.name, false));
      return undefined;
  }
}
