import { ciCommands, gitlabJob } from "./ci.js";
import type { ScaffoldOptions } from "./options.js";
import type { Target } from "./target.js";
import type { Template, TryIt } from "./template.js";

/** The README of a new project: what is in it, and the exact commands to lint, test, build, deploy and run CI. */
export function projectReadme(options: ScaffoldOptions, template: Template, target: Target): string {
  const { name, filtercVersion: version } = options;
  const commands = ciCommands(options);
  const sections = [
    `# ${name}

A proxy-wasm filter written in filterc's rule language, deployed with ${target.deployedWith}.
It ${template.summary}.
\`filterc init\` created it from the ${template.title.toLowerCase()} template; everything here is yours to change.`,
    filesSection(options, target),
    `## Install filterc

filterc needs Node.js 20 or later:

\`\`\`sh
npm install --global filterc@${version}
\`\`\`

Until filterc ${version} is on the npm registry, install it from a tarball (\`npm pack\` in a filterc checkout makes
\`filterc-${version}.tgz\`) or straight from its git repository, which builds it on install:

\`\`\`sh
npm install --global ./filterc-${version}.tgz
npm install --global git+https://github.com/OWNER/filterc.git#v${version}     # your filterc repository's URL
\`\`\`

Once published, you can also put \`npx filterc@${version}\` wherever this README says \`filterc\`. Installed in this directory instead
(\`npm install --save-dev filterc@${version}\`), it also gives editors the schema that the first line of
filterc.yaml points to, for completion and checks as you type.`,
    `## Work on the rules

\`\`\`sh
${commandList([
  [commands.lint, "compile errors and likely mistakes, without building"],
  [commands.test, `run the cases in ${name}.test.yaml`],
  [commands.build, "filter.wasm and the deployment files, in out/"],
  [runCommand(name, template.tryIt), "one request through the filter, step by step"],
  ["filterc fmt", `put ${name}.fw in the canonical layout`],
])}
\`\`\`

Each command exits with 0 when all is well, 1 when the rules, the tests or filterc.yaml have problems (it says
which, with file and line), and 2 when it was called wrongly. \`filterc explain CODE\` explains a diagnostic code.

Each case in \`${name}.test.yaml\` sends one request through the filter (\`request\`), lets the service answer
(\`response\`, status 200 unless it says otherwise) and checks what came out (\`expect\`): what reached the service
(\`upstream\`, or \`upstream: false\` when the filter answered itself), what the client got (\`response\`) and what the
filter logged (\`logs\`). Add a case for every rule you add.

The build writes \`out/filter.wasm\` and the files that deploy it; for ${target.title} that is
\`out/${target.deploymentFile}\`. The same rules and settings always give the same bytes.`,
    target.deploySection(options, template),
    `## Change settings without a rebuild

The \`param\`s in ${name}.fw are defaults. The running filter reads its plugin configuration, a JSON object, and
takes param values from it, for example \`${JSON.stringify(template.configExample)}\`. \`"disabled_rules": ["${template.exampleRule}"]\`
switches named rules off. A value of the wrong type keeps its default (with a warning in the proxy's log).

To deploy with another configuration, set \`pluginConfig\` in filterc.yaml (there is an example at its end) and
rebuild: \`filterc lint\` checks its keys and types against the rules. To try one out on the running filter:

${target.configureSection(options, template)}`,
    ciSection(options),
    `## Learn more

The filterc package holds its documentation in \`docs/\` (\`$(npm root -g)/filterc/docs\` when installed
globally): the rule language (language.md), test cases (testing.md), lint rules (lint.md), filterc.yaml and
deployment (deploy.md).`,
  ];
  return sections.join("\n\n") + "\n";
}

/** `filterc run` with the template's example request. */
function runCommand(name: string, tryIt: TryIt): string {
  const headers = (tryIt.headers ?? []).map((h) => ` -H '${h}'`).join("");
  return `filterc run ${name}.fw -r "GET ${tryIt.path}"${headers}`;
}

/** Shell lines with their comments aligned. */
function commandList(lines: readonly (readonly [string, string])[]): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  return lines.map(([command, comment]) => `${command.padEnd(width)}   # ${comment}`).join("\n");
}

function filesSection(options: ScaffoldOptions, target: Target): string {
  const { name } = options;
  return `## Files

| File | What it is |
|---|---|
| \`${name}.fw\` | the rules, with comments on what each does |
| \`${name}.test.yaml\` | test cases: requests, what the service answers, and what must come out |
| \`filterc.yaml\` | settings for ${target.title}: ${target.usesNamespace ? "name, namespace, which pods, " : "name, ports, "}failure policy |
| \`.github/workflows/filterc.yml\` | CI: lint, test and build on every push and pull request |
| \`out/\` | what \`filterc build\` writes; build it again rather than edit it |`;
}

function ciSection(options: ScaffoldOptions): string {
  const sub = options.repositorySubdirectory;
  const moved =
    sub === undefined
      ? ""
      : `\n\nGitHub reads workflows only from the repository's root: move \`.github/workflows/filterc.yml\` to the root's
\`.github/workflows/\`. Its steps already run in \`${sub}\`.`;
  return `## CI

\`.github/workflows/filterc.yml\` runs on every push and pull request: lint (its findings appear on the pull
request's diff), the tests, the build, and keeps \`out/\` as an artifact of the run. It installs filterc
${options.filtercVersion}, the version that created this project: raise it on purpose.${moved}

On GitLab, add this job to \`.gitlab-ci.yml\`:

\`\`\`yaml
${gitlabJob(options).trimEnd()}
\`\`\``;
}
