import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TEMPLATES } from "../../compiler/scaffold/index.js";
import { tempDir } from "../support/cli.js";
import { hasScript, KEY, TerminalSession } from "./pty.js";

describe.skipIf(!hasScript)("filterc init on a terminal", () => {
  it("asks for the template, target, name and namespace, choosing with the arrow keys", async () => {
    const dir = join(tempDir("filterc-init-"), "project");
    const session = new TerminalSession(["init", dir], tempDir());
    await session.waitFor(/\? Template\n❯ Hello\n {2}Security headers\n {2}Auth gate\n {2}Canary\n/);
    session.type(KEY.down + KEY.down);
    await session.waitFor(/❯ Auth gate/);
    session.type(KEY.enter);
    // The target menu starts on the default, the WasmPlugin; one up is the EnvoyFilter.
    await session.waitFor(/\? Deploy to\n {2}Istio EnvoyFilter\n❯ Istio WasmPlugin\n {2}plain Envoy\n/);
    session.type(KEY.up);
    await session.waitFor(/❯ Istio EnvoyFilter/);
    session.type(KEY.enter);
    await session.waitFor(/\? Filter name \(project\)/);
    session.type("gate" + KEY.enter);
    await session.waitFor(/\? Kubernetes namespace \(default\)/);
    session.type("shop" + KEY.enter);

    expect(await session.exitCode()).toBe(0);
    expect(session.text).toContain("Created gate (template: auth gate, target: Istio EnvoyFilter):");
    expect(readdirSync(dir).sort()).toEqual([".github", "README.md", "filterc.yaml", "gate.fw", "gate.test.yaml"]);
    expect(readFileSync(join(dir, "gate.fw"), "utf8")).toBe(TEMPLATES["auth-gate"].rules);
    expect(parse(readFileSync(join(dir, "filterc.yaml"), "utf8"))).toMatchObject({ name: "gate", namespace: "shop", wasmPath: "/var/local/filter.wasm" });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("kubectl apply -f out/envoyfilter.yaml");
  });

  it("asks only what the flags leave out, and no namespace for plain Envoy", async () => {
    const dir = join(tempDir("filterc-init-"), "edge");
    const session = new TerminalSession(["init", dir, "--template", "canary"], tempDir());
    await session.waitFor(/\? Deploy to\n/);
    session.type(KEY.down);
    await session.waitFor(/❯ plain Envoy/);
    session.type(KEY.enter);
    await session.waitFor(/\? Filter name \(edge\)/);
    session.type(KEY.enter);

    expect(await session.exitCode()).toBe(0);
    expect(session.text).not.toMatch(/Template|namespace/);
    expect(readFileSync(join(dir, "edge.fw"), "utf8")).toBe(TEMPLATES.canary.rules);
    expect(parse(readFileSync(join(dir, "filterc.yaml"), "utf8"))).toMatchObject({ name: "edge", envoy: { listenPort: 10000 } });
  });

  it("writes nothing when cancelled with Ctrl-C", async () => {
    const dir = join(tempDir("filterc-init-"), "project");
    const session = new TerminalSession(["init", dir], tempDir());
    await session.waitFor(/\? Template/);
    session.type(KEY.ctrlC);
    expect(await session.exitCode()).toBe(130);
    expect(session.text).toContain("cancelled; nothing was written");
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses before asking anything when the project's files exist", async () => {
    const dir = tempDir("filterc-init-");
    writeFileSync(join(dir, "README.md"), "mine\n");
    const session = new TerminalSession(["init", dir], tempDir());
    expect(await session.exitCode()).toBe(1);
    expect(session.text).toContain(`error: this file already exists:\n  ${join(dir, "README.md")}\n`);
    expect(session.text).not.toContain("Template");
    expect(readdirSync(dir)).toEqual(["README.md"]);
  });
});
