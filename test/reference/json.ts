/**
 * The plugin configuration's JSON (RFC 8259), read the way docs/language.md describes: a number keeps the text it
 * was written as (an int param takes `600`, not `600.0`) and is not checked beyond its characters, and an object
 * keeps every member in order, a repeated key included (each is read in turn). Arrays and objects nest at most
 * MAX_DEPTH levels, the outermost being the first.
 */

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;

export class JsonNumber {
  constructor(readonly text: string) {}
}

export class JsonObject {
  constructor(readonly members: ReadonlyArray<readonly [string, JsonValue]>) {}
}

const SPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** A number is any run of its characters (language.md: the reader does not check a number's spelling). */
const NUMBER = /[-+.0-9eE]+/y;
const WORDS: Record<string, JsonValue> = { true: true, false: false, null: null };
const MAX_DEPTH = 1000;

/** The value of a JSON text; undefined when the text is not JSON. */
export function readJson(text: string): JsonValue | undefined {
  let pos = 0;
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const found = pattern.exec(text)?.[0];
    if (found !== undefined) pos += found.length;
    return found;
  };
  const space = () => match(SPACE);
  const eat = (c: string): boolean => {
    space();
    if (text[pos] !== c) return false;
    pos++;
    return true;
  };
  /** The value at `pos`, an array or object there being the `level`th one nested. */
  const value = (level: number): JsonValue | undefined => {
    space();
    const string = match(STRING);
    // The token is checked above; JSON.parse turns its escapes (surrogate pairs included) into text.
    if (string !== undefined) return JSON.parse(string) as string;
    const number = match(NUMBER);
    if (number !== undefined) return new JsonNumber(number);
    for (const [word, meaning] of Object.entries(WORDS)) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return meaning;
      }
    }
    if (level > MAX_DEPTH && (text[pos] === "[" || text[pos] === "{")) return undefined;
    if (eat("[")) {
      const items: JsonValue[] = [];
      if (eat("]")) return items;
      do {
        const item = value(level + 1);
        if (item === undefined) return undefined;
        items.push(item);
      } while (eat(","));
      return eat("]") ? items : undefined;
    }
    if (eat("{")) {
      const members: Array<readonly [string, JsonValue]> = [];
      if (eat("}")) return new JsonObject(members);
      do {
        space();
        const key = match(STRING);
        if (key === undefined || !eat(":")) return undefined;
        const member = value(level + 1);
        if (member === undefined) return undefined;
        members.push([JSON.parse(key) as string, member]);
      } while (eat(","));
      return eat("}") ? new JsonObject(members) : undefined;
    }
    return undefined;
  };
  const result = value(1);
  space();
  return pos === text.length ? result : undefined;
}
