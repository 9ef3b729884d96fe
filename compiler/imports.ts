import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Comment, Import, Program, Rule, Span, Statement } from "../grammar/ast.js";
import { error, sortDiagnostics, type CodeDoc, type Diagnostic } from "../grammar/diagnostic.js";
import { parse } from "../grammar/index.js";
import { Source } from "../grammar/source.js";
import { declarations } from "../grammar/walk.js";
import { fileErrorReason, isFileSystemError } from "./file-errors.js";
import { decodeRuleText, readRuleFile } from "./rule-file.js";
import { SourceSet } from "./source-set.js";

/**
 * Several files, one filter (docs/language.md, "Several files"). The parser only records `import "x.fw"` lines;
 * here the files are found, read and composed into one program: each import is replaced by the imported file's
 * statements, a file reached a second time (a diamond) adds nothing, and a cycle is an error showing the chain.
 * Files named on the command line compose in that order, as if the first imported the others at its end.
 */

/** Stable codes of problems with imports (E0002..E0009 with the file codes, E0290.. for names across files). */
export const ImportCode = {
  unreadable: "E0002",
  cycle: "E0003",
  tooDeep: "E0004",
  nameClash: "E0290",
} as const;

/** How deep imports may nest: written files nest two or three; each level costs the parser stack frames. */
export const MAX_IMPORT_DEPTH = 64;

export const IMPORT_CODES: Readonly<Record<string, CodeDoc>> = {
  E0004: {
    title: "imports nested too deeply",
    explanation: `A file may import files that import others, at most ${MAX_IMPORT_DEPTH} levels deep. Files written by hand nest two
or three; a longer chain comes from a generator, and each level costs the compiler stack frames. Import the files
from one file instead of chaining them.

Incorrect (each file imports the next, 100 levels):

    # d0.fw
    import "d1.fw"

Correct:

    # main.fw
    import "d1.fw"
    import "d2.fw"`,
  },
  E0002: {
    title: "an imported file cannot be read",
    explanation: `\`import "PATH"\` names a rule file relative to the file that imports it. The file must exist and be a
readable file, not a directory. The error points at the import line and says why the file could not be read.

Incorrect (rules.fw, with no common.fw beside it):

    import "comon.fw"

Correct:

    import "common.fw"
    import "../shared/common.fw"

A file named on the command line that cannot be read is a usage error (exit code 2), as for every command.`,
  },
  E0003: {
    title: "import cycle",
    explanation: `A file that imports itself, directly or through other files, would insert its own rules into itself
without end. The message shows the chain of imports that leads back to the file; remove one import of the chain,
usually by moving what both files need into a third file that both import.

Incorrect (a.fw imports b.fw, which imports a.fw):

    # a.fw
    import "b.fw"
    # b.fw
    import "a.fw"

Correct:

    # a.fw
    import "common.fw"
    # b.fw
    import "common.fw"

A file imported twice without a cycle (a diamond: a.fw and b.fw both import common.fw) is not an error: its
rules are inserted once, where it is reached first.`,
  },
  E0290: {
    title: "a rule name is declared in two files",
    explanation: `Rules of all the files of a filter share one set of names: \`disabled_rules\`, the rule map, traces and
coverage name rules, and two rules with one name could not be told apart. A name declared in two files is an
error that names both places; rename one of the rules. (Params share one namespace too: a param declared in two
files is E0210.)

Incorrect:

    # common.fw
    rule "block-admin" on request_headers when request.path starts_with "/admin" deny 403
    # rules.fw
    import "common.fw"
    rule "block-admin" on request_headers when request.path starts_with "/internal" deny 403

Correct:

    # rules.fw
    import "common.fw"
    rule "block-internal" on request_headers when request.path starts_with "/internal" deny 403`,
  },
};

/** A rule file named on the command line: its path, and the name diagnostics print (by default the path). */
export interface RuleFileInput {
  readonly path: string;
  readonly displayName?: string;
  /** The file's text when it is not (yet) what is on disk: an editor's unsaved buffer (lsp/). */
  readonly text?: string;
}

/** Every file of a filter composed into one program. */
export interface Composition {
  /** One file's Source when there is one file (a program from one file is exactly as before), else a SourceSet. */
  readonly source: Source;
  /** The statements of every file in composition order; spans are offsets into `source`. No imports are left. */
  readonly program: Program;
  /** Syntax and file problems of every file (parse diagnostics included), offsets into `source`, sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A span within one file; `file` (an index into the files read) when it lies in another file than its diagnostic. */
type FileSpan = Span & { readonly file?: number };

interface Loaded {
  readonly source: Source;
  readonly program: Program | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** The absolute path this file was read from, for resolving its imports. */
  readonly path: string;
}

/**
 * Reads, parses and composes the files. A file named on the command line that cannot be read is a
 * FileAccessError (a usage error, as for one file); every problem in or with an imported file is a diagnostic.
 */
export function composeRuleFiles(inputs: readonly RuleFileInput[]): Composition {
  const files: Loaded[] = [];
  // By real path: the index of the file in `files`, so a file reached twice (or through a symbolic link) is read once.
  const seen = new Map<string, number>();
  const order: { file: number; statement: Statement }[] = [];
  const problems: { file: number; diagnostic: Diagnostic }[] = [];
  const chain: string[] = [];

  const load = (path: string, source: Source, bytesDiagnostics: readonly Diagnostic[]): number => {
    const program = bytesDiagnostics.length > 0 ? undefined : parse(source);
    files.push({ source, program: program?.program, diagnostics: [...bytesDiagnostics, ...(program?.diagnostics ?? [])], path });
    return files.length - 1;
  };

  const visit = (index: number): void => {
    const file = files[index]!;
    chain.push(identity(file.path));
    for (const d of file.diagnostics) problems.push({ file: index, diagnostic: d });
    if (file.program !== undefined) {
      for (const declaration of declarations(file.program)) {
        if (declaration.kind === "Import") visitImport(index, declaration);
        else order.push({ file: index, statement: declaration });
      }
    }
    chain.pop();
  };

  const visitImport = (importer: number, line: Import): void => {
    const from = files[importer]!;
    // A path with a syntax error (`${...}`, E0119) is not a path to look for.
    if (from.diagnostics.some((d) => d.span.start >= line.path.span.start && d.span.start < line.path.span.end)) return;
    if (line.path.value === "") {
      problems.push({ file: importer, diagnostic: error(ImportCode.unreadable, line.path.span, "cannot import \"\": the path is empty", 'name a rule file relative to this one, e.g. import "common.fw"') });
      return;
    }
    const path = resolve(dirname(from.path), line.path.value);
    // An absolute import names itself; join() would drop its leading `/`.
    const displayName = isAbsolute(line.path.value) ? line.path.value : join(dirname(from.source.name), line.path.value);
    const key = identity(path);
    const at = chain.indexOf(key);
    if (at !== -1) {
      const names = [...chain.slice(at).map((p) => files[seen.get(p)!]!.source.name), displayName];
      const message = at === chain.length - 1 ? `\`${from.source.name}\` imports itself` : `import cycle: ${names.join(" → ")}`;
      problems.push({ file: importer, diagnostic: error(ImportCode.cycle, line.path.span, message, "remove this import, or move what both files need into a file that both import") });
      return;
    }
    if (seen.has(key)) return;
    if (chain.length >= MAX_IMPORT_DEPTH) {
      problems.push({ file: importer, diagnostic: error(ImportCode.tooDeep, line.path.span, `imports nested more than ${MAX_IMPORT_DEPTH} deep`, "import the files from one file instead of chaining them") });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (failure) {
      if (!isFileSystemError(failure)) throw failure;
      const hint = failure.code === "ENOENT" && !isAbsolute(line.path.value) ? `the path is relative to ${from.source.name}'s folder` : undefined;
      problems.push({ file: importer, diagnostic: error(ImportCode.unreadable, line.path.span, `cannot import ${displayName}: ${fileErrorReason(failure)}`, hint) });
      return;
    }
    const decoded = decodeRuleText(bytes, displayName);
    // A file that is not UTF-8 (E0001) is shown with the import line that reached it, which lies in the importer.
    const importedHere: FileSpan = { ...line.path.span, file: importer };
    const diagnostics = decoded.diagnostics.map((d) => ({ ...d, related: [...(d.related ?? []), { span: importedHere, message: `imported by ${from.source.name}` }] }));
    const index = load(path, decoded.source, diagnostics);
    seen.set(key, index);
    visit(index);
  };

  for (const input of inputs) {
    const name = input.displayName ?? input.path;
    const read = input.text === undefined ? readRuleFile(input.path, name) : { source: new Source(name, input.text), diagnostics: [] };
    const path = resolve(input.path);
    const key = identity(path);
    if (seen.has(key)) continue;
    const index = load(path, read.source, read.diagnostics);
    seen.set(key, index);
    visit(index);
  }

  if (files.length === 1) {
    const only = files[0]!;
    const { imports: _resolved, ...program } = only.program ?? emptyProgram(only.source);
    return { source: only.source, program, diagnostics: sortDiagnostics(problems.map((p) => p.diagnostic)) };
  }

  const sources = files.map((f) => f.source);
  const set = new SourceSet(sources);
  const bases = SourceSet.bases(sources);
  const at = (span: FileSpan, file: number): Span => {
    const base = bases[span.file ?? file]!;
    return { start: span.start + base, end: span.end + base };
  };
  const placeDiagnostic = (d: Diagnostic, file: number): Diagnostic => ({
    ...d,
    span: at(d.span, file),
    ...(d.related !== undefined && { related: d.related.map((r) => ({ ...r, span: at(r.span, file) })) }),
  });
  const statements = order.map(({ file, statement }) => shiftSpans(statement, bases[file]!));
  const comments: Comment[] = files.flatMap((f, i) => (f.program?.comments ?? []).map((c) => shiftSpans(c, bases[i]!)));
  const diagnostics = problems.map(({ file, diagnostic }) => placeDiagnostic(diagnostic, file));
  diagnostics.push(...nameClashes(set, statements));
  const program: Program = { kind: "Program", span: { start: 0, end: set.text.length }, statements, comments };
  return { source: set, program, diagnostics: sortDiagnostics(diagnostics) };
}

/** E0290 for a rule name declared again in another file; within one file, lint's no-duplicate-rule-name says it. */
function nameClashes(set: SourceSet, statements: readonly Statement[]): Diagnostic[] {
  const first = new Map<string, Rule>();
  const clashes: Diagnostic[] = [];
  for (const statement of statements) {
    if (statement.kind !== "Rule" || statement.name === undefined) continue;
    const name = statement.name.value;
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, statement);
      continue;
    }
    const earlierFile = set.locate(earlier.name!.span.start).file;
    if (earlierFile === set.locate(statement.name.span.start).file) continue;
    clashes.push({
      ...error(ImportCode.nameClash, statement.name.span, `rule name "${name}" is already declared in ${earlierFile.name}`, "rules of all files share one set of names: rename one of them"),
      related: [{ span: earlier.name!.span, message: "first declared here" }],
    });
  }
  return clashes;
}

/** A file's identity: its real path when it exists (a link and its target are one file), else the absolute path. */
function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function emptyProgram(source: Source): Program {
  return { kind: "Program", span: { start: 0, end: source.text.length }, statements: [], comments: [] };
}

/** A copy of an AST node with every span moved by `base`: a file's offsets into the composed text. */
function shiftSpans<T>(node: T, base: number): T {
  if (base === 0) return node;
  return moved(node, base) as T;
}

function moved(value: unknown, base: number): unknown {
  if (Array.isArray(value)) return value.map((v) => moved(v, base));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 2 && typeof (value as Span).start === "number" && typeof (value as Span).end === "number") {
    return { start: (value as Span).start + base, end: (value as Span).end + base };
  }
  return Object.fromEntries(entries.map(([key, v]) => [key, moved(v, base)]));
}
