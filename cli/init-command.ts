import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { Command } from "commander";
import {
  DEFAULT_NAMESPACE,
  DEFAULT_TARGET,
  DEFAULT_TEMPLATE,
  existingPaths,
  FIXED_PATHS,
  isTargetId,
  isTemplateId,
  labelProblem,
  nameFromDirectory,
  scaffold,
  ScaffoldConflictError,
  TARGET_IDS,
  TARGETS,
  TEMPLATE_IDS,
  TEMPLATES,
  writeScaffold,
  type ScaffoldOptions,
  type TargetId,
  type TemplateId,
} from "../compiler/scaffold/index.js";
import { FileAccessError, fileErrorReason as reason } from "../compiler/file-errors.js";
import { didYouMean } from "../grammar/suggest.js";
import { EXIT_OK, EXIT_PROBLEMS } from "./terminal.js";
import { UsageError } from "./usage-error.js";

interface InitFlags {
  template?: string;
  target?: string;
  name?: string;
  namespace?: string;
  yes?: boolean;
  force?: boolean;
}

/** What the user chose, by flag or by answering. */
interface Choices {
  template: TemplateId;
  target: TargetId;
  name: string;
  namespace?: string;
}

/** The shell's convention for a command ended by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create a project: a rule file, its test cases, filterc.yaml, a README and a CI workflow")
    .argument("[dir]", "the project's directory, created when missing", ".")
    .option("-t, --template <template>", `${TEMPLATE_IDS.join(", ")} (see below)`)
    .option("--target <target>", `${TARGET_IDS.join(", ")} (see below)`)
    .option("--name <name>", "the filter's name and rule file name (default: the directory's name)")
    .option("--namespace <namespace>", `Kubernetes namespace for the Istio targets (default: ${DEFAULT_NAMESPACE})`)
    .option("-y, --yes", `ask nothing: defaults for what the flags leave out (${DEFAULT_TEMPLATE}, ${DEFAULT_TARGET})`)
    .option("--force", "overwrite files that already exist")
    .addHelpText("after", helpText())
    .action(async (dir: string, flags: InitFlags) => {
      process.exitCode = await runInit(dir, flags);
    });
}

async function runInit(dir: string, flags: InitFlags): Promise<number> {
  const given = checkFlags(flags);
  checkDirectory(dir);
  const defaultName = nameFromDirectory(basename(resolve(dir))) ?? given.template ?? DEFAULT_TEMPLATE;
  // Both ends must be a terminal: the questions are drawn on standard output and answered on standard input.
  const interactive = !flags.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;

  let choices: Choices;
  if (interactive) {
    // Refuse before asking anything when the answers cannot matter.
    if (!flags.force && refuse(dir, existingPaths(dir, given.name === undefined ? FIXED_PATHS : plannedPaths(given.name)))) return EXIT_PROBLEMS;
    try {
      choices = await ask(given, defaultName);
    } catch (error) {
      if (error instanceof Error && error.name === "ExitPromptError") {
        process.stderr.write("cancelled; nothing was written\n");
        return EXIT_INTERRUPTED;
      }
      throw error;
    }
  } else {
    if (!flags.yes) requireFlags(given);
    choices = {
      template: given.template ?? DEFAULT_TEMPLATE,
      target: given.target ?? DEFAULT_TARGET,
      name: given.name ?? defaultName,
      namespace: given.namespace,
    };
  }

  const options: ScaffoldOptions = { ...choices, filtercVersion: packageVersion(), repositorySubdirectory: repositorySubdirectory(dir) };
  const files = scaffold(options);
  const replaced = flags.force ? existingPaths(dir, files.map((f) => f.path)) : [];
  try {
    writeScaffold(dir, files, { force: flags.force });
  } catch (error) {
    if (error instanceof ScaffoldConflictError) {
      refuse(dir, error.existing);
      return EXIT_PROBLEMS;
    }
    if (error instanceof FileAccessError) throw error;
    throw new UsageError(`cannot write the project into ${dir}: ${reason(error)}`);
  }
  process.stdout.write(summary(dir, options, files.map((f) => f.path), replaced));
  return EXIT_OK;
}

/** The flags, checked: a misspelt template or a bad name is a usage error before anything is asked. */
function checkFlags(flags: InitFlags): Partial<Choices> {
  const given: Partial<Choices> = {};
  if (flags.template !== undefined) {
    if (!isTemplateId(flags.template)) throw new UsageError(unknownChoice("template", flags.template, TEMPLATE_IDS));
    given.template = flags.template;
  }
  if (flags.target !== undefined) {
    if (!isTargetId(flags.target)) throw new UsageError(unknownChoice("target", flags.target, TARGET_IDS));
    given.target = flags.target;
  }
  for (const key of ["name", "namespace"] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    const problem = labelProblem(value);
    if (problem !== undefined) throw new UsageError(`--${key} ${JSON.stringify(value)} cannot name a filter: ${problem}`);
    given[key] = value;
  }
  return given;
}

function unknownChoice(what: string, value: string, known: readonly string[]): string {
  const hint = didYouMean(value, known);
  return `unknown ${what} \`${value}\`; the ${what}s are ${known.join(", ")}${hint === undefined ? "" : ` (${hint})`}`;
}

function checkDirectory(dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    return; // missing: it will be created
  }
  if (!isDirectory) throw new UsageError(`${dir} is not a directory`);
}

/** Without a terminal to ask on, the flags must say what to create, unless --yes accepts the defaults. */
function requireFlags(given: Partial<Choices>): void {
  const missing = [given.template === undefined ? "--template" : undefined, given.target === undefined ? "--target" : undefined].filter(
    (flag): flag is string => flag !== undefined,
  );
  if (missing.length === 0) return;
  throw new UsageError(
    `filterc init cannot ask questions without a terminal: give ${missing.join(" and ")}, or --yes for the defaults ` +
      `(--template ${DEFAULT_TEMPLATE} --target ${DEFAULT_TARGET})`,
  );
}

/** Asks for what the flags left out. The namespace is asked only for the Istio targets, which use it. */
async function ask(given: Partial<Choices>, defaultName: string): Promise<Choices> {
  // Loaded here, not at the top: every other command would pay for it at start-up.
  const { input, select } = await import("@inquirer/prompts");
  const template =
    given.template ??
    (await select({
      message: "Template",
      choices: TEMPLATE_IDS.map((id) => ({ value: id, name: TEMPLATES[id].title, description: `${id}: ${TEMPLATES[id].summary}` })),
      default: DEFAULT_TEMPLATE,
    }));
  const target =
    given.target ??
    (await select({
      message: "Deploy to",
      choices: TARGET_IDS.map((id) => ({ value: id, name: TARGETS[id].title, description: `${id}: ${TARGETS[id].summary}` })),
      default: DEFAULT_TARGET,
    }));
  const validate = (value: string) => labelProblem(value) ?? true;
  const name = given.name ?? (await input({ message: "Filter name", default: defaultName, validate }));
  const namespace =
    given.namespace ?? (TARGETS[target].usesNamespace ? await input({ message: "Kubernetes namespace", default: DEFAULT_NAMESPACE, validate }) : undefined);
  return { template, target, name, namespace };
}

function plannedPaths(name: string): string[] {
  return [`${name}.fw`, `${name}.test.yaml`, ...FIXED_PATHS];
}

/** Reports files that stop init, and whether there were any. */
function refuse(dir: string, existing: readonly string[]): boolean {
  if (existing.length === 0) return false;
  const list = existing.map((path) => `  ${join(dir, path)}\n`).join("");
  process.stderr.write(
    `error: ${existing.length === 1 ? "this file already exists" : "these files already exist"}:\n${list}` +
      "nothing was written; run filterc init again with --force to overwrite them, or in another directory\n",
  );
  return true;
}

function summary(dir: string, options: ScaffoldOptions, paths: readonly string[], replaced: readonly string[]): string {
  const template = TEMPLATES[options.template];
  const target = TARGETS[options.target];
  const files = paths.map((path) => `  ${join(dir, path)}${replaced.includes(path) ? " (replaced)" : ""}\n`).join("");
  const cd = resolve(dir) === process.cwd() ? "" : `  cd ${dir}\n`;
  const moveWorkflow =
    options.repositorySubdirectory === undefined
      ? ""
      : "GitHub reads workflows only from the repository's root: move .github/workflows/filterc.yml there.\n";
  return (
    `Created ${options.name} (template: ${template.title.toLowerCase()}, target: ${target.title}):\n${files}\n` +
    `Next:\n${cd}  filterc lint\n  filterc test ${options.name}.fw\n  filterc build ${options.name}.fw -o out\n` +
    `README.md shows how to deploy out/${target.deploymentFile} and how CI runs.\n${moveWorkflow}`
  );
}

/**
 * Where `dir` lies inside its git repository, when it is below the root; undefined at the root or outside any
 * repository. The directory need not exist yet.
 */
function repositorySubdirectory(dir: string): string | undefined {
  const project = resolve(dir);
  for (let current = project; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current === project ? undefined : relative(current, project).split(sep).join("/");
    if (dirname(current) === current) return undefined;
  }
}

function helpText(): string {
  const width = Math.max(...[...TEMPLATE_IDS, ...TARGET_IDS].map((id) => id.length));
  const templates = TEMPLATE_IDS.map((id) => `  ${id.padEnd(width)}  ${TEMPLATES[id].summary}`).join("\n");
  const targets = TARGET_IDS.map((id) => `  ${id.padEnd(width)}  ${TARGETS[id].title}: ${TARGETS[id].summary}`).join("\n");
  return `
Templates:
${templates}

Targets:
${targets}

On a terminal, filterc init asks for what the flags leave out. Otherwise give --template and --target, or --yes.
It never overwrites a file without --force. Exit codes: 0 created, 1 files exist, 2 usage error.`;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
