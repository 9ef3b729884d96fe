import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TARGETS, type TargetId, type TemplateId } from "../../compiler/scaffold/index.js";
import { runCli, tempDir } from "../support/cli.js";

/** Every template once; the targets take turns, so each target's filterc.yaml is built at least once. */
const PROJECTS: { template: TemplateId; target: TargetId }[] = [
  { template: "hello", target: "envoyfilter" },
  { template: "security-headers", target: "wasmplugin" },
  { template: "auth-gate", target: "envoy" },
  { template: "canary", target: "wasmplugin" },
];


/** The command of a step of the generated workflow, as arguments for the CLI under test. */
function workflowStep(dir: string, step: "Lint" | "Test" | "Build"): string[] {
  const workflow = parse(readFileSync(join(dir, ".github/workflows/filterc.yml"), "utf8"));
  const job = Object.values(workflow.jobs)[0] as { steps: { name?: string; run?: string }[] };
  const run = job.steps.find((s) => s.name === step)!.run!;
  expect(run).toMatch(/^filterc /);
  return run.split(" ").slice(1);
}

describe.each(PROJECTS)("a new $template project for $target", ({ template, target }) => {
  const dir = join(tempDir("filterc-init-"), template);

  beforeAll(() => {
    const run = runCli(["init", dir, "--template", template, "--target", target]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("passes the workflow's lint step, without a warning", () => {
    const args = workflowStep(dir, "Lint");
    expect(args).toContain("--max-warnings");
    const run = runCli(args, { cwd: dir });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("passes the workflow's test step", () => {
    const run = runCli(workflowStep(dir, "Test"), { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/\b(\d+) passed, 0 failed\b/);
    expect(run.status).toBe(0);
  });

  it("passes the workflow's build step, writing the target's deployment file", () => {
    const run = runCli(workflowStep(dir, "Build"), { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, "out/filter.wasm"))).toBe(true);
    const deployment = readFileSync(join(dir, "out", TARGETS[target].deploymentFile), "utf8");
    expect(deployment).toContain(template);
  });
});
