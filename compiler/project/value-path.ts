/** Where a value sits in a settings object: map keys and list indices, outermost first. */
export type ValuePath = readonly (string | number)[];

/** `envoy.listenPort`, `targetRefs[0].kind`, `selector["app.kubernetes.io/name"]`: the way a user names a key. */
export function displayPath(path: ValuePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A value as a message quotes it: strings in quotes (shortened), collections by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}

/** A JSON pointer as path segments; array indices become numbers by looking at the data they index. */
export function pointerPath(pointer: string, data: unknown): ValuePath {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step: string | number = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}
