import type { Document, Node } from "yaml";
import { yamlLibrary } from "./libraries.js";
import type { Span } from "../../grammar/ast.js";
import type { ValuePath } from "./value-path.js";

/**
 * The source span of a key or value in a parsed YAML document, so a diagnostic underlines exactly what is wrong:
 * the key for an unknown key, the value for a bad value. When the path leads somewhere the text does not show
 * (an empty value), the nearest enclosing key stands in.
 */
export function locate(doc: Document, text: string, path: ValuePath, at: "key" | "value"): Span {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let fallback: Span = spanOf(node, text) ?? { start: 0, end: 0 };
  for (const segment of path) {
    node = resolve(doc, node);
    let nextKey: Node | undefined;
    let nextValue: unknown;
    const { isMap, isScalar, isSeq } = yamlLibrary();
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      nextKey = pair?.key as Node | undefined;
      nextValue = pair?.value;
    } else if (isSeq(node) && typeof segment === "number") {
      nextValue = node.items[segment];
    }
    if (nextKey === undefined && nextValue === undefined) return fallback;
    keyNode = nextKey;
    node = nextValue;
    fallback = spanOf(keyNode, text) ?? spanOf(node, text) ?? fallback;
  }
  if (at === "key") return spanOf(keyNode, text) ?? fallback;
  return spanOf(node, text) ?? fallback;
}

function resolve(doc: Document, node: unknown): unknown {
  return yamlLibrary().isAlias(node) ? node.resolve(doc) : node;
}

/** A node's [start, value end), without the trailing blank space block collections include. */
function spanOf(node: unknown, text: string): Span | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (range === undefined || range === null) return undefined;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? "")) end--;
  if (end === range[0]) return undefined;
  return { start: range[0], end };
}
