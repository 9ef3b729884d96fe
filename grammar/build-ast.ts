import type { CstNode, IToken } from "chevrotain";
import type * as ast from "./ast.js";
import { SCOPE_TARGETS } from "./ast.js";
import type * as cst from "./cst.js";
import { error, type Diagnostic } from "./diagnostic.js";
import { lex } from "./lexer.js";
import { scanNesting } from "./limits.js";
import { grammarParser, parseTokens } from "./parser.js";
import { decodeRegex, decodeString, type StringPart, type StringToken } from "./string-decoder.js";
import { closestWord } from "./suggest.js";
import { badFailureChoice, badTimeout, dayWithoutVia, emptyCluster, GLOBAL_ONLY_UNIT, localClauseWithVia, timeoutMs } from "./global-limit-syntax.js";
import { authorizeBadFailureChoice, authorizeBadTimeout, authorizeEmptyCluster, badHeaderName, headerNameNotLiteral, headersWordMissing, isLowercaseHeaderName } from "./authorize-syntax.js";
import { LIMIT_UNITS, limitHeadersNotOff, limitWithoutPer, unknownLimitUnit } from "./limit-syntax.js";
import { toDiagnostics } from "./syntax-errors.js";
import type { StringPayload } from "./tokens.js";

/**
 * CST -> AST. The CST may be partial after error recovery (missing children, tokens inserted with NaN offsets),
 * so every builder returns `undefined` when a required part is missing and the parent decides what survives:
 * an action without its value is dropped, a rule keeps the actions that did parse. The file has errors in that
 * case, so the AST only has to be useful (for outlines, further checks), not complete.
 *
 * Spans are absolute offsets. `base` is added to every token offset because the inside of each `${...}` is
 * lexed and parsed on its own, with offsets relative to that inner text.
 */

const BaseVisitor = grammarParser().getBaseCstVisitorConstructor();

type Maybe<T> = T | undefined;

/** The comparison-level operators as written; `matches` is handled apart because its operand is a regex. */
const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">=", "contains", "starts_with", "ends_with", "in"]);

/** The operators `any` may follow: `contains any PARAM` is true when the value contains any item of the list. */
const ANY_OPERATORS: ReadonlySet<string> = new Set(["contains", "starts_with", "ends_with"]);

/** A comparison tail: the operator and its right operand, folded onto the left operand by `comparison`. */
interface Tail {
  readonly op: ast.BinaryOperator;
  readonly opSpan: ast.Span;
  readonly right: Maybe<ast.Expression>;
}

class AstBuilder extends BaseVisitor implements cst.RuleFileCstVisitor<undefined, unknown> {
  private base = 0;
  private diagnostics: Diagnostic[] = [];
  /** The nesting level of each string token being built (limits.ts): a `${...}` inside starts one deeper. */
  private stringLevels = new Map<IToken, number>();

  constructor() {
    super();
    this.validateVisitor();
  }

  /** Builds the statements of a file; diagnostics found while building (strings, chains) go to `diagnostics`. */
  buildProgram(node: cst.ProgramCstNode, diagnostics: Diagnostic[], stringLevels: Map<IToken, number>): (ast.Statement | ast.Import)[] {
    this.base = 0;
    this.diagnostics = diagnostics;
    this.stringLevels = stringLevels;
    return this.program(node.children);
  }

  /** Builds a lone expression parsed with the `interpolation` entry rule. */
  buildExpression(node: CstNode, diagnostics: Diagnostic[], stringLevels: Map<IToken, number>): Maybe<ast.Expression> {
    this.base = 0;
    this.diagnostics = diagnostics;
    this.stringLevels = stringLevels;
    return this.interpolation((node as cst.InterpolationCstNode).children);
  }

  program(ctx: cst.ProgramCstChildren): (ast.Statement | ast.Import)[] {
    return defined((ctx.statement ?? []).map((s) => this.statement(s.children)));
  }

  statement(ctx: cst.StatementCstChildren): Maybe<ast.Statement | ast.Import> {
    const param = first(ctx.paramDecl);
    if (param) return this.paramDecl(param.children);
    const importDecl = first(ctx.importDecl);
    if (importDecl) return this.importDecl(importDecl.children);
    const rule = first(ctx.ruleDecl);
    if (rule) return this.ruleDecl(rule.children);
    const scope = first(ctx.scopeDecl);
    return scope && this.scopeDecl(scope.children);
  }

  scopeItem(ctx: cst.ScopeItemCstChildren): Maybe<ast.Rule | ast.Scope> {
    const rule = first(ctx.ruleDecl);
    if (rule) return this.ruleDecl(rule.children);
    const inner = first(ctx.scopeDecl);
    if (inner) return this.scopeDecl(inner.children);
    const param = first(ctx.paramDecl);
    const keyword = param && real(param.children.Param);
    if (keyword) {
      this.diagnostics.push(
        error(
          "E0132",
          this.span(keyword),
          "a param cannot be declared inside a `for` block: params are file-wide",
          "move this `param` to the top level of the file, outside every `for`; the rules inside can still use it",
        ),
      );
    }
    return undefined;
  }

  scopeDecl(ctx: cst.ScopeDeclCstChildren): Maybe<ast.Scope> {
    const keyword = real(ctx.For);
    const words = (ctx.Name ?? []).filter((token) => real([token]) !== undefined);
    const valueToken = real(ctx.StringLiteral);
    const close = real(ctx.RCurly);
    if (!keyword || words.length === 0 || !valueToken || !close) return undefined;
    const written = words.map((w) => w.image).join(" ");
    const targetSpan = this.between(words[0]!, this.span(words[words.length - 1]!));
    const target = SCOPE_TARGETS.find((t) => t === written);
    if (target === undefined) {
      this.diagnostics.push(unknownScopeTarget(targetSpan, written));
      return undefined;
    }
    const value = this.constantString(valueToken, `a ${target}`);
    if (!value) return undefined;
    const statements = defined((ctx.scopeItem ?? []).map((item) => this.scopeItem(item.children)));
    return { kind: "Scope", span: this.between(keyword, this.span(close)), target, targetSpan, value, statements };
  }

  paramDecl(ctx: cst.ParamDeclCstChildren): Maybe<ast.ParamDecl> {
    const keyword = real(ctx.Param);
    const name = this.identifier(real(ctx.Identifier));
    const value = this.expr(ctx.expression);
    if (!keyword || !name || !value) return undefined;
    return { kind: "ParamDecl", span: this.between(keyword, value.span), name, value };
  }

  importDecl(ctx: cst.ImportDeclCstChildren): Maybe<ast.Import> {
    const keyword = real(ctx.Import);
    const token = real(ctx.StringLiteral);
    if (!keyword || !token) return undefined;
    const path = this.constantString(token, "an import path");
    return { kind: "Import", span: this.between(keyword, path.span), path };
  }

  ruleDecl(ctx: cst.RuleDeclCstChildren): Maybe<ast.Rule> {
    const start = real(ctx.Rule) ?? real(ctx.On);
    const phase = this.identifier(real(ctx.Identifier));
    if (!start || !phase) return undefined;
    const nameToken = real(ctx.Rule) && real(ctx.StringLiteral);
    const name = nameToken && this.constantString(nameToken, "a rule name");
    const shadowToken = real(ctx.Shadow);
    if (shadowToken && !real(ctx.Rule)) this.diagnostics.push(unnamedShadowRule(this.span(shadowToken)));
    const shadow = shadowToken && nameToken ? { span: this.span(shadowToken) } : undefined;
    const condition = real(ctx.When) ? this.expr(ctx.expression) : undefined;
    const blockNode = first(ctx.actionBlock);
    const block = blockNode && this.actionBlock(blockNode.children);
    const single = first(ctx.action);
    const singleAction = single && this.action(single.children);
    const actions = block ? block.actions : singleAction ? [singleAction] : [];
    const elseBranches = defined((ctx.elseClause ?? []).map((e) => this.elseClause(e.children)));
    const lastBranch = elseBranches[elseBranches.length - 1];
    const end = lastBranch?.span ?? block?.span ?? actions[actions.length - 1]?.span ?? condition?.span ?? phase.span;
    return {
      kind: "Rule",
      span: this.between(start, end),
      ...(name && { name }),
      ...(shadow && { shadow }),
      phase,
      ...(condition && { condition }),
      actions,
      block: blockNode !== undefined,
      ...(elseBranches.length > 0 && { elseBranches }),
    };
  }

  elseClause(ctx: cst.ElseClauseCstChildren): Maybe<ast.ElseBranch> {
    const keyword = real(ctx.Else);
    if (!keyword) return undefined;
    const condition = real(ctx.When) ? this.expr(ctx.expression) : undefined;
    const blockNode = first(ctx.actionBlock);
    const block = blockNode && this.actionBlock(blockNode.children);
    const single = first(ctx.action);
    const singleAction = single && this.action(single.children);
    const actions = block ? block.actions : singleAction ? [singleAction] : [];
    const end = block?.span ?? actions[actions.length - 1]?.span ?? condition?.span ?? this.span(keyword);
    return {
      kind: "ElseBranch",
      span: this.between(keyword, end),
      ...(condition && { condition }),
      actions,
      block: blockNode !== undefined,
    };
  }

  actionBlock(ctx: cst.ActionBlockCstChildren): Maybe<{ actions: ast.Action[]; span: ast.Span }> {
    const open = real(ctx.LCurly);
    if (!open) return undefined;
    const actions = defined((ctx.action ?? []).map((a) => this.action(a.children)));
    const close = real(ctx.RCurly);
    const end = close ? this.span(close) : (actions[actions.length - 1]?.span ?? this.span(open));
    return { actions, span: this.between(open, end) };
  }

  action(ctx: cst.ActionCstChildren): Maybe<ast.Action> {
    return (
      this.node(ctx.headerAssign, (c) => this.headerAssign(c)) ??
      this.node(ctx.headerRemove, (c) => this.headerRemove(c)) ??
      this.node(ctx.headerRename, (c) => this.headerRename(c)) ??
      this.node(ctx.rewrite, (c) => this.rewrite(c)) ??
      this.node(ctx.deny, (c) => this.deny(c)) ??
      this.node(ctx.respond, (c) => this.respond(c)) ??
      this.node(ctx.redirect, (c) => this.redirect(c)) ??
      this.node(ctx.log, (c) => this.log(c)) ??
      this.node(ctx.stop, (c) => this.stop(c)) ??
      this.node(ctx.letVariable, (c) => this.letVariable(c)) ??
      this.node(ctx.count, (c) => this.count(c)) ??
      this.node(ctx.observe, (c) => this.observe(c)) ??
      this.node(ctx.replace, (c) => this.replace(c)) ??
      this.node(ctx.limit, (c) => this.limit(c)) ??
      this.node(ctx.authorize, (c) => this.authorize(c))
    );
  }

  headerAssign(ctx: cst.HeaderAssignCstChildren): Maybe<ast.HeaderAssign | ast.QueryParam> {
    const keyword = real(ctx.Set) ?? real(ctx.Add) ?? real(ctx.SetDefault);
    const query = real(ctx.Query) !== undefined;
    const nameToken = real(ctx.StringLiteral);
    const name = nameToken && this.constantString(nameToken, query ? "a query parameter name" : "a header name");
    const value = this.expr(ctx.expression);
    if (!keyword || !name || !value) return undefined;
    if (query) return { kind: "QueryParam", span: this.between(keyword, value.span), op: "set", key: name, value };
    const op = keyword.image as ast.HeaderAssign["op"];
    return { kind: "HeaderAssign", span: this.between(keyword, value.span), op, name, value };
  }

  headerRemove(ctx: cst.HeaderRemoveCstChildren): Maybe<ast.HeaderRemove | ast.HeaderRemovePrefix | ast.QueryParam> {
    const keyword = real(ctx.Remove);
    const token = real(ctx.StringLiteral);
    if (!keyword || !token) return undefined;
    if (real(ctx.Query)) {
      const key = this.constantString(token, "a query parameter name");
      return { kind: "QueryParam", span: this.between(keyword, key.span), op: "remove", key };
    }
    const prefix = real(ctx.Prefix) !== undefined;
    const name = this.constantString(token, prefix ? "a header prefix" : "a header name");
    const span = this.between(keyword, name.span);
    return prefix ? { kind: "HeaderRemovePrefix", span, prefix: name } : { kind: "HeaderRemove", span, name };
  }

  headerRename(ctx: cst.HeaderRenameCstChildren): Maybe<ast.HeaderRename> {
    const keyword = real(ctx.Rename);
    const [fromToken, toToken] = (ctx.StringLiteral ?? []).filter(isReal);
    if (!keyword || !fromToken || !toToken || !real(ctx.To)) return undefined;
    const from = this.constantString(fromToken, "a header name");
    const to = this.constantString(toToken, "a header name");
    return { kind: "HeaderRename", span: this.between(keyword, to.span), from, to };
  }

  rewrite(ctx: cst.RewriteCstChildren): Maybe<ast.RewritePath | ast.RewritePrefix> {
    const keyword = real(ctx.Rewrite);
    const value = this.expr(ctx.expression);
    if (!keyword || !value) return undefined;
    const span = this.between(keyword, value.span);
    if (real(ctx.Path)) return { kind: "RewritePath", span, value };
    const fromToken = real(ctx.StringLiteral);
    if (!fromToken) return undefined;
    return { kind: "RewritePrefix", span, from: this.constantString(fromToken, "a path prefix"), to: value };
  }

  deny(ctx: cst.DenyCstChildren): Maybe<ast.Deny> {
    const keyword = real(ctx.Deny);
    const [status, body] = this.exprs(ctx.expression);
    if (!keyword || !status) return undefined;
    const span = this.between(keyword, (body ?? status).span);
    return body ? { kind: "Deny", span, status, body } : { kind: "Deny", span, status };
  }

  respond(ctx: cst.RespondCstChildren): Maybe<ast.Respond> {
    const keyword = real(ctx.Respond);
    const [status, body] = this.exprs(ctx.expression);
    if (!keyword || !status) return undefined;
    const headersNode = real(ctx.With) ? first(ctx.responseHeaders) : undefined;
    const headers = headersNode && this.responseHeaders(headersNode.children);
    const span = this.between(keyword, headers?.span ?? (body ?? status).span);
    const entries = headers?.entries ?? [];
    return body ? { kind: "Respond", span, status, body, headers: entries } : { kind: "Respond", span, status, headers: entries };
  }

  responseHeaders(ctx: cst.ResponseHeadersCstChildren): Maybe<{ entries: ast.HeaderEntry[]; span: ast.Span }> {
    const open = real(ctx.LCurly);
    if (!open) return undefined;
    const entries = defined((ctx.headerEntry ?? []).map((e) => this.headerEntry(e.children)));
    const close = real(ctx.RCurly);
    const end = close ? this.span(close) : (entries[entries.length - 1]?.span ?? this.span(open));
    return { entries, span: this.between(open, end) };
  }

  headerEntry(ctx: cst.HeaderEntryCstChildren): Maybe<ast.HeaderEntry> {
    const token = real(ctx.StringLiteral);
    const value = this.expr(ctx.expression);
    if (!token || !value) return undefined;
    const name = this.constantString(token, "a header name");
    return { kind: "HeaderEntry", span: this.between(token, value.span), name, value };
  }

  redirect(ctx: cst.RedirectCstChildren): Maybe<ast.Redirect> {
    const keyword = real(ctx.Redirect);
    const [a, b] = this.exprs(ctx.expression);
    if (!keyword || !a) return undefined;
    if (!b) return { kind: "Redirect", span: this.between(keyword, a.span), location: a };
    return { kind: "Redirect", span: this.between(keyword, b.span), status: a, location: b };
  }

  log(ctx: cst.LogCstChildren): Maybe<ast.Log> {
    const keyword = real(ctx.Log);
    const level = this.identifier(real(ctx.Identifier));
    const message = this.expr(ctx.expression);
    if (!keyword || !level || !message) return undefined;
    return { kind: "Log", span: this.between(keyword, message.span), level, message };
  }

  letVariable(ctx: cst.LetVariableCstChildren): Maybe<ast.Let> {
    const keyword = real(ctx.Let);
    const name = this.identifier(real(ctx.Identifier));
    const value = this.expr(ctx.expression);
    if (!keyword || !name || !value) return undefined;
    return { kind: "Let", span: this.between(keyword, value.span), name, value };
  }

  count(ctx: cst.CountCstChildren): Maybe<ast.Count> {
    const keyword = real(ctx.Count);
    const [by, bound] = (ctx.Identifier ?? []).filter(isReal);
    const nameToken = real(ctx.StringLiteral);
    if (!keyword || !nameToken) return undefined;
    const name = this.constantString(nameToken, "a metric name");
    if (!by) return { kind: "Count", span: this.between(keyword, name.span), name };
    const value = this.expr(ctx.expression);
    if (!value) return undefined;
    const only = bound?.image === "only" ? this.node(ctx.list, (c) => this.list(c)) : undefined;
    const limitToken = bound?.image === "limit" ? real(ctx.IntLiteral) : undefined;
    const limit = limitToken && this.int(limitToken);
    const end = only?.span ?? limit?.span ?? value.span;
    const label: ast.CountLabel = { kind: "CountLabel", span: this.between(by, end), value, ...(only && { only }), ...(limit && { limit }) };
    return { kind: "Count", span: this.between(keyword, end), name, by: label };
  }

  limit(ctx: cst.LimitCstChildren): Maybe<ast.Limit> {
    const keyword = real(ctx.Limit);
    const words = (ctx.Identifier ?? []).filter(isReal);
    const [rate, burst] = (ctx.limitAmount ?? []).map((node) => this.limitAmount(node.children));
    const per = words[0];
    if (!keyword || !per || !rate) return undefined;
    if (per.image !== "per") {
      this.diagnostics.push(limitWithoutPer(this.span(per), per.image));
      return undefined;
    }
    // The parser leaves the unit out when a clause's word follows `per` at once.
    const unit = ctx.Identifier!.length > 1 && !["by", "burst", "buckets", "headers"].includes(words[1]?.image ?? "") ? words[1] : undefined;
    const viaNode = ctx.limitVia?.[0];
    if (!unit || !(LIMIT_UNITS.includes(unit.image) || (viaNode !== undefined && unit.image === GLOBAL_ONLY_UNIT))) {
      this.diagnostics.push(unit?.image === GLOBAL_ONLY_UNIT ? dayWithoutVia(this.span(unit)) : unknownLimitUnit(unit ? this.span(unit) : this.span(per), unit?.image));
      return undefined;
    }
    const clauses = words.slice(2);
    const via = viaNode && this.limitVia(viaNode.children);
    if (viaNode && !via) return undefined;
    const local = clauses.find((c) => c.image === "burst" || c.image === "buckets" || c.image === "headers");
    if (via && local) {
      this.diagnostics.push(localClauseWithVia(this.span(local), local.image));
      return undefined;
    }
    const by = clauses.some((c) => c.image === "by") ? this.expr(ctx.expression) : undefined;
    const bucketsToken = clauses.some((c) => c.image === "buckets") ? real(ctx.IntLiteral) : undefined;
    const buckets = bucketsToken && this.int(bucketsToken);
    const headersAt = clauses.findIndex((c) => c.image === "headers");
    const off = headersAt < 0 ? undefined : clauses[headersAt + 1];
    if (headersAt >= 0 && off?.image !== "off") {
      this.diagnostics.push(limitHeadersNotOff(this.span(off ?? clauses[headersAt]!), off?.image));
      return undefined;
    }
    const offSpan = off && this.span(off);
    const ends = [this.span(unit), by?.span, burst?.span, buckets?.span, offSpan, via?.span].filter((s): s is ast.Span => s !== undefined);
    return {
      kind: "Limit",
      span: this.between(keyword, ends[ends.length - 1]!),
      rate,
      unit: this.identifier(unit)!,
      ...(by && { by }),
      ...(burst && { burst }),
      ...(buckets && { buckets }),
      ...(offSpan && { headersOff: true as const }),
      ...(via && { via }),
    };
  }

  limitVia(ctx: cst.LimitViaCstChildren): Maybe<ast.LimitVia> {
    const words = (ctx.Identifier ?? []).filter(isReal);
    const clusterToken = real(ctx.StringLiteral);
    if (!words[0] || !clusterToken) return undefined;
    const cluster = this.constantString(clusterToken, "a cluster name");
    if (cluster.value === "") {
      this.diagnostics.push(emptyCluster(cluster.span));
      return undefined;
    }
    let end = cluster.span;
    let timeout: ast.LimitVia["timeout"];
    const timeoutAt = words.findIndex((w) => w.image === "timeout");
    if (timeoutAt >= 0) {
      const number = real(ctx.IntLiteral);
      if (!number) return undefined;
      const unitToken = words[timeoutAt + 1]?.image !== "failure" ? words[timeoutAt + 1] : undefined;
      const span = this.between(words[timeoutAt]!, this.span(unitToken ?? number));
      const valueSpan = unitToken ? cover(this.span(number), this.span(unitToken)) : this.span(number);
      // As written, less any space between the number and its unit.
      const written = number.image + (unitToken?.image ?? "");
      const ms = timeoutMs(number.image, unitToken?.image);
      if (typeof ms === "string") {
        this.diagnostics.push(badTimeout(valueSpan, written, ms));
        return undefined;
      }
      timeout = { span, ms, written };
      end = span;
    }
    let failure: ast.LimitVia["failure"];
    const on = real(ctx.On);
    if (on) {
      const choice = real(ctx.Deny) ?? words.at(-1);
      const failureWord = words.find((w) => w.image === "failure")!;
      const chosen = choice !== undefined && choice !== failureWord ? choice : undefined;
      if (chosen?.image !== "allow" && chosen?.image !== "deny") {
        this.diagnostics.push(badFailureChoice(chosen ? this.span(chosen) : this.span(failureWord), chosen?.image));
        return undefined;
      }
      const span = this.between(on, this.span(chosen));
      failure = { span, choice: chosen.image };
      end = span;
    }
    return { span: this.between(words[0], end), cluster, ...(timeout && { timeout }), ...(failure && { failure }) };
  }

  authorize(ctx: cst.AuthorizeCstChildren): Maybe<ast.Authorize> {
    const keyword = real(ctx.Authorize);
    const clusterToken = real(ctx.StringLiteral);
    if (!keyword || !real(ctx.With) || !clusterToken) return undefined;
    const words = (ctx.Identifier ?? []).filter(isReal);
    const word = (image: string) => words.find((w) => w.image === image);
    const cluster = this.constantString(clusterToken, "a cluster name");
    if (cluster.value === "") {
      this.diagnostics.push(authorizeEmptyCluster(cluster.span));
      return undefined;
    }
    const ends: ast.Span[] = [cluster.span];
    const grpcWord = word("grpc");
    if (grpcWord) ends.push(this.span(grpcWord));
    let timeout: ast.Authorize["timeout"];
    const timeoutWord = word("timeout");
    if (timeoutWord) {
      const number = real(ctx.IntLiteral);
      if (!number) return undefined;
      const next = words[words.indexOf(timeoutWord) + 1];
      // The unit is the word after the number, unless that word starts a later clause (the parser left it there).
      const unitToken = next !== undefined && !["failure", "send", "copy"].includes(next.image) ? next : undefined;
      const valueSpan = unitToken ? cover(this.span(number), this.span(unitToken)) : this.span(number);
      const written = number.image + (unitToken?.image ?? "");
      const ms = timeoutMs(number.image, unitToken?.image);
      if (typeof ms === "string") {
        this.diagnostics.push(authorizeBadTimeout(valueSpan, written, ms));
        return undefined;
      }
      const span = this.between(timeoutWord, valueSpan);
      timeout = { span, ms, written };
      ends.push(span);
    }
    let failure: ast.Authorize["failure"];
    const on = real(ctx.On);
    if (on) {
      const failureWord = word("failure")!;
      const after = words[words.indexOf(failureWord) + 1];
      const choiceWord = real(ctx.Deny) ?? (after && after.image !== "send" && after.image !== "copy" ? after : undefined);
      if (choiceWord?.image !== "allow" && choiceWord?.image !== "deny") {
        this.diagnostics.push(authorizeBadFailureChoice(choiceWord ? this.span(choiceWord) : this.span(failureWord), choiceWord?.image));
        return undefined;
      }
      const span = this.between(on, this.span(choiceWord));
      failure = { span, choice: choiceWord.image };
      ends.push(span);
    }
    const lists = ctx.list ?? [];
    const sendWord = word("send");
    const copyWord = word("copy");
    const sendHeaders = sendWord && this.headerNames(sendWord, lists[0], "send", words);
    const copyHeaders = copyWord && this.headerNames(copyWord, lists[sendWord ? 1 : 0], "copy", words);
    if ((sendWord && !sendHeaders) || (copyWord && !copyHeaders)) return undefined;
    const pathToken = real(ctx.Path);
    const path = pathToken ? this.expr(ctx.expression) : undefined;
    if (pathToken && !path) return undefined;
    for (const clause of [sendHeaders?.span, path?.span, copyHeaders?.span]) if (clause) ends.push(clause);
    const end = ends.reduce((a, b) => (b.end > a.end ? b : a));
    return {
      kind: "Authorize",
      span: this.between(keyword, end),
      cluster,
      ...(grpcWord && { grpc: true as const }),
      ...(timeout && { timeout }),
      ...(failure && { failure }),
      ...(sendHeaders && { sendHeaders }),
      ...(path && { path }),
      ...(copyHeaders && { copyHeaders }),
    };
  }

  /** The names of `send headers [...]` or `copy headers [...]`: string literals, each a lowercase header name. */
  private headerNames(clauseWord: IToken, node: cst.ListCstNode | undefined, clause: string, words: readonly IToken[]): ast.HeaderNames | undefined {
    const headersWord = words[words.indexOf(clauseWord) + 1];
    if (headersWord?.image !== "headers") {
      this.diagnostics.push(headersWordMissing(this.span(clauseWord), clause));
      return undefined;
    }
    const list = node && this.list(node.children);
    if (!list) return undefined;
    const names: ast.StringLiteral[] = [];
    let ok = true;
    for (const item of list.items) {
      if (item.kind !== "StringLiteral") {
        this.diagnostics.push(headerNameNotLiteral(item.span, clause));
        ok = false;
      } else if (!isLowercaseHeaderName(item.value)) {
        this.diagnostics.push(badHeaderName(item.span, item.value, clause));
        ok = false;
      } else names.push(item);
    }
    return ok ? { span: this.between(clauseWord, list.span), names } : undefined;
  }

  limitAmount(ctx: cst.LimitAmountCstChildren): Maybe<ast.IntLiteral | ast.Reference> {
    const int = real(ctx.IntLiteral);
    if (int) return this.int(int);
    const name = this.identifier(real(ctx.Identifier));
    return name && { kind: "Reference", span: name.span, segments: [name] };
  }

  observe(ctx: cst.ObserveCstChildren): Maybe<ast.Observe> {
    const keyword = real(ctx.Observe);
    const nameToken = real(ctx.StringLiteral);
    const value = this.expr(ctx.expression);
    if (!keyword || !nameToken || !value) return undefined;
    return { kind: "Observe", span: this.between(keyword, value.span), name: this.constantString(nameToken, "a metric name"), value };
  }

  replace(ctx: cst.ReplaceCstChildren): Maybe<ast.Replace> {
    const keyword = real(ctx.Replace);
    const targetToken = real(ctx.StringLiteral);
    const value = this.expr(ctx.expression);
    if (!keyword || !targetToken || !value) return undefined;
    // After `matches` the text is a pattern, decoded as the pattern of a `matches` condition is.
    const target = real(ctx.Matches) ? this.regex(targetToken) : this.constantString(targetToken, "the text to replace");
    return { kind: "Replace", span: this.between(keyword, value.span), target, value };
  }

  stop(ctx: cst.StopCstChildren): Maybe<ast.Stop> {
    const keyword = real(ctx.Stop);
    return keyword && { kind: "Stop", span: this.span(keyword) };
  }

  expression(ctx: cst.ExpressionCstChildren): Maybe<ast.Expression> {
    const operands = (ctx.andExpression ?? []).map((n) => this.andExpression(n.children));
    return this.foldLogical(operands, ctx.Or ?? [], "or");
  }

  andExpression(ctx: cst.AndExpressionCstChildren): Maybe<ast.Expression> {
    const operands = (ctx.notExpression ?? []).map((n) => this.notExpression(n.children));
    return this.foldLogical(operands, ctx.And ?? [], "and");
  }

  notExpression(ctx: cst.NotExpressionCstChildren): Maybe<ast.Expression> {
    const keyword = real(ctx.Not);
    if (keyword) {
      const operand = this.node(ctx.notExpression, (c) => this.notExpression(c));
      return operand && { kind: "Not", span: this.between(keyword, operand.span), operand };
    }
    return this.node(ctx.comparison, (c) => this.comparison(c));
  }

  comparison(ctx: cst.ComparisonCstChildren): Maybe<ast.Expression> {
    let left = this.node(ctx.sum, (c) => this.sum(c));
    const tails = (ctx.comparisonTail ?? []).map((n) => this.comparisonTail(n.children));
    tails.forEach((tail, i) => {
      if (i === 1 && tail) {
        this.diagnostics.push(
          error(
            "E0116",
            tail.opSpan,
            `comparisons cannot be chained: \`${tail.op}\` follows another comparison`,
            "join separate comparisons with `and` or `or`, e.g. a == b and b == c",
          ),
        );
      }
      if (left && tail?.right) {
        left = { kind: "Binary", span: cover(left.span, tail.right.span), op: tail.op, opSpan: tail.opSpan, left, right: tail.right };
      }
    });
    return left;
  }

  comparisonTail(ctx: cst.ComparisonTailCstChildren): Maybe<Tail> {
    const matches = real(ctx.Matches);
    if (matches) {
      const token = real(ctx.StringLiteral);
      return { op: "matches", opSpan: this.span(matches), right: token && this.regex(token) };
    }
    const operator = real(ctx.ComparisonOperator);
    if (!operator || !COMPARISON_OPERATORS.has(operator.image)) return undefined;
    const right = this.node(ctx.sum, (c) => this.sum(c));
    const any = real(ctx.Identifier);
    if (any) {
      const opSpan = this.between(operator, this.span(any));
      if (ANY_OPERATORS.has(operator.image)) return { op: `${operator.image} any` as ast.BinaryOperator, opSpan, right };
      this.diagnostics.push(anyAfterWrongOperator(opSpan, operator.image));
    }
    return { op: operator.image as ast.BinaryOperator, opSpan: this.span(operator), right };
  }

  sum(ctx: cst.SumCstChildren): Maybe<ast.Expression> {
    const operands = (ctx.product ?? []).map((n) => this.product(n.children));
    return this.foldArithmetic(operands, ctx.AdditiveOperator ?? []);
  }

  product(ctx: cst.ProductCstChildren): Maybe<ast.Expression> {
    const operands = (ctx.primary ?? []).map((n) => this.primary(n.children));
    return this.foldArithmetic(operands, ctx.MultiplicativeOperator ?? []);
  }

  primary(ctx: cst.PrimaryCstChildren): Maybe<ast.Expression> {
    const string = real(ctx.StringLiteral);
    if (string) return this.string(string);
    const int = real(ctx.IntLiteral);
    if (int) return this.int(int);
    const bool = real(ctx.True) ?? real(ctx.False);
    if (bool) return { kind: "BoolLiteral", span: this.span(bool), value: bool.image === "true" };
    return (
      this.node(ctx.list, (c) => this.list(c)) ??
      this.node(ctx.parenthesized, (c) => this.parenthesized(c)) ??
      this.node(ctx.call, (c) => this.call(c)) ??
      this.node(ctx.reference, (c) => this.reference(c))
    );
  }

  list(ctx: cst.ListCstChildren): Maybe<ast.ListLiteral> {
    const open = real(ctx.LBracket);
    if (!open) return undefined;
    const items = defined((ctx.expression ?? []).map((e) => this.expression(e.children)));
    const close = real(ctx.RBracket);
    const end = close ? this.span(close) : (items[items.length - 1]?.span ?? this.span(open));
    return { kind: "ListLiteral", span: this.between(open, end), items };
  }

  parenthesized(ctx: cst.ParenthesizedCstChildren): Maybe<ast.Paren> {
    const open = real(ctx.LParen);
    const expression = this.expr(ctx.expression);
    if (!open || !expression) return undefined;
    const close = real(ctx.RParen);
    return { kind: "Paren", span: this.between(open, close ? this.span(close) : expression.span), expression };
  }

  call(ctx: cst.CallCstChildren): Maybe<ast.Call> {
    const callee = this.identifier(real(ctx.Identifier));
    if (!callee) return undefined;
    const args = defined((ctx.expression ?? []).map((e) => this.expression(e.children)));
    const close = real(ctx.RParen);
    const end = close ? this.span(close) : (args[args.length - 1]?.span ?? callee.span);
    return { kind: "Call", span: cover(callee.span, end), callee, args };
  }

  reference(ctx: cst.ReferenceCstChildren): Maybe<ast.Reference> {
    const head = this.identifier(real(ctx.Identifier));
    if (!head) return undefined;
    const segments = [head];
    for (const name of ctx.Name ?? []) if (isReal(name)) segments.push(this.identifier(name)!);
    let end = segments[segments.length - 1]!.span;
    if (real(ctx.LBracket)) {
      const key = this.expr(ctx.expression);
      const close = real(ctx.RBracket);
      end = close ? this.span(close) : (key?.span ?? end);
      if (key) return { kind: "Reference", span: cover(head.span, end), segments, key };
    }
    return { kind: "Reference", span: cover(head.span, end), segments };
  }

  interpolation(ctx: cst.InterpolationCstChildren): Maybe<ast.Expression> {
    return this.expr(ctx.expression);
  }

  private foldLogical(operands: Maybe<ast.Expression>[], operators: IToken[], op: "and" | "or"): Maybe<ast.Expression> {
    let left = operands[0];
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i];
      const operator = operators[i - 1];
      if (!left) left = right;
      else if (right && operator && isReal(operator)) {
        left = { kind: "Binary", span: cover(left.span, right.span), op, opSpan: this.span(operator), left, right };
      }
    }
    return left;
  }

  /** `a - b - c` is `(a - b) - c`: arithmetic associates to the left, as in every language ops people know. */
  private foldArithmetic(operands: Maybe<ast.Expression>[], operators: IToken[]): Maybe<ast.Expression> {
    let left = operands[0];
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i];
      const operator = operators[i - 1];
      if (!left || !right || !operator || !isReal(operator)) return left ?? right;
      const op = operator.image as ast.ArithmeticOperator;
      left = { kind: "Binary", span: cover(left.span, right.span), op, opSpan: this.span(operator), left, right };
    }
    return left;
  }

  private string(token: IToken): Maybe<ast.Expression> {
    const decoded = decodeString(this.stringToken(token));
    this.diagnostics.push(...decoded.diagnostics);
    const span = this.span(token);
    if (!decoded.parts.some((p) => p.kind === "interpolation")) {
      return { kind: "StringLiteral", span, value: textOf(decoded.parts), raw: decoded.raw };
    }
    const parts: ast.TemplatePart[] = [];
    for (const part of decoded.parts) {
      if (part.kind === "text") parts.push({ kind: "TemplateText", span: { start: part.start, end: part.end }, value: part.value });
      else {
        const expression = this.parseInterpolation(token, part.start, part.end);
        if (expression) parts.push(expression);
      }
    }
    return { kind: "TemplateString", span, parts };
  }

  /** Parses the text between `${` and `}`; `start`/`end` are absolute offsets. */
  private parseInterpolation(token: IToken, start: number, end: number): Maybe<ast.Expression> {
    const tokenStart = this.base + token.startOffset;
    const text = token.image.slice(start - tokenStart, end - tokenStart);
    const lexed = lex(text);
    const nesting = scanNesting(lexed.tokens, (this.stringLevels.get(token) ?? 0) + 1, start);
    if (nesting.tooDeep !== undefined) {
      this.diagnostics.push(nesting.tooDeep);
      return undefined;
    }
    const parsed = parseTokens(lexed.tokens, "interpolation");
    const context = { within: "interpolation" as const, base: start, text, tokens: lexed.tokens };
    this.diagnostics.push(...toDiagnostics(context, lexed.errors, parsed.errors));
    for (const comment of lexed.comments) {
      const at = start + comment.startOffset;
      this.diagnostics.push(error("E0101", { start: at, end: at + 1 }, "a comment cannot start inside `${...}`", "end the interpolation with `}` first"));
    }
    const outerBase = this.base;
    const outerLevels = this.stringLevels;
    this.base = start;
    this.stringLevels = nesting.stringLevels;
    try {
      return parsed.cst === undefined ? undefined : this.interpolation((parsed.cst as cst.InterpolationCstNode).children);
    } finally {
      this.base = outerBase;
      this.stringLevels = outerLevels;
    }
  }

  /**
   * A string that must be constant (header names, rule names, prefixes). A `${...}` in it is reported, not
   * parsed, and stays in the value as written so the value still resembles the source.
   */
  private constantString(token: IToken, what: string): ast.StringLiteral {
    const source = this.stringToken(token);
    const decoded = decodeString(source);
    this.diagnostics.push(...decoded.diagnostics);
    let value = "";
    for (const part of decoded.parts) {
      if (part.kind === "text") {
        value += part.value;
        continue;
      }
      const written = source.image.slice(part.start - source.offset - 2, part.end - source.offset + 1);
      value += written;
      this.diagnostics.push(
        error("E0119", { start: part.start - 2, end: part.end + 1 }, `${what} cannot contain \`\${...}\``, `${what} must be constant; write \\\${ for a literal \`\${\``),
      );
    }
    return { kind: "StringLiteral", span: this.span(token), value, raw: decoded.raw };
  }

  private regex(token: IToken): ast.RegexLiteral {
    const decoded = decodeRegex(this.stringToken(token));
    this.diagnostics.push(...decoded.diagnostics);
    return { kind: "RegexLiteral", span: this.span(token), pattern: decoded.pattern };
  }

  private int(token: IToken): ast.IntLiteral {
    const value = Number(token.image);
    const span = this.span(token);
    if (!Number.isSafeInteger(value)) {
      this.diagnostics.push(error("E0109", span, `the number ${token.image} is too large`, `integers go up to ${Number.MAX_SAFE_INTEGER}`));
    }
    return { kind: "IntLiteral", span, value };
  }

  private stringToken(token: IToken): StringToken {
    const payload = token.payload as StringPayload;
    return { image: token.image, offset: this.base + token.startOffset, quote: payload.quote, closed: payload.problem === undefined };
  }

  private identifier(token: Maybe<IToken>): Maybe<ast.Identifier> {
    return token && { kind: "Identifier", span: this.span(token), name: token.image };
  }

  private expr(nodes: Maybe<cst.ExpressionCstNode[]>): Maybe<ast.Expression> {
    return this.node(nodes, (c) => this.expression(c));
  }

  private exprs(nodes: Maybe<cst.ExpressionCstNode[]>): Maybe<ast.Expression>[] {
    return (nodes ?? []).map((n) => this.expression(n.children));
  }

  private node<C, R>(nodes: Maybe<{ children: C }[]>, build: (children: C) => R): R | undefined {
    const n = first(nodes);
    return n && build(n.children);
  }

  private span(token: IToken): ast.Span {
    const start = this.base + token.startOffset;
    return { start, end: start + token.image.length };
  }

  private between(token: IToken, end: ast.Span): ast.Span {
    return cover(this.span(token), end);
  }
}

function textOf(parts: readonly StringPart[]): string {
  return parts.map((p) => (p.kind === "text" ? p.value : "")).join("");
}

function cover(a: ast.Span, b: ast.Span): ast.Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function first<T>(items: readonly T[] | undefined): T | undefined {
  return items?.[0];
}

/** Tokens inserted by error recovery have no text or position and stand for something that is not there. */
function isReal(token: IToken): boolean {
  return token.isInsertedInRecovery !== true;
}

function real(tokens: readonly IToken[] | undefined): IToken | undefined {
  const token = tokens?.[0];
  return token && isReal(token) ? token : undefined;
}

function defined<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined);
}

export const astBuilder = new AstBuilder();

/** `== any LIST`, `in any LIST`: `any` belongs to the substring tests only. */
function anyAfterWrongOperator(span: ast.Span, operator: string): Diagnostic {
  const hint =
    operator === "in"
      ? "drop `any`: `in` already tests every item of the list"
      : operator === "==" || operator === "!="
        ? "test membership with `in`, e.g. `request.method in methods` or `not (request.method in methods)`"
        : "write `contains any`, `starts_with any` or `ends_with any`";
  return error("E0130", span, `\`any\` cannot follow \`${operator}\`: it goes after \`contains\`, \`starts_with\` or \`ends_with\``, hint);
}

/**
 * `shadow on ...` without `rule "NAME"`: a shadow rule reports under its name (the log line, the counter
 * `<metric prefix>shadow.<name>`) and is flipped by name (`enforce_rules`), so it needs one.
 */
function unnamedShadowRule(span: ast.Span): Diagnostic {
  return error("E0142", span, "only a named rule can be shadowed", 'name it: `rule "new-block" shadow on ...`; its log line, its counter and `enforce_rules` refer to it by name');
}

/** `for hots "x"`, `for path "/x"`: the words after `for` name what the scope tests. */
function unknownScopeTarget(span: ast.Span, written: string): Diagnostic {
  const suggestion = closestWord(written, SCOPE_TARGETS) ?? (written === "path" ? "path prefix" : written === "suffix" ? "host suffix" : undefined);
  const forms = 'for host "api.example.com" { ... }, for host suffix ".example.com" { ... } or for path prefix "/api/" { ... }';
  return error("E0131", span, `unknown scope \`for ${written}\`: a scope is \`for host\`, \`for host suffix\` or \`for path prefix\``, suggestion ? `did you mean \`for ${suggestion}\`? (${forms})` : forms);
}
