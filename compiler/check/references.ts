import type { Reference, Span } from "../../grammar/ast.js";
import { FIELDS, findField, type FieldInfo, type ValueType } from "../fields.js";
import { didYouMean } from "../../grammar/suggest.js";
import type { CheckContext } from "./context.js";
import { dottedName } from "./describe.js";
import { badHeaderName } from "./errors/headers.js";
import { emptyKey, keyNotConstant, missingKey, unexpectedKey, unknownField, unknownParam } from "./errors/names.js";
import { fieldNotInPhase } from "./errors/phases.js";
import { headerNameProblem } from "./header-names.js";
import { inferExpression } from "./expressions.js";
import { resolveMatchGroup } from "./match-groups.js";
import { resolveVariable } from "./variables.js";

/**
 * Resolves a Reference: one segment names a param (file-scoped, declared anywhere) or a variable (`let`, see
 * variables.ts), several name a field. Records
 * the Resolution and returns the type, or undefined when the name is unknown (already reported, so callers stay
 * quiet about it).
 */
export function resolveReference(ctx: CheckContext, reference: Reference): ValueType | undefined {
  if (isMatchGroup(reference)) return ctx.typed(reference, resolveMatchGroup(ctx, reference));
  return ctx.typed(reference, reference.segments.length === 1 ? resolveParam(ctx, reference) : resolveField(ctx, reference));
}

/** `match[N]`: a group of the rule's `matches` (match-groups.ts), never a param, even one called `match`. */
export function isMatchGroup(reference: Reference): boolean {
  return reference.segments.length === 1 && reference.segments[0]!.name === "match" && reference.key !== undefined;
}

/** `request`, `response`, `source`, `destination`, `connection`: the first segments of field names. */
export const FIELD_ROOTS: ReadonlySet<string> = new Set(FIELDS.map((f) => f.name.split(".")[0]!));

function resolveParam(ctx: CheckContext, reference: Reference): ValueType | undefined {
  const name = reference.segments[0]!.name;
  const entry = ctx.params.get(name);
  const variable = ctx.variables.get(name);
  if (entry === undefined && variable !== undefined) {
    if (reference.key !== undefined) {
      ctx.report(unexpectedKey(keySpan(reference), name, "variable"));
      inferExpression(ctx, reference.key);
    }
    return resolveVariable(ctx, reference, variable);
  }
  if (entry === undefined) {
    ctx.report(unknownParam(namesSpan(reference), name, paramHint(ctx, name)));
    if (reference.key !== undefined) inferExpression(ctx, reference.key);
    return undefined;
  }
  if (reference.key !== undefined) {
    ctx.report(unexpectedKey(keySpan(reference), name, "param"));
    inferExpression(ctx, reference.key);
  }
  if (entry.info === undefined) return undefined;
  ctx.references.set(reference, { kind: "param", param: entry.info });
  return entry.info.type;
}

/** A misspelt param or variable, or a field root written alone (`request` for `request.path`). */
function paramHint(ctx: CheckContext, name: string): string | undefined {
  const suggestion = didYouMean(name, [...ctx.params.keys(), ...ctx.variables.keys()]);
  if (suggestion !== undefined) return suggestion;
  if (FIELD_ROOTS.has(name)) {
    const fields = FIELDS.filter((f) => f.name.startsWith(`${name}.`)).map((f) => `\`${f.name}\``);
    return `\`${name}\` alone is not a field; its fields are ${fields.join(", ")}`;
  }
  return undefined;
}

/**
 * Names people bring from other proxies. Edit distance cannot find these (`request.url` is closer to
 * `request.id` than to `request.path`), so they are listed.
 */
const FIELD_ALIASES: Readonly<Record<string, string>> = {
  "request.url": "request.path",
  "request.uri": "request.path",
  "request.authority": "request.host",
  "request.params": "request.query",
  "request.ip": "source.address",
  "source.ip": "source.address",
  "client.ip": "source.address",
  "client.address": "source.address",
  "request.status": "response.status",
  "response.code": "response.status",
  "destination.address": "destination.port",
};

/**
 * A suggestion for an unknown field. The typo limit is measured on the last segment: the shared root would
 * otherwise let `request.xy` suggest any short `request.` field.
 */
function fieldHint(reference: Reference, name: string): string | undefined {
  const alias = FIELD_ALIASES[name];
  if (alias !== undefined) return `did you mean \`${alias}\`?`;
  const last = reference.segments[reference.segments.length - 1]!.name;
  return didYouMean(name, FIELDS.map((f) => f.name), Math.max(1, Math.floor(last.length / 3)));
}

function resolveField(ctx: CheckContext, reference: Reference): ValueType | undefined {
  const name = dottedName(reference);
  const field = findField(name);
  if (field === undefined) {
    ctx.report(unknownField(namesSpan(reference), name, fieldHint(reference, name)));
    if (reference.key !== undefined) inferExpression(ctx, reference.key);
    return undefined;
  }
  const key = checkKey(ctx, reference, field);
  ctx.references.set(reference, key === undefined ? { kind: "field", field } : { kind: "field", field, key });
  if (ctx.phase !== undefined && !field.phases.includes(ctx.phase)) {
    ctx.report(fieldNotInPhase(reference.span, name, ctx.phase, field.phases));
  }
  return field.type;
}

/** The constant key of a keyed field, lower-cased for headers; reports a missing, extra or malformed key. */
function checkKey(ctx: CheckContext, reference: Reference, field: FieldInfo): string | undefined {
  const key = reference.key;
  if (!field.keyed) {
    if (key !== undefined) {
      ctx.report(unexpectedKey(keySpan(reference), field.name, "field"));
      inferExpression(ctx, key);
    }
    return undefined;
  }
  if (key === undefined) {
    ctx.report(missingKey(reference.span, field.name, exampleKey(field)));
    return undefined;
  }
  if (key.kind !== "StringLiteral") {
    ctx.report(keyNotConstant(key.span, field.name));
    inferExpression(ctx, key);
    return undefined;
  }
  ctx.types.set(key, "string");
  if (isHeaderField(field)) {
    const problem = headerNameProblem(key.value);
    if (problem !== undefined) ctx.report(badHeaderName(key.span, key.value, problem));
    return key.value.toLowerCase();
  }
  if (key.value.length === 0) ctx.report(emptyKey(key.span, field.name));
  return key.value;
}

function isHeaderField(field: FieldInfo): boolean {
  return field.source.from === "request-header-keyed" || field.source.from === "response-header-keyed";
}

function exampleKey(field: FieldInfo): string {
  if (isHeaderField(field)) return "x-request-id";
  return field.source.from === "cookie-keyed" ? "session" : "page";
}

/** The dotted name without its key, where "unknown name" points. */
function namesSpan(reference: Reference): Span {
  return { start: reference.segments[0]!.span.start, end: reference.segments[reference.segments.length - 1]!.span.end };
}

/** From just after the name to the end of the reference: the `["..."]` to remove. */
function keySpan(reference: Reference): Span {
  return { start: namesSpan(reference).end, end: reference.span.end };
}
