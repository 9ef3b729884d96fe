import type * as ast from "./ast.js";
import { declarations } from "./walk.js";

/**
 * Attaches each comment of a file to a node, so the printer can put it back next to the code it talks about.
 * The method is Prettier's: find the smallest node that encloses the comment, then the children just before and
 * just after it.
 *
 * - A comment on a line of its own is *leading* for the code after it, or *trailing* for the code before it when
 *   nothing follows (a remark at the end of a block or file).
 * - A comment after code on the same line is *trailing* for that code.
 * - A comment after code but with no child before it, as in `{ # why` or `deny # why`, is *dangling*: the
 *   enclosing node prints it after its opening bracket or keyword. So is a comment in an empty `{ }` or `[ ]`.
 *
 * Two places have no AST node but need one, because comments inside them belong there and not to the code
 * around them: the braces of a rule block and those of `respond ... with { }`. They get synthetic nodes.
 */

/** The braces of a rule or `else` branch written with `{ }`. */
export interface BlockNode {
  readonly kind: "Block";
  readonly span: ast.Span;
  readonly actions: readonly ast.Action[];
}

/** The braces after `respond ... with`. */
export interface ResponseHeadersNode {
  readonly kind: "ResponseHeaders";
  readonly span: ast.Span;
  readonly respond: ast.Respond;
}

export type AttachableNode = ast.Node | BlockNode | ResponseHeadersNode;

export interface PlacedComment {
  readonly comment: ast.Comment;
  /** Only white space precedes it on its line in the source. */
  readonly ownLine: boolean;
}

export interface AttachedComments {
  readonly leading: PlacedComment[];
  readonly trailing: PlacedComment[];
  readonly dangling: PlacedComment[];
}

const NONE: AttachedComments = { leading: [], trailing: [], dangling: [] };

export class CommentMap {
  private readonly attached = new Map<AttachableNode, AttachedComments>();
  private readonly blocks = new Map<ast.Rule | ast.ElseBranch, BlockNode>();
  private readonly headers = new Map<ast.Respond, ResponseHeadersNode | null>();

  constructor(
    private readonly text: string,
    program: ast.Program,
  ) {
    for (const comment of program.comments) this.attach(program, comment);
  }

  of(node: AttachableNode): AttachedComments {
    return this.attached.get(node) ?? NONE;
  }

  /** The synthetic node for the braces of a block rule or `else` branch; undefined for a one-action one. */
  blockOf(owner: ast.Rule | ast.ElseBranch): BlockNode | undefined {
    if (!owner.block) return undefined;
    let block = this.blocks.get(owner);
    if (block === undefined) {
      const head = owner.condition?.span.end ?? (owner.kind === "Rule" ? owner.phase.span.end : owner.span.start + "else".length);
      const open = this.findOpenBrace(head, owner.span.end);
      // A rule's span runs on over its `else` branches: its own braces close at the first `}` after its actions.
      const last = owner.actions[owner.actions.length - 1];
      const end = owner.kind === "Rule" && owner.elseBranches !== undefined ? this.findCloseBrace(last?.span.end ?? open + 1, owner.span.end) : owner.span.end;
      block = { kind: "Block", span: { start: open, end }, actions: owner.actions };
      this.blocks.set(owner, block);
    }
    return block;
  }

  /** The synthetic node for `with { }`; undefined when the response has no `with`. */
  headersOf(respond: ast.Respond): ResponseHeadersNode | undefined {
    let headers = this.headers.get(respond);
    if (headers === undefined) {
      const before = (respond.body ?? respond.status).span.end;
      // Without `with`, the action ends at its last expression; `with {}` makes it end at the `}`.
      headers = respond.span.end > before ? { kind: "ResponseHeaders", span: { start: this.findOpenBrace(before, respond.span.end), end: respond.span.end }, respond } : null;
      this.headers.set(respond, headers);
    }
    return headers ?? undefined;
  }

  /** Whether the source has an empty line between two offsets (white space, `;` or `,` between them). */
  blankLineBetween(from: number, to: number): boolean {
    let lineIsEmpty = false;
    for (let i = from; i < to; i++) {
      const c = this.text[i]!;
      if (c === "\n") {
        if (lineIsEmpty) return true;
        lineIsEmpty = true;
      } else if (c !== " " && c !== "\t" && c !== "\r" && c !== "\uFEFF") {
        lineIsEmpty = false;
      }
    }
    return false;
  }

  private attach(program: ast.Program, comment: ast.Comment): void {
    let enclosing: AttachableNode = program;
    let children = this.childrenOf(enclosing, comment);
    for (;;) {
      const inner = children.find((child) => child.span.start <= comment.span.start && comment.span.end <= child.span.end);
      if (inner === undefined) break;
      enclosing = inner;
      children = this.childrenOf(enclosing, comment);
    }
    const preceding = children.filter((child) => child.span.end <= comment.span.start).pop();
    const following = children.find((child) => child.span.start >= comment.span.end);
    const placed: PlacedComment = { comment, ownLine: this.startsLine(comment.span.start) };
    // A comment after an operator or keyword, as in `a and # why`, belongs with what follows that token: printed
    // before the next operand it lands after the token again. Right after an operand (or a `,` / `;`, which the
    // printer keeps next to the operand or drops) it trails that operand.
    if (following && (placed.ownLine || (preceding && this.tokenBetween(preceding.span.end, comment.span.start)))) {
      this.slot(following).leading.push(placed);
      return;
    }
    // In `a\n# x\n, # y\n b`, `# x` went to `b` before `# y` was seen; but `# y` is printed with `a`, before
    // anything of `b`. So that comments keep their order, `# x` moves along with `# y`.
    const earlier = following ? (this.attached.get(following)?.leading.splice(0) ?? []) : [];
    if (preceding) this.slot(preceding).trailing.push(...earlier, placed);
    else this.slot(enclosing).dangling.push(...earlier, placed);
  }

  /** The children a comment inside `node` can attach to, in source order. */
  private childrenOf(node: AttachableNode, comment: ast.Comment): AttachableNode[] {
    const present = (...nodes: (AttachableNode | undefined)[]) => nodes.filter((n): n is AttachableNode => n !== undefined);
    switch (node.kind) {
      case "Program":
        return [...declarations(node)];
      case "Import":
        return [node.path];
      case "ParamDecl":
        return [node.name, node.value];
      case "Scope":
        return [node.value, ...node.statements];
      case "Rule":
        return present(node.name, node.phase, node.condition, node.block ? this.blockOf(node) : node.actions[0], ...(node.elseBranches ?? []));
      case "ElseBranch":
        return present(node.condition, node.block ? this.blockOf(node) : node.actions[0]);
      case "Block":
        return [...node.actions];
      case "HeaderAssign":
        return [node.name, node.value];
      case "HeaderRemove":
        return [node.name];
      case "HeaderRemovePrefix":
        return [node.prefix];
      case "HeaderRename":
      case "RewritePrefix":
        return [node.from, node.to];
      case "RewritePath":
        return [node.value];
      case "QueryParam":
        return present(node.key, node.value);
      case "Deny":
        return present(node.status, node.body);
      case "Respond":
        return present(node.status, node.body, this.headersOf(node));
      case "ResponseHeaders":
        return [...node.respond.headers];
      case "HeaderEntry":
        return [node.name, node.value];
      case "Redirect":
        return present(node.status, node.location);
      case "Log":
        return [node.level, node.message];
      case "Count":
        return present(node.name, node.by);
      case "CountLabel":
        return present(node.value, node.only, node.limit);
      case "Observe":
      case "Let":
        return [node.name, node.value];
      case "Replace":
        return [node.target, node.value];
      case "Binary":
        return [node.left, node.right];
      case "Not":
        return [node.operand];
      case "Paren":
        return [node.expression];
      case "Call":
        // Inside the parentheses a comment belongs to the arguments: `exists( # why` opens the argument list.
        return comment.span.start > node.callee.span.end ? [...node.args] : [node.callee, ...node.args];
      case "Reference":
        // Likewise inside `[ ]`, the key is the only candidate.
        return node.key && comment.span.start > node.segments[node.segments.length - 1]!.span.end ? [node.key] : present(...node.segments, node.key);
      case "ListLiteral":
        return [...node.items];
      default:
        // Strings, literals and names are single tokens: no comment can be inside them.
        return [];
    }
  }

  private slot(node: AttachableNode): AttachedComments {
    let slot = this.attached.get(node);
    if (slot === undefined) {
      slot = { leading: [], trailing: [], dangling: [] };
      this.attached.set(node, slot);
    }
    return slot;
  }

  private startsLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text[i];
      if (c === "\n" || c === "\r") return true;
      if (c !== " " && c !== "\t" && c !== "\uFEFF") return false;
    }
    return true;
  }

  /** Whether code other than separators lies between two offsets. */
  private tokenBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text[i]!;
      if (c === "#") while (i < to && this.text[i] !== "\n" && this.text[i] !== "\r") i++;
      else if (!/[\s,;\uFEFF]/.test(c)) return true;
    }
    return false;
  }

  /** The offset just past the first `}` in a gap that holds only white space, `;` and comments. */
  private findCloseBrace(from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const c = this.text[i];
      if (c === "}") return i + 1;
      if (c === "#") while (i < to && this.text[i] !== "\n" && this.text[i] !== "\r") i++;
    }
    return to;
  }

  /** The offset of the first `{` in a gap that holds only white space, comments and keywords. */
  private findOpenBrace(from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const c = this.text[i];
      if (c === "{") return i;
      if (c === "#") while (i < to && this.text[i] !== "\n" && this.text[i] !== "\r") i++;
    }
    // Unreachable for a program without syntax errors; the end keeps the span well formed regardless.
    return to;
  }
}
