/**
 * AssemblyScript expression and statement text, with holes for what the lowering cannot decide yet: a test that a
 * test set may answer (lower/test-sets.ts) is known by its id until every rule's tests are known. Code without
 * holes is a plain string. A Fragment refuses to become a string by accident (a template literal, `join`): build
 * with `code` and `joinCode`, and let the printer fill the holes.
 */
export type Code = string | Fragment;

/** A test by its id, answered at print time by a test set's bit or by the test's own code. */
export interface TestHole {
  readonly kind: "TestHole";
  readonly test: number;
}

export class Fragment {
  constructor(readonly parts: readonly (string | Fragment | TestHole)[]) {}

  toString(): string {
    throw new Error("internal: generated code with test holes was used as a string; build it with code`...` or joinCode");
  }
}

/** A tagged template over Code: a plain string unless a value has holes. */
export function code(strings: TemplateStringsArray, ...values: readonly (Code | number | bigint | boolean)[]): Code {
  // Concatenated in one pass: every generated line comes here, and a large rule file makes hundreds of thousands.
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value instanceof Fragment) return fragment(strings, values);
    text += String(value) + strings[i + 1]!;
  }
  return text;
}

function fragment(strings: TemplateStringsArray, values: readonly (Code | number | bigint | boolean)[]): Fragment {
  const parts: (string | Fragment)[] = [strings[0]!];
  values.forEach((value, i) => parts.push(value instanceof Fragment ? value : String(value), strings[i + 1]!));
  return new Fragment(parts);
}

export function testHole(test: number): Fragment {
  return new Fragment([{ kind: "TestHole", test }]);
}

/** `codes.join(separator)` for Code. */
export function joinCode(codes: readonly Code[], separator: string): Code {
  if (!codes.some((c) => c instanceof Fragment)) return codes.join(separator);
  return new Fragment(codes.flatMap((c, i) => (i === 0 ? [c] : [separator, c])));
}

/** The text of `code`, each test hole filled by `fill`. */
export function printCode(code: Code, fill: (test: number) => string): string {
  if (typeof code === "string") return code;
  let out = "";
  for (const part of code.parts) {
    if (typeof part === "string") out += part;
    else if (part instanceof Fragment) out += printCode(part, fill);
    else out += fill(part.test);
  }
  return out;
}

/** A string that identifies `code` (holes by their ids): for telling equal conditions apart, never for output. */
export function codeKey(code: Code): string {
  return printCode(code, (test) => `\0test ${test}\0`);
}
