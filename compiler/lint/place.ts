import type { Source } from "../../grammar/source.js";

/**
 * Names another place of the filter in a lint message: `on line 12` when it is in the same file as the message,
 * `at shared/baseline.fw:12` when it is in another file of a composition (imports), where a bare line number
 * would send the reader to the wrong file. `from` is an offset in the message's own span.
 */
export function placePhrase(source: Source, offset: number, from: number): string {
  const line = source.position(offset).line;
  const file = source.locate(offset).file;
  return file === source.locate(from).file ? `on line ${line}` : `at ${file.name}:${line}`;
}
