import { readFileSync } from "node:fs";

/** filterc's version, from the package.json two levels above dist/cli/. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
