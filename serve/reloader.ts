/**
 * Hot reload: the files the filter was built from are watched; a save rebuilds, and a build that compiles and
 * starts becomes the current generation of workers (new requests go to it, requests in flight finish on the one
 * they started on). A build that does not compile, or a module that does not start, changes nothing but says
 * why. A change to the --plugin-config file is a configuration change of the running workers, as Envoy makes it.
 * Saves during a build are not lost: one more build follows.
 */

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { HostLoadError } from "../host/index.js";
import { pluginConfigFlag, TestInputError } from "../compiler/testing/index.js";
import type { FilterUnderTest } from "../compiler/testing/index.js";
import { servedFilter } from "./filter-build.js";
import { ServeOptionError, type ServeOptions } from "./options.js";
import { FileWatcher } from "./watch.js";
import type { WorkerSet } from "./workers.js";

/** Where serve reports: a line (or diagnostics) for the user. */
export type Say = (text: string) => void;

export class Reloader {
  private building = false;
  private again = false;
  private readonly watcher: FileWatcher;
  private readonly configFile: string | undefined;

  constructor(
    private readonly options: ServeOptions,
    private readonly say: Say,
    private readonly color: boolean,
    /** Starts workers for a build with a plugin configuration; throws HostLoadError if the filter refuses to start. */
    private readonly start: (filter: FilterUnderTest, pluginConfig: string) => Promise<WorkerSet>,
    public current: WorkerSet,
    private pluginConfig: string,
    files: readonly string[],
  ) {
    this.configFile = options.pluginConfig !== undefined && existsSync(options.pluginConfig) ? resolve(options.pluginConfig) : undefined;
    this.watcher = new FileWatcher((changed) => this.changed(changed));
    this.follow(files);
  }

  close(): void {
    this.watcher.close();
  }

  private follow(files: readonly string[]): void {
    this.watcher.follow(this.configFile === undefined ? files : [...files, this.configFile]);
  }

  private changed(changed: ReadonlySet<string>): void {
    const config = this.configFile !== undefined && changed.has(this.configFile);
    if (config) this.reconfigure();
    if (changed.size > (config ? 1 : 0)) this.rebuild().catch((error: Error) => this.say(`reload failed: ${error.message}\n`));
  }

  private async rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    try {
      do {
        this.again = false;
        await this.buildOnce();
      } while (this.again);
    } finally {
      this.building = false;
    }
  }

  private async buildOnce(): Promise<void> {
    const { ruleFile } = this.options;
    const t0 = Date.now();
    let next;
    try {
      next = await servedFilter(this.options, this.color);
    } catch (error) {
      // The file went away or cannot be read for a moment (a save in progress): the next change retries.
      const why = (error as Error).message;
      this.say(`${why.startsWith("cannot read") ? why : `cannot read ${ruleFile}: ${why}`}; still serving the previous filter\n`);
      return;
    }
    this.follow(next.files);
    if (!next.ok) {
      this.say(`${next.diagnostics}\n\n${next.summary}; still serving the previous filter\n`);
      return;
    }
    try {
      this.current = await this.start(next.filter, this.pluginConfig);
    } catch (error) {
      if (!(error instanceof HostLoadError)) throw error;
      this.say(`the rebuilt filter did not start (${error.message}); still serving the previous filter\n`);
      return;
    }
    this.say(`reloaded ${ruleFile} in ${Date.now() - t0} ms\n`);
  }

  private reconfigure(): void {
    const file = this.options.pluginConfig;
    let next: string;
    try {
      next = readPluginConfig(file);
    } catch (error) {
      this.say(`${(error as Error).message}; keeping the previous plugin configuration\n`);
      return;
    }
    const accepted = this.current.reconfigure(next);
    this.current.takeLogs().forEach((line) => this.say(line));
    if (accepted) {
      this.pluginConfig = next;
      this.say(`plugin configuration reloaded from ${file}\n`);
    } else {
      this.say(`the filter refused the plugin configuration in ${file}; keeping the previous one\n`);
    }
  }
}

/** `--plugin-config` as text for the filter; a file that cannot be used is a ServeOptionError. */
export function readPluginConfig(value: string | undefined): string {
  try {
    return pluginConfigFlag(value);
  } catch (error) {
    if (error instanceof TestInputError) throw new ServeOptionError(error.message);
    throw error;
  }
}
