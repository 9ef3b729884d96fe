import { githubWorkflow } from "./ci.js";
import type { ScaffoldOptions } from "./options.js";
import { projectFile } from "./project-file.js";
import { projectReadme } from "./readme.js";
import { TARGETS } from "./targets.js";
import { TEMPLATES } from "./templates.js";

/** One file of a new project: a path relative to the project directory, with `/` separators. */
export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

/** The files of a new project, in the order they are listed to the user. Writes nothing. */
export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const template = TEMPLATES[options.template];
  const target = TARGETS[options.target];
  return [
    { path: `${options.name}.fw`, content: template.rules },
    { path: `${options.name}.test.yaml`, content: testCases(options.name, template.cases) },
    { path: "filterc.yaml", content: projectFile(options, template, target) },
    { path: "README.md", content: projectReadme(options, template, target) },
    { path: ".github/workflows/filterc.yml", content: githubWorkflow(options) },
  ];
}

/** The file names a project would have, before its name is known: for refusing early, before any question. */
export const FIXED_PATHS: readonly string[] = ["filterc.yaml", "README.md", ".github/workflows/filterc.yml"];

/** The case file, its first line pointing editors at the schema as filterc.yaml's does. */
function testCases(name: string, cases: string): string {
  return `# yaml-language-server: $schema=./node_modules/filterc/schemas/filterc-test.schema.json
# Test cases for ${name}.fw: \`filterc test ${name}.fw\` runs each request through the filter and checks the result.
# request: what the client sends. response: what the service answers (status 200 unless given).
# config: the plugin configuration for the case. expect: what reached the service (upstream), what the client
# got back (response), what the filter logged (logs). Anything not mentioned is not checked.

${cases}`;
}
