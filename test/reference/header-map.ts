/**
 * A header map as docs/language.md describes it: ordered entries, names lower-case, a name may repeat and reads as
 * its first value. Names and values are byte strings (see model.ts).
 */
export class HeaderMap {
  private entries: Array<[string, string]>;

  constructor(entries: ReadonlyArray<readonly [string, string]>) {
    this.entries = entries.map(([k, v]) => [k, v]);
  }

  /** The first value of `name`, or undefined (absent). */
  get(name: string): string | undefined {
    return this.entries.find(([k]) => k === name)?.[1];
  }

  values(name: string): string[] {
    return this.entries.filter(([k]) => k === name).map(([, v]) => v);
  }

  /** `set`: every value of `name` replaced by one. */
  set(name: string, value: string): void {
    this.remove(name);
    this.entries.push([name, value]);
  }

  /** `add`: one more entry. */
  add(name: string, value: string): void {
    this.entries.push([name, value]);
  }

  remove(name: string): void {
    this.entries = this.entries.filter(([k]) => k !== name);
  }

  removePrefix(prefix: string): void {
    this.entries = this.entries.filter(([k]) => !k.startsWith(prefix));
  }

  list(): Array<[string, string]> {
    return this.entries.map(([k, v]) => [k, v]);
  }
}
