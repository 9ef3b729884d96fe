import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Program } from "../grammar/ast.js";
import type { Source } from "../grammar/source.js";
import type { CheckedProgram } from "../compiler/check/result.js";
import { composeRuleFiles } from "../compiler/imports.js";
import { lintSourceDetailed } from "../compiler/lint/engine.js";
import { findProjectFile, loadProject, type LoadedProject } from "../compiler/lint/project.js";
import type { LintMessage } from "../compiler/lint/result.js";
import { rememberedRegex } from "./regex-memo.js";

/**
 * Everything the editor features need about one open rule file, computed from the editor's text (saved or not):
 * the lint result exactly as `filterc lint` computes it for that file on disk (the same composition with its
 * imports, the same filterc.yaml levels and deployment context), and the file's own syntax tree for navigation.
 */
export interface Analysis {
  readonly uri: string;
  /** Absolute path, or undefined for an untitled buffer. */
  readonly path: string | undefined;
  readonly text: string;
  /** The composed program's source: this file at offset 0, then the files it imports. */
  readonly source: Source;
  /** This file alone, parsed: spans are offsets into `text`. */
  readonly program: Program;
  readonly checked: CheckedProgram;
  /** The lint messages whose primary span is in this file (offsets into `source`, which are this file's). */
  readonly messages: readonly LintMessage[];
  readonly project: LoadedProject | undefined;
}

export function pathOfUri(uri: string): string | undefined {
  return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}

/** The name diagnostics and messages print: relative to the workspace root as `filterc lint` run there would. */
export function displayName(path: string | undefined, uri: string, root: string | undefined): string {
  if (path === undefined) return uri;
  if (root === undefined) return path;
  const rel = relative(root, path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}

export function analyze(uri: string, text: string, root: string | undefined): Analysis {
  // Chevrotain makes an Error for every recognition problem, and capturing their stacks was a sixth of the time
  // of analysing broken text (what an editor sends on most keystrokes). Nothing reads those stacks; a failure of
  // filterc itself is analysed again with stacks, so that the log says where it failed.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return analyzeText(uri, text, root);
  } catch {
    Error.stackTraceLimit = stackLimit;
    return analyzeText(uri, text, root);
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}

function analyzeText(uri: string, text: string, root: string | undefined): Analysis {
  const path = pathOfUri(uri);
  const name = displayName(path, uri, root);
  const project = path === undefined ? undefined : projectFor(path, root);
  // An untitled buffer has no folder to resolve imports from: the working directory stands in.
  const composition = composeRuleFiles([{ path: path ?? resolve(name.replace(/[^\w.-]/g, "_")), displayName: name, text }]);
  const levels = { ...project?.file.lint };
  const { result, checked } = lintSourceDetailed(composition, { levels, deployment: { context: project?.file.settings.context }, compileRegex: rememberedRegex });
  const own = result.source.files[0]!;
  const messages = result.messages.filter((m) => result.source.locate(m.span.start).file === own);
  return { uri, path, text, source: result.source, program: ownProgram(composition.program, text.length), checked, messages, project };
}

/**
 * This file's part of the composed program: it is laid out first, at offset 0, so its statements and comments are
 * those that end within its text. (Parsing it again would double the cost of every keystroke: a parse of broken
 * input is most of an analysis.)
 */
function ownProgram(composed: Program, length: number): Program {
  const within = (node: { span: { end: number } }) => node.span.end <= length;
  return { ...composed, span: { start: 0, end: length }, statements: composed.statements.filter(within), comments: composed.comments.filter(within) };
}

/** Loaded project files by path, with the modification time and size they were loaded at. */
const projects = new Map<string, { stamp: string; project: LoadedProject | undefined }>();

/**
 * The filterc.yaml that configures the file, as lint finds it; one that cannot be read configures nothing. Loaded
 * again only when it changed on disk: validating it against its schema on every keystroke would be wasted.
 */
function projectFor(path: string, root: string | undefined): LoadedProject | undefined {
  const file = findProjectFile(dirname(path));
  if (file === undefined) return undefined;
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
  const known = projects.get(file);
  if (known?.stamp === stamp) return known.project;
  let project: LoadedProject | undefined;
  try {
    project = loadProject(file, displayName(file, uriOfPath(file), root));
  } catch {
    project = undefined;
  }
  projects.set(file, { stamp, project });
  return project;
}
