import type { ScaffoldOptions } from "./options.js";

/** The commands CI runs, in order, from the project's directory. */
export function ciCommands(options: ScaffoldOptions): { lint: string; test: string; build: string } {
  return {
    lint: "filterc lint --max-warnings 0",
    test: `filterc test ${options.name}.fw`,
    build: `filterc build ${options.name}.fw -o out`,
  };
}

/** The project directory as CI sees it: relative to the repository root, "" at the root. */
function prefix(options: ScaffoldOptions): string {
  const sub = options.repositorySubdirectory;
  return sub === undefined || sub === "" || sub === "." ? "" : sub.replace(/\/+$/, "") + "/";
}

/**
 * `.github/workflows/filterc.yml`. filterc is installed at the version that wrote the project, so a new filterc
 * release cannot break CI unannounced; lint annotates the pull request's diff (`--format github`).
 */
export function githubWorkflow(options: ScaffoldOptions): string {
  const commands = ciCommands(options);
  const dir = prefix(options);
  const defaults = dir === "" ? "" : `    defaults:\n      run:\n        working-directory: ${dir.slice(0, -1)}\n`;
  return `# Lints, tests and builds the ${options.name} filter on every push and pull request.
name: filterc
on: [push, pull_request]
jobs:
  filter-${options.name}:
    runs-on: ubuntu-latest
${defaults}    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # The filterc version this project was created with: raise it on purpose, not by surprise.
      # Until that version is on the npm registry, install it from a tarball committed beside this project
      # (npm install --global ./filterc-${options.filtercVersion}.tgz) or from filterc's git repository
      # (npm install --global git+https://github.com/OWNER/filterc.git#v${options.filtercVersion}).
      - run: npm install --global filterc@${options.filtercVersion}
      - name: Lint
        run: ${commands.lint} --format github
      - name: Test
        run: ${commands.test}
      - name: Build
        run: ${commands.build}
      - uses: actions/upload-artifact@v4
        with:
          name: ${options.name}
          path: ${dir}out/
`;
}

/** The same job for GitLab CI, for the README: GitLab reads one .gitlab-ci.yml, which the user owns. */
export function gitlabJob(options: ScaffoldOptions): string {
  const commands = ciCommands(options);
  const dir = prefix(options);
  const cd = dir === "" ? "" : `    - cd ${dir.slice(0, -1)}\n`;
  return `filter-${options.name}:
  image: node:20
  script:
${cd}    - npm install --global filterc@${options.filtercVersion}
    - ${commands.lint}
    - ${commands.test}
    - ${commands.build}
  artifacts:
    paths: [${dir}out/]
`;
}
