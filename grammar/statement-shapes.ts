import type { CstNode, IToken } from "chevrotain";
import { parseTokens } from "./parser.js";
import * as t from "./tokens.js";

/**
 * Parses the statements of a large file, reusing the parse of an earlier statement of the same shape.
 *
 * A generated file repeats a few statement shapes thousands of times with other names, strings and numbers
 * (`rule "svc-1" on ... starts_with "/svc-1/" deny 403`, then `svc-2`, ...). Chevrotain spends most of a large
 * file's parse deciding, rule by rule and token by token, what it already decided for the previous statement of
 * the same shape. The parser is a deterministic LL(k) parser whose decisions look only at token types and, in a
 * few gates (parser.ts: `any`, `per`, `by`, `via`, ...), at the image of a word. Two token runs with the same
 * types and the same word images therefore parse to the same tree, token for token; only the tokens in its leaves
 * differ. So the first statement of each shape is parsed and its tree kept as a template whose leaves are
 * token positions; later statements of that shape get a copy of the template with their own tokens.
 *
 * The shape of a statement is every token's type and the image of every token but string and number literals. A
 * gate compares an image with a bare word, which a string's image (it starts with a quote) or a number's (digits)
 * never equals, so their text cannot change a decision and is left out: that is what lets `"svc-1"` and `"svc-2"`
 * share a template.
 */

/** Shapes kept per file: a file with more distinct shapes than this parses the others as it did before. */
export const MAX_SHAPES = 256;

/** A CST node whose token leaves are positions in the statement's token run. */
interface Template {
  readonly name: string;
  readonly children: readonly (readonly [string, readonly (number | Template)[]])[];
}

export class StatementShapes {
  private readonly templates = new Map<string, Template>();
  /** Statements that got a copy of a template (for tests: a count, not a timing). */
  hits = 0;
  /** Statements that were parsed. */
  misses = 0;

  /**
   * The CST of one statement run (statement-chunks.ts), or undefined when it has a syntax error: the caller then
   * parses the whole file, so that recovery and its diagnostics are those of one parse.
   */
  parse(tokens: readonly IToken[]): CstNode | undefined {
    const key = shapeOf(tokens);
    const template = this.templates.get(key);
    if (template !== undefined) {
      this.hits++;
      return instantiate(template, tokens);
    }
    this.misses++;
    const parsed = parseTokens(tokens as IToken[], "program");
    if (parsed.cst === undefined || parsed.errors.length > 0) return undefined;
    if (this.templates.size < MAX_SHAPES) {
      const made = templateOf(parsed.cst, tokens);
      if (made !== undefined) this.templates.set(key, made);
    }
    return parsed.cst;
  }
}

/** Token types by index, and the image of every token whose text can steer the parser. */
function shapeOf(tokens: readonly IToken[]): string {
  let key = "";
  for (const token of tokens) {
    const type = token.tokenType;
    // A type's index, then its image after a colon: no word or operator image holds a space or a colon.
    key += type === t.StringLiteral || type === t.IntLiteral ? `${type.tokenTypeIdx!} ` : `${type.tokenTypeIdx!}:${token.image} `;
  }
  return key;
}

/** The tree with each token replaced by its position; undefined if a leaf is not one of `tokens` (never expected). */
function templateOf(cst: CstNode, tokens: readonly IToken[]): Template | undefined {
  const position = new Map<IToken, number>();
  tokens.forEach((token, i) => position.set(token, i));
  let complete = true;
  const walk = (node: CstNode): Template => {
    const children: [string, (number | Template)[]][] = [];
    for (const [name, items] of Object.entries(node.children)) {
      children.push([
        name,
        items.map((item) => {
          if (!("tokenType" in item)) return walk(item);
          const at = position.get(item);
          if (at === undefined) complete = false;
          return at ?? -1;
        }),
      ]);
    }
    return { name: node.name, children };
  };
  const template = walk(cst);
  return complete ? template : undefined;
}

/** A CST as Chevrotain builds it (a name and a prototype-less children dictionary), with `tokens` in its leaves. */
function instantiate(template: Template, tokens: readonly IToken[]): CstNode {
  const children = Object.create(null) as CstNode["children"];
  for (const [name, items] of template.children) {
    const copies = new Array<IToken | CstNode>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      copies[i] = typeof item === "number" ? tokens[item]! : instantiate(item, tokens);
    }
    children[name] = copies as IToken[] | CstNode[];
  }
  return { name: template.name, children };
}
