import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatSource } from "../../compiler/format.js";
import { loadProjectFile } from "../../compiler/project/index.js";
import {
  labelProblem,
  nameFromDirectory,
  scaffold,
  TARGET_IDS,
  TARGETS,
  TEMPLATE_IDS,
  TEMPLATES,
  type ScaffoldOptions,
} from "../../compiler/scaffold/index.js";
import { Source } from "../../grammar/source.js";
import { repoRoot } from "../support/paths.js";
import { fencedBlocks } from "./helpers.js";

const base: ScaffoldOptions = { template: "auth-gate", target: "wasmplugin", name: "gate", namespace: "shop", filtercVersion: "9.8.7" };
const fileOf = (options: ScaffoldOptions, path: string) => scaffold(options).find((f) => f.path === path)!.content;
const combinations = TEMPLATE_IDS.flatMap((template) => TARGET_IDS.map((target) => ({ ...base, template, target })));

describe("scaffold", () => {
  it("makes the rule file, its cases, filterc.yaml, a README and a workflow, named after the filter", () => {
    expect(scaffold(base).map((f) => f.path)).toEqual(["gate.fw", "gate.test.yaml", "filterc.yaml", "README.md", ".github/workflows/filterc.yml"]);
    expect(fileOf(base, "gate.fw")).toBe(TEMPLATES["auth-gate"].rules);
  });

  it.each(combinations)("writes a filterc.yaml without problems for $template on $target", (options) => {
    const text = fileOf(options, "filterc.yaml");
    const loaded = loadProjectFile(new Source("filterc.yaml", text));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.settings.name).toBe("gate");
    if (TARGETS[options.target].usesNamespace && options.template === "canary") {
      expect(loaded.settings).toMatchObject({ namespace: "shop", selector: { istio: "ingressgateway" }, context: "GATEWAY" });
    } else if (TARGETS[options.target].usesNamespace) {
      expect(loaded.settings).toMatchObject({ namespace: "shop", selector: { app: "my-service" }, context: "SIDECAR_INBOUND" });
    } else {
      expect(loaded.settings).toMatchObject({ envoy: { listenPort: 10000, upstreamHost: "127.0.0.1", upstreamPort: 8080 } });
    }
    // The commented-out pluginConfig example is valid once uncommented.
    const uncommented = text.replace(/^# (pluginConfig:|  \w+:.*)$/gm, "$1");
    const withConfig = loadProjectFile(new Source("filterc.yaml", uncommented));
    expect(withConfig.diagnostics).toEqual([]);
    expect(withConfig.pluginConfig).toMatchObject({ ...TEMPLATES[options.template].configExample, disabled_rules: [TEMPLATES[options.template].exampleRule] });
  });

  it.each(TEMPLATE_IDS)("writes %s's rules in the canonical layout and its cases in the case file schema", (template) => {
    const options = { ...base, template };
    const rules = formatSource(new Source("gate.fw", fileOf(options, "gate.fw")));
    expect(rules.diagnostics).toEqual([]);
    expect(rules.changed).toBe(false);

    const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/filterc-test.schema.json"), "utf8"));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const cases = parse(fileOf(options, "gate.test.yaml"));
    expect(validate(cases) ? [] : validate.errors).toEqual([]);
    expect(cases.cases.length).toBeGreaterThanOrEqual(3);
  });

  it("deploys the canary template at the ingress gateway, where a rewrite can still reach another backend", () => {
    const options: ScaffoldOptions = { ...base, template: "canary", namespace: undefined };
    const settings = loadProjectFile(new Source("filterc.yaml", fileOf(options, "filterc.yaml"))).settings;
    expect(settings).toMatchObject({ namespace: "istio-system", selector: { istio: "ingressgateway" }, context: "GATEWAY" });
    expect(fileOf(options, "filterc.yaml")).toContain("# has already been routed to the stable pods");
    const readme = fileOf(options, "README.md");
    expect(readme).toContain("DEPLOYMENT=istio-ingressgateway");
    expect(readme).toContain("-n istio-system");
    expect(readme).not.toContain("my-service");
  });

  it("gates admin on the client's address, which behind a gateway is not the peer's", () => {
    expect(TEMPLATES["auth-gate"].rules).toContain("not (client.address in admin_networks)");
    expect(TEMPLATES["auth-gate"].rules).toContain("the peer of this proxy is the\n# gateway pod");
    expect(TEMPLATES["auth-gate"].cases).toContain("config: { trusted_hops: 1 }");
  });

  it("says how to install filterc from a tarball or git until the version is published", () => {
    expect(fileOf(base, "README.md")).toContain("npm install --global ./filterc-9.8.7.tgz");
    expect(fileOf(base, "README.md")).toContain("npm install --global git+https://github.com/OWNER/filterc.git#v9.8.7");
    expect(fileOf(base, ".github/workflows/filterc.yml")).toContain("# (npm install --global ./filterc-9.8.7.tgz)");
  });

  it("states the Istio versions each Istio target is written for", () => {
    expect(TARGETS.wasmplugin.summary).toContain("Istio 1.20 or later as written");
    expect(TARGETS.envoyfilter.summary).toContain("Istio 1.25 or later as written");
  });

  it("writes a workflow that installs the creating version, then lints, tests and builds", () => {
    const workflow = parse(fileOf(base, ".github/workflows/filterc.yml"));
    const job = workflow.jobs["filter-gate"];
    expect(job.defaults).toBeUndefined();
    const runs = job.steps.filter((s: { run?: string }) => s.run !== undefined).map((s: { run: string }) => s.run);
    expect(runs).toEqual([
      "npm install --global filterc@9.8.7",
      "filterc lint --max-warnings 0 --format github",
      "filterc test gate.fw",
      "filterc build gate.fw -o out",
    ]);
    expect(job.steps.at(-1).with.path).toBe("out/");
  });

  it("runs CI in the project's directory when the project is below the repository's root", () => {
    const options = { ...base, repositorySubdirectory: "filters/gate" };
    const job = parse(fileOf(options, ".github/workflows/filterc.yml")).jobs["filter-gate"];
    expect(job.defaults.run["working-directory"]).toBe("filters/gate");
    expect(job.steps.at(-1).with.path).toBe("filters/gate/out/");
    const readme = fileOf(options, "README.md");
    expect(readme).toContain("move `.github/workflows/filterc.yml` to the root's");
    const gitlab = parse(fencedBlocks(readme, "yaml")[0]!);
    expect(gitlab["filter-gate"].script).toEqual([
      "cd filters/gate",
      "npm install --global filterc@9.8.7",
      "filterc lint --max-warnings 0",
      "filterc test gate.fw",
      "filterc build gate.fw -o out",
    ]);
    expect(gitlab["filter-gate"].artifacts.paths).toEqual(["filters/gate/out/"]);
  });

  it.each(TARGET_IDS)("writes a README with the exact commands for %s", (target) => {
    const readme = fileOf({ ...base, target }, "README.md");
    const shell = fencedBlocks(readme, "sh").join("\n");
    expect(shell).toContain("filterc lint --max-warnings 0");
    expect(shell).toContain("filterc test gate.fw");
    expect(shell).toContain("filterc build gate.fw -o out");
    const deploy = { envoyfilter: "kubectl apply -f out/envoyfilter.yaml", wasmplugin: "kubectl apply -f out/wasmplugin.yaml", envoy: "(cd out && envoy -c envoy.yaml)" };
    expect(shell).toContain(deploy[target]);
    for (const other of TARGET_IDS.filter((t) => t !== target)) expect(shell).not.toContain(deploy[other]);
    expect(readme).toMatch(/^## CI$/m);
    expect(readme).toMatch(/^On GitLab, add this job/m);
    if (target !== "envoy") expect(shell).toContain("-n shop");
  });

  it("mounts the module with annotations whose values are valid JSON", () => {
    const shell = fencedBlocks(fileOf({ ...base, target: "envoyfilter" }, "README.md"), "sh").join("\n");
    const body = /--type merge -p '([\s\S]*?)'/.exec(shell)![1]!;
    const annotations = parse(body).spec.template.metadata.annotations;
    expect(JSON.parse(annotations["sidecar.istio.io/userVolume"])).toEqual([{ name: "filterc-wasm", configMap: { name: "gate-wasm" } }]);
    expect(JSON.parse(annotations["sidecar.istio.io/userVolumeMount"])).toEqual([
      { mountPath: "/var/local/filter.wasm", subPath: "filter.wasm", name: "filterc-wasm", readOnly: true },
    ]);
    const patch = /--type json -p '(.*)'/.exec(fileOf({ ...base, target: "envoyfilter" }, "README.md"))![1]!;
    expect(JSON.parse(JSON.parse(patch)[0].value)).toEqual({ admin_networks: ["10.1.0.0/16"] });
  });
});

describe("names", () => {
  it("makes a name from a directory name, or none", () => {
    expect(nameFromDirectory("My Gateway_Filters")).toBe("my-gateway-filters");
    expect(nameFromDirectory("--edge--")).toBe("edge");
    expect(nameFromDirectory("x".repeat(70))).toHaveLength(63);
    expect(nameFromDirectory("___")).toBeUndefined();
  });

  it("says why a name cannot be a Kubernetes name", () => {
    expect(labelProblem("gate-2")).toBeUndefined();
    expect(labelProblem("")).toBe("it is empty");
    expect(labelProblem("Gate")).toMatch(/lower-case/);
    expect(labelProblem("-gate")).toMatch(/starting and ending/);
    expect(labelProblem("g".repeat(64))).toMatch(/64 characters long; the limit is 63/);
  });
});
