/**
 * Following the files a filter was built from: fs.watch on their directories (a save by rename replaces the file
 * a watch on the file itself would follow), filtered to the files that matter, debounced so that an editor's
 * burst of writes for one save makes one rebuild.
 */

import { watch, type FSWatcher } from "node:fs";
import { dirname, join, resolve } from "node:path";

const DEBOUNCE_MS = 150;

export class FileWatcher {
  private watchers = new Map<string, FSWatcher>();
  private files = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private changed = new Set<string>();

  constructor(private readonly onChange: (files: ReadonlySet<string>) => void) {}

  /** Follow exactly these files from now on. */
  follow(files: readonly string[]): void {
    this.files = new Set(files.map((f) => resolve(f)));
    const dirs = new Set([...this.files].map((f) => dirname(f)));
    for (const [dir, watcher] of this.watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => this.event(dir, name));
        watcher.on("error", () => undefined);
        this.watchers.set(dir, watcher);
      } catch {
        // A directory that does not exist (an import not found yet) cannot be watched; a later build may find it.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private event(dir: string, name: string | Buffer | null): void {
    // Without a name (some platforms) any change in the directory counts.
    const path = name === null ? undefined : join(dir, name.toString());
    if (path !== undefined && !this.files.has(path)) return;
    this.changed.add(path ?? dir);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changed = this.changed;
      this.changed = new Set();
      this.onChange(changed);
    }, DEBOUNCE_MS);
  }
}
