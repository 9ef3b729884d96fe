import { readFileSync } from "node:fs";
import { error, hasErrors, warning, type CodeDoc, type Diagnostic } from "../grammar/diagnostic.js";
import { Source } from "../grammar/source.js";
import { withFileErrors } from "./file-errors.js";

/** Stable codes of problems with a rule file as a whole (E0001..E0099, W0001..W0099). */
export const FileCode = {
  notUtf8: "E0001",
  noRules: "W0001",
} as const;

export const FILE_CODES: Readonly<Record<string, CodeDoc>> = {
  E0001: {
    title: "the file is not UTF-8 text",
    explanation: `Rule files are UTF-8. A file saved in another encoding (Latin-1, Windows-1252, UTF-16) has bytes that
are not UTF-8, and reading them anyway would turn each into U+FFFD: a header value \`"café"\` would reach the
client as \`"caf\uFFFD"\`. Every command refuses such a file and points at the first bad byte.

Incorrect (saved as Latin-1, \`é\` is the single byte 0xE9):

    on response_headers set "x-greeting" = "café"

Correct (saved as UTF-8, \`é\` is the two bytes 0xC3 0xA9), or with an escape:

    on response_headers set "x-greeting" = "caf\\u{e9}"

Convert the file with \`iconv -f latin1 -t utf-8 rules.fw > rules-utf8.fw\`, or save it as UTF-8 in the editor.`,
  },
  W0001: {
    title: "the file has no rules",
    explanation: `A rule file that is empty, or holds only comments and params, builds a filter that lets every request and
response pass unchanged. That is rarely meant (an empty file saved by mistake, every rule commented out), so
\`filterc build\` and \`filterc lint\` warn; the build still succeeds.

Incorrect:

    # TODO: block the admin pages

Correct:

    on request_headers when request.path starts_with "/admin" deny 403`,
  },
};

/**
 * W0001, at the start of the file, when a file without errors declares no rules. Every command that reports
 * warnings asks here, with the parser's and checker's diagnostics (`analyze` for build, the lint engine for lint), so
 * all report the same files.
 */
export function noRulesWarning(ruleCount: number, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (ruleCount > 0 || hasErrors(diagnostics)) return [];
  return [warning(FileCode.noRules, { start: 0, end: 0 }, "the file has no rules: the filter lets every request and response pass unchanged", "add a rule, e.g. `on response_headers set \"x-filter\" = \"on\"`")];
}

/** A rule file's text, or the diagnostic that refuses it (with the text decoded as well as it can be, to show). */
export interface RuleFileText {
  readonly source: Source;
  /** Empty when the file is UTF-8 text. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Every command reads rule files here, so all refuse the same files with the same diagnostic. A file that cannot
 * be read at all (missing, a directory) is a FileAccessError.
 */
export function readRuleFile(path: string, displayName = path): RuleFileText {
  return decodeRuleText(
    withFileErrors("read", displayName, () => readFileSync(path)),
    displayName,
  );
}

/**
 * Strict UTF-8: a byte order mark is kept in the text (the lexer skips it, the formatter drops it), and bad bytes
 * refuse the file instead of becoming U+FFFD.
 */
export function decodeRuleText(bytes: Uint8Array, name: string): RuleFileText {
  try {
    return { source: new Source(name, new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes)), diagnostics: [] };
  } catch {
    const source = new Source(name, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
    const bad = firstBadCharacter(source.text, bytes);
    const message = `the file is not UTF-8 text: byte 0x${bytes[bad.byte]!.toString(16).toUpperCase().padStart(2, "0")} is not part of a UTF-8 character`;
    const hint = "save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`";
    return { source, diagnostics: [error(FileCode.notUtf8, { start: bad.char, end: bad.char + 1 }, message, hint)] };
  }
}

/**
 * Where the lenient decoder first put U+FFFD for bytes that were not the encoded U+FFFD itself: the offset in
 * the text (for the caret) and in the bytes (to name the byte).
 */
function firstBadCharacter(text: string, bytes: Uint8Array): { char: number; byte: number } {
  let byte = 0;
  for (let char = 0; char < text.length; ) {
    const codePoint = text.codePointAt(char)!;
    const isEncodedReplacement = bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd;
    if (codePoint === 0xfffd && !isEncodedReplacement) return { char, byte };
    byte += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    char += codePoint > 0xffff ? 2 : 1;
  }
  return { char: text.length, byte: Math.max(0, bytes.length - 1) };
}
