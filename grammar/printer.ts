import type * as ast from "./ast.js";
import { isArithmetic } from "./ast.js";
import { CommentMap, type AttachableNode, type PlacedComment } from "./printer-comments.js";
import { comment, group, hardline, ifBreak, indent, join, layout, line, softline, type Doc } from "./printer-doc.js";
import { declarations } from "./walk.js";
import { escapeRegex, escapeText, quoteString } from "./printer-strings.js";

/**
 * The canonical text of a rule file (docs/fmt.md describes the style). Like graphql-js's printer it works from
 * the AST; unlike it, it also needs the source text, for the comments and for the blank lines the author left
 * between statements.
 *
 * The output has the same statements, in the same order, with the same comments in the same order, and parses
 * back to the same AST apart from spans and the spelling of strings: parentheses are kept as written (they are
 * Paren nodes), only optional separators (`;`, `,`) and an empty `with {}` are dropped.
 */

/** Lines up to this many columns stay whole; longer ones are broken where the style allows. */
export const PRINT_WIDTH = 100;

export interface PrintOptions {
  readonly width?: number;
}

/** `text` must be the source `program` was parsed from, without syntax errors. */
export function printProgram(program: ast.Program, text: string, options: PrintOptions = {}): string {
  const printer = new Printer(text, new CommentMap(text, program));
  const out = layout(printer.program(program), options.width ?? PRINT_WIDTH);
  return out === "" ? "" : out + "\n";
}

/** A node's comments as documents, ready to be put around its body. */
interface Parts {
  readonly leading: Doc[];
  readonly body: Doc;
  readonly trailing: Doc[];
}

/** One line-level item of a statement list or block: a statement or action with its comments, or a comment. */
interface Piece {
  readonly doc: Doc;
  readonly start: number;
  readonly end: number;
}

type Chain = { readonly first: Doc; readonly rest: Doc[] };

class Printer {
  constructor(
    private readonly text: string,
    private readonly comments: CommentMap,
  ) {}

  program(program: ast.Program): Doc {
    const loose = this.comments.of(program).dangling.map((c) => this.commentPiece(c));
    return this.stack([...loose, ...this.pieces(declarations(program))]);
  }

  /** A node with its leading and trailing comments. */
  private print(node: AttachableNode): Doc {
    const { leading, body, trailing } = this.parts(node);
    return [...leading, body, ...trailing];
  }

  private parts(node: AttachableNode): Parts {
    return { ...this.attachedComments(node), body: this.body(node) };
  }

  private attachedComments(node: AttachableNode): Omit<Parts, "body"> {
    const attached = this.comments.of(node);
    return { leading: attached.leading.map(commentDoc), trailing: attached.trailing.map(commentDoc) };
  }

  /** `["authorization", "cookie"]` of `authorize`'s header clauses, on one line. */
  private headerNames(names: ast.HeaderNames): Doc[] {
    return ["[", join(", ", names.names.map((name) => this.print(name))), "]"];
  }

  /** Comments after a node's first token with nothing before them, as in `deny # why`. */
  private dangling(node: AttachableNode): Doc[] {
    return this.comments.of(node).dangling.map(commentDoc);
  }

  private body(node: AttachableNode): Doc {
    switch (node.kind) {
      case "Import":
        return ["import", ...this.dangling(node), " ", this.print(node.path)];
      case "ParamDecl":
        return ["param", ...this.dangling(node), " ", this.print(node.name), " = ", this.print(node.value)];
      case "Rule":
        return this.withElse(this.rule(node), node);
      case "Scope":
        return this.scope(node);
      case "ElseBranch":
        return this.elseBranch(node);
      case "HeaderAssign":
        return [node.op, ...this.dangling(node), " ", this.print(node.name), " = ", this.print(node.value)];
      case "HeaderRemove":
        return ["remove", ...this.dangling(node), " ", this.print(node.name)];
      case "HeaderRemovePrefix":
        return ["remove prefix", ...this.dangling(node), " ", this.print(node.prefix)];
      case "HeaderRename":
        return ["rename", ...this.dangling(node), " ", this.print(node.from), " to ", this.print(node.to)];
      case "QueryParam":
        return [`${node.op} query`, ...this.dangling(node), " ", this.print(node.key), ...(node.value ? [" = ", this.print(node.value)] : [])];
      case "RewritePath":
        return ["rewrite path", ...this.dangling(node), " ", this.print(node.value)];
      case "RewritePrefix":
        return ["rewrite prefix", ...this.dangling(node), " ", this.print(node.from), " to ", this.print(node.to)];
      case "Deny":
        return ["deny", ...this.dangling(node), " ", this.print(node.status), ...(node.body ? [" ", this.print(node.body)] : [])];
      case "Respond":
        return this.respond(node);
      case "HeaderEntry":
        return [this.print(node.name), " = ", this.print(node.value)];
      case "Redirect":
        return ["redirect", ...this.dangling(node), ...(node.status ? [" ", this.print(node.status)] : []), " ", this.print(node.location)];
      case "Log":
        return ["log", ...this.dangling(node), " ", this.print(node.level), " ", this.print(node.message)];
      case "Stop":
        return "stop";
      case "Let":
        return ["let", ...this.dangling(node), " ", this.print(node.name), " = ", this.print(node.value)];
      case "Count":
        return ["count", ...this.dangling(node), " ", this.print(node.name), ...(node.by ? [" ", this.print(node.by)] : [])];
      case "CountLabel":
        return [
          "by",
          ...this.dangling(node),
          " ",
          this.print(node.value),
          ...(node.only ? [" only ", this.print(node.only)] : []),
          ...(node.limit ? [" limit ", this.print(node.limit)] : []),
        ];
      case "Authorize":
        return [
          "authorize",
          ...this.dangling(node),
          " with ",
          this.print(node.cluster),
          ...(node.grpc ? [" grpc"] : []),
          ...(node.timeout ? [` timeout ${node.timeout.written}`] : []),
          ...(node.failure ? [` on failure ${node.failure.choice}`] : []),
          ...(node.sendHeaders ? [" send headers ", ...this.headerNames(node.sendHeaders)] : []),
          ...(node.path ? [" path ", this.print(node.path)] : []),
          ...(node.copyHeaders ? [" copy headers ", ...this.headerNames(node.copyHeaders)] : []),
        ];
      case "Limit":
        return [
          "limit",
          ...this.dangling(node),
          " ",
          this.print(node.rate),
          " per ",
          this.print(node.unit),
          ...(node.by ? [" by ", this.print(node.by)] : []),
          ...(node.burst ? [" burst ", this.print(node.burst)] : []),
          ...(node.buckets ? [" buckets ", this.print(node.buckets)] : []),
          ...(node.headersOff ? [" headers off"] : []),
          ...(node.via ? [" via ", this.print(node.via.cluster)] : []),
          ...(node.via?.timeout ? [` timeout ${node.via.timeout.written}`] : []),
          ...(node.via?.failure ? [` on failure ${node.via.failure.choice}`] : []),
        ];
      case "Observe":
        return ["observe", ...this.dangling(node), " ", this.print(node.name), " ", this.print(node.value)];
      case "Replace":
        // `replace matches` is one word for comments, as `rewrite prefix` is: a comment between them goes after both.
        return [node.target.kind === "RegexLiteral" ? "replace matches" : "replace", ...this.dangling(node), " ", this.print(node.target), " with ", this.print(node.value)];
      case "Binary":
        if (node.op === "and" || node.op === "or") return this.logical(node);
        if (isArithmetic(node.op)) return this.arithmetic(node);
        return [this.print(node.left), ` ${node.op} `, this.print(node.right)];
      case "Not":
        return ["not", ...this.dangling(node), " ", this.print(node.operand)];
      case "Paren":
        return ["(", ...this.dangling(node), this.print(node.expression), ")"];
      case "Call":
        return [this.print(node.callee), this.bracketed("(", ")", node.args, this.comments.of(node).dangling, { spaced: false, trailingComma: false })];
      case "Reference":
        return this.reference(node);
      case "ListLiteral":
        return this.bracketed("[", "]", node.items, this.comments.of(node).dangling, { spaced: false, trailingComma: true });
      case "StringLiteral":
        return quoteString(node.value);
      case "TemplateString":
        return this.template(node);
      case "RegexLiteral":
        return this.regex(node);
      case "IntLiteral":
        return String(node.value);
      case "BoolLiteral":
        return String(node.value);
      case "Identifier":
        return node.name;
      case "TemplateText":
        return escapeText(node.value);
      case "Program":
      case "Comment":
      case "Block":
      case "ResponseHeaders":
        // Printed by their owners: the program by printProgram, comments with their nodes, braces with the rule
        // or response they belong to.
        throw new Error(`printer: ${node.kind} is not printed on its own`);
    }
  }

  /**
   * `[rule "name" [shadow]] on PHASE [when CONDITION] ACTION` on one line if it fits; otherwise the head alone and each of
   * `when CONDITION` and the action on its own line, indented. A block rule keeps `{` at the end of its head
   * line; when the condition had to go on its own line, the block is indented under it.
   */
  private rule(rule: ast.Rule): Doc {
    const block = this.comments.blockOf(rule);
    const last = rule.condition ?? rule.phase;
    const { leading, body, trailing } = this.parts(last);
    // In a block rule, comments that end the head line move inside the braces: `when x { # why`.
    const lastTrailing = block ? [] : trailing;
    const phase = rule.condition ? this.print(rule.phase) : [...leading, body, ...lastTrailing];
    const head: Doc = rule.name
      ? ["rule", ...this.dangling(rule), " ", this.print(rule.name), rule.shadow ? " shadow" : "", " on ", phase]
      : ["on", ...this.dangling(rule), " ", phase];
    // The condition's own-line comments introduce the whole `when` line, so they go above the keyword.
    const when: Doc = rule.condition ? [...leading, "when ", body, ...lastTrailing] : "";
    if (!block) {
      const action = rule.actions[0];
      return group([head, indent([rule.condition ? [line, when] : "", action ? [line, this.print(action)] : ""])]);
    }
    const blockComments = this.comments.of(block);
    const opening = sortByPosition([...this.comments.of(last).trailing, ...blockComments.leading, ...blockComments.dangling]);
    const braces = [this.block(rule.actions, opening), ...blockComments.trailing.map(commentDoc)];
    if (!rule.condition) return [head, " ", braces];
    const headId = Symbol("rule head");
    return [group([head, indent([line, when])], headId), " ", ifBreak(indent(braces), braces, headId)];
  }

  /**
   * A rule's `else` branches. One-action branches each start a line of their own, indented under the rule (the
   * rule and its branches stay on one line when all are one-action and fit); a branch after a block follows its
   * `}` on the same line, as in `} else {`.
   */
  private withElse(first: Doc, rule: ast.Rule): Doc {
    const branches = rule.elseBranches ?? [];
    if (branches.length === 0) return first;
    const out: Doc[] = [first];
    let run: Doc[] | undefined;
    let previousBlock = rule.block;
    for (const branch of branches) {
      const doc = this.print(branch);
      if (previousBlock) (run ?? out).push(" ", doc);
      else {
        run = [line, doc];
        out.push(indent(run));
      }
      previousBlock = branch.block;
    }
    return rule.block || branches.some((b) => b.block) ? out : group(out);
  }

  /** `else [when CONDITION] ACTION`, the action on its own line when too long; or `else [when CONDITION] { ... }`. */
  private elseBranch(branch: ast.ElseBranch): Doc {
    const block = this.comments.blockOf(branch);
    const dangling = this.dangling(branch);
    if (!block) {
      const action = branch.actions[0];
      // As on a rule, the condition's own-line comments introduce the `when`, so they go above the keyword.
      const when: Doc = branch.condition ? (({ leading, body, trailing }) => [" ", ...leading, "when ", body, ...trailing])(this.parts(branch.condition)) : "";
      return group(["else", ...dangling, when, indent(action ? [line, this.print(action)] : "")]);
    }
    const blockComments = this.comments.of(block);
    if (!branch.condition) {
      const opening = sortByPosition([...this.comments.of(branch).dangling, ...blockComments.leading, ...blockComments.dangling]);
      return ["else ", this.block(branch.actions, opening), ...blockComments.trailing.map(commentDoc)];
    }
    // As in a block rule, comments that end the condition's line move inside the braces.
    const { leading, body } = this.parts(branch.condition);
    const opening = sortByPosition([...this.comments.of(branch.condition).trailing, ...blockComments.leading, ...blockComments.dangling]);
    return ["else", ...dangling, " ", ...leading, "when ", body, " ", this.block(branch.actions, opening), ...blockComments.trailing.map(commentDoc)];
  }

  /**
   * `for host "x" {`, the rules and scopes inside indented one level, `}`. Comments after the value (before `{`,
   * or the only ones in an empty block) go on lines of their own right after `{`, so they stay inside the block.
   */
  private scope(scope: ast.Scope): Doc {
    const value = this.comments.of(scope.value);
    // Comments inside the head (`for # x` or before the value) go on lines of their own before it: the head stays one line.
    const inHead = sortByPosition([...this.comments.of(scope).dangling, ...value.leading]).map((c) => comment(c.comment.text, true));
    const head: Doc = [...inHead, "for", ` ${scope.target} `, this.body(scope.value)];
    const pieces = this.pieces(scope.statements);
    if (pieces.length === 0 && value.trailing.length === 0) return [head, " {}"];
    const inner = pieces.length === 0 ? [] : [hardline, this.stack(pieces)];
    // On lines of their own: after `{` they would belong to the first rule on the next format.
    return [head, " {", indent([...value.trailing.map((c) => comment(c.comment.text, true)), ...inner]), hardline, "}"];
  }

  /** `{`, one action per line, `}`; blank lines between actions are kept (one at most). */
  private block(actions: readonly ast.Action[], opening: readonly PlacedComment[]): Doc {
    const pieces = this.pieces(actions);
    if (pieces.length === 0 && opening.length === 0) return "{}";
    const inner = pieces.length === 0 ? [] : [hardline, this.stack(pieces)];
    return ["{", indent([...opening.map(commentDoc), ...inner]), hardline, "}"];
  }

  private respond(respond: ast.Respond): Doc {
    const headers = this.comments.headersOf(respond);
    const headerComments = headers ? this.comments.of(headers) : undefined;
    const ownComments = headerComments ? [...headerComments.leading, ...headerComments.dangling] : [];
    // `with {}` says nothing; it is dropped unless it holds comments.
    const withHeaders = headers !== undefined && (respond.headers.length > 0 || ownComments.length > 0);
    const last = respond.body ?? respond.status;
    const { leading, body, trailing } = this.parts(last);
    // As in a block rule, a comment that ends the line before `{` moves inside the braces.
    const lastDoc = [...leading, body, ...(withHeaders ? [] : trailing)];
    const parts: Doc[] = ["respond", ...this.dangling(respond), " ", respond.body ? [this.print(respond.status), " "] : "", lastDoc];
    if (withHeaders) {
      const opening = sortByPosition([...this.comments.of(last).trailing, ...ownComments]);
      parts.push(" with ", this.bracketed("{", "}", respond.headers, opening, { spaced: true, trailingComma: true }));
    }
    return parts;
  }

  /**
   * A bracketed, comma-separated list: on one line if it fits, else one item per line with a trailing comma
   * (where the grammar allows one). `opening` comments go right after the opening bracket.
   */
  private bracketed(
    open: string,
    close: string,
    items: readonly AttachableNode[],
    opening: readonly PlacedComment[],
    style: { spaced: boolean; trailingComma: boolean },
  ): Doc {
    if (items.length === 0 && opening.length === 0) return open + close;
    const edge = style.spaced ? line : softline;
    const docs = items.map((item, i) => {
      const { leading, body, trailing } = this.parts(item);
      const last = i === items.length - 1;
      // The comma goes before the item's trailing comments, which would otherwise swallow it.
      const separator = last ? (style.trailingComma ? ifBreak(",") : "") : ",";
      return [...leading, body, separator, ...trailing, last ? "" : line];
    });
    const inner = items.length === 0 ? [] : [edge, docs];
    return group([open, indent([...opening.map(commentDoc), ...inner]), edge, close]);
  }

  /**
   * `a - b * c`. Parentheses the source had are Paren nodes and print as they are; these are only added where a
   * tree built by a tool would otherwise print as a different tree: a looser operand (`(a + b) * c`), or one of
   * the same level on the right (`a - (b - c)`), since arithmetic associates to the left.
   */
  private arithmetic(node: ast.Binary): Doc {
    const operand = (child: ast.Expression, right: boolean): Doc => {
      const body = this.print(child);
      if (child.kind !== "Binary") return body;
      const inner = arithmeticLevel(child.op);
      const outer = arithmeticLevel(node.op);
      return inner < outer || (right && inner === outer) ? ["(", body, ")"] : body;
    };
    return [operand(node.left, false), ` ${node.op} `, operand(node.right, true)];
  }

  /**
   * A run of the same `and` / `or`: on one line if it fits, else one operand per line, each continuation line
   * starting with the operator.
   */
  private logical(node: ast.Binary): Doc {
    const { first, rest } = this.chain(node);
    return group([first, indent(rest)]);
  }

  /** Flattens `a and b and c` (left-nested in the AST) into its operands, keeping comments of inner nodes. */
  private chain(node: ast.Binary): Chain {
    const left = node.left;
    let chain: Chain;
    if (left.kind === "Binary" && left.op === node.op) {
      const inner = this.chain(left);
      // Only the comments of `left`: its body is `inner`, and printing it again would double the work per level.
      const { leading, trailing } = this.attachedComments(left);
      chain = { first: [...leading, inner.first], rest: [...inner.rest, ...trailing] };
    } else {
      chain = { first: this.print(left), rest: [] };
    }
    // Own-line comments before an operand introduce its line, so they go above the operator.
    const right = this.parts(node.right);
    return { first: chain.first, rest: [...chain.rest, line, ...right.leading, `${node.op} `, right.body, ...right.trailing] };
  }

  private reference(node: ast.Reference): Doc {
    const path = join(".", node.segments.map((segment) => this.print(segment)));
    if (!node.key) return path;
    return [path, "[", ...this.dangling(node), this.print(node.key), "]"];
  }

  /** Strings are one line: interpolations are printed flat, whatever their length. */
  private template(node: ast.TemplateString): string {
    const parts = node.parts.map((part) => (part.kind === "TemplateText" ? escapeText(part.value) : "${" + layout(this.body(part), Infinity) + "}"));
    return `"${parts.join("")}"`;
  }

  private regex(node: ast.RegexLiteral): string {
    // A pattern no valid file produces cannot be respelled; the source spelling is then the faithful one.
    return `"${escapeRegex(node.pattern) ?? this.text.slice(node.span.start + 1, node.span.end - 1)}"`;
  }

  /** Statements or actions with their comments, one piece per output line group. */
  private pieces(nodes: readonly AttachableNode[]): Piece[] {
    const pieces: Piece[] = [];
    for (const node of nodes) {
      const { leading, trailing } = this.comments.of(node);
      pieces.push(...leading.map((c) => this.commentPiece(c)));
      // A comment on the node's last line stays there; the ones below it become lines of their own.
      const sameLine = trailing.findIndex((c) => c.ownLine);
      const endOfLine = sameLine === -1 ? trailing : trailing.slice(0, sameLine);
      const below = sameLine === -1 ? [] : trailing.slice(sameLine);
      const end = Math.max(node.span.end, ...endOfLine.map((c) => c.comment.span.end));
      pieces.push({ doc: [this.body(node), ...endOfLine.map(commentDoc)], start: node.span.start, end });
      pieces.push(...below.map((c) => this.commentPiece(c)));
    }
    return pieces;
  }

  private commentPiece(placed: PlacedComment): Piece {
    return { doc: comment(placed.comment.text, true), start: placed.comment.span.start, end: placed.comment.span.end };
  }

  /** Pieces one per line, with one empty line wherever the source had at least one. */
  private stack(pieces: readonly Piece[]): Doc {
    return pieces.map((piece, i) => {
      if (i === 0) return piece.doc;
      const blank = this.comments.blankLineBetween(pieces[i - 1]!.end, piece.start);
      return [blank ? [hardline, hardline] : hardline, piece.doc];
    });
  }
}

/** How tightly an operator binds among those that can stand inside arithmetic: comparisons and logic bind looser. */
function arithmeticLevel(op: ast.BinaryOperator): number {
  if (op === "*" || op === "/" || op === "%") return 2;
  if (op === "+" || op === "-") return 1;
  return 0;
}

function commentDoc(placed: PlacedComment): Doc {
  return comment(placed.comment.text, placed.ownLine);
}

function sortByPosition(comments: PlacedComment[]): PlacedComment[] {
  return comments.sort((a, b) => a.comment.span.start - b.comment.span.start);
}
