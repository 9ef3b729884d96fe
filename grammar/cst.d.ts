/* Generated from the grammar by test/grammar/cst-dts.test.ts (run it with UPDATE_CST_DTS=1 after changing grammar/parser.ts). Do not edit. */
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface ProgramCstNode extends CstNode {
  name: "program";
  children: ProgramCstChildren;
}

export type ProgramCstChildren = {
  statement?: StatementCstNode[];
};

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  paramDecl?: ParamDeclCstNode[];
  ruleDecl?: RuleDeclCstNode[];
  importDecl?: ImportDeclCstNode[];
  scopeDecl?: ScopeDeclCstNode[];
};

export interface ScopeDeclCstNode extends CstNode {
  name: "scopeDecl";
  children: ScopeDeclCstChildren;
}

export type ScopeDeclCstChildren = {
  For: IToken[];
  Name: (IToken)[];
  StringLiteral: IToken[];
  LCurly: IToken[];
  scopeItem?: ScopeItemCstNode[];
  RCurly: IToken[];
};

export interface ScopeItemCstNode extends CstNode {
  name: "scopeItem";
  children: ScopeItemCstChildren;
}

export type ScopeItemCstChildren = {
  ruleDecl?: RuleDeclCstNode[];
  scopeDecl?: ScopeDeclCstNode[];
  paramDecl?: ParamDeclCstNode[];
};

export interface ImportDeclCstNode extends CstNode {
  name: "importDecl";
  children: ImportDeclCstChildren;
}

export type ImportDeclCstChildren = {
  Import: IToken[];
  StringLiteral: IToken[];
};

export interface ParamDeclCstNode extends CstNode {
  name: "paramDecl";
  children: ParamDeclCstChildren;
}

export type ParamDeclCstChildren = {
  Param: IToken[];
  Identifier: IToken[];
  Equals: IToken[];
  expression: ExpressionCstNode[];
};

export interface RuleDeclCstNode extends CstNode {
  name: "ruleDecl";
  children: RuleDeclCstChildren;
}

export type RuleDeclCstChildren = {
  Rule?: IToken[];
  StringLiteral?: IToken[];
  Shadow?: IToken[];
  On: IToken[];
  Identifier: IToken[];
  When?: IToken[];
  expression?: ExpressionCstNode[];
  actionBlock?: ActionBlockCstNode[];
  action?: ActionCstNode[];
  elseClause?: ElseClauseCstNode[];
};

export interface ElseClauseCstNode extends CstNode {
  name: "elseClause";
  children: ElseClauseCstChildren;
}

export type ElseClauseCstChildren = {
  Else: IToken[];
  When?: IToken[];
  expression?: ExpressionCstNode[];
  actionBlock?: ActionBlockCstNode[];
  action?: ActionCstNode[];
};

export interface ActionBlockCstNode extends CstNode {
  name: "actionBlock";
  children: ActionBlockCstChildren;
}

export type ActionBlockCstChildren = {
  LCurly: IToken[];
  action?: ActionCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface ActionCstNode extends CstNode {
  name: "action";
  children: ActionCstChildren;
}

export type ActionCstChildren = {
  headerAssign?: HeaderAssignCstNode[];
  headerRemove?: HeaderRemoveCstNode[];
  headerRename?: HeaderRenameCstNode[];
  rewrite?: RewriteCstNode[];
  deny?: DenyCstNode[];
  respond?: RespondCstNode[];
  redirect?: RedirectCstNode[];
  log?: LogCstNode[];
  stop?: StopCstNode[];
  letVariable?: LetVariableCstNode[];
  count?: CountCstNode[];
  observe?: ObserveCstNode[];
  replace?: ReplaceCstNode[];
  limit?: LimitCstNode[];
  authorize?: AuthorizeCstNode[];
};

export interface HeaderAssignCstNode extends CstNode {
  name: "headerAssign";
  children: HeaderAssignCstChildren;
}

export type HeaderAssignCstChildren = {
  Set?: IToken[];
  Query?: IToken[];
  Add?: IToken[];
  SetDefault?: IToken[];
  StringLiteral: IToken[];
  Equals: IToken[];
  expression: ExpressionCstNode[];
};

export interface HeaderRemoveCstNode extends CstNode {
  name: "headerRemove";
  children: HeaderRemoveCstChildren;
}

export type HeaderRemoveCstChildren = {
  Remove: IToken[];
  Prefix?: IToken[];
  Query?: IToken[];
  StringLiteral: IToken[];
};

export interface HeaderRenameCstNode extends CstNode {
  name: "headerRename";
  children: HeaderRenameCstChildren;
}

export type HeaderRenameCstChildren = {
  Rename: IToken[];
  StringLiteral: (IToken)[];
  To: IToken[];
};

export interface RewriteCstNode extends CstNode {
  name: "rewrite";
  children: RewriteCstChildren;
}

export type RewriteCstChildren = {
  Rewrite: IToken[];
  Path?: IToken[];
  expression?: (ExpressionCstNode)[];
  Prefix?: IToken[];
  StringLiteral?: IToken[];
  To?: IToken[];
};

export interface DenyCstNode extends CstNode {
  name: "deny";
  children: DenyCstChildren;
}

export type DenyCstChildren = {
  Deny: IToken[];
  expression: (ExpressionCstNode)[];
};

export interface RespondCstNode extends CstNode {
  name: "respond";
  children: RespondCstChildren;
}

export type RespondCstChildren = {
  Respond: IToken[];
  expression: (ExpressionCstNode)[];
  With?: IToken[];
  responseHeaders?: ResponseHeadersCstNode[];
};

export interface ResponseHeadersCstNode extends CstNode {
  name: "responseHeaders";
  children: ResponseHeadersCstChildren;
}

export type ResponseHeadersCstChildren = {
  LCurly: IToken[];
  headerEntry?: HeaderEntryCstNode[];
  Comma?: IToken[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface HeaderEntryCstNode extends CstNode {
  name: "headerEntry";
  children: HeaderEntryCstChildren;
}

export type HeaderEntryCstChildren = {
  StringLiteral: IToken[];
  Equals: IToken[];
  expression: ExpressionCstNode[];
};

export interface RedirectCstNode extends CstNode {
  name: "redirect";
  children: RedirectCstChildren;
}

export type RedirectCstChildren = {
  Redirect: IToken[];
  expression: (ExpressionCstNode)[];
};

export interface LogCstNode extends CstNode {
  name: "log";
  children: LogCstChildren;
}

export type LogCstChildren = {
  Log: IToken[];
  Identifier: IToken[];
  expression: ExpressionCstNode[];
};

export interface LetVariableCstNode extends CstNode {
  name: "letVariable";
  children: LetVariableCstChildren;
}

export type LetVariableCstChildren = {
  Let: IToken[];
  Identifier: IToken[];
  Equals: IToken[];
  expression: ExpressionCstNode[];
};

export interface CountCstNode extends CstNode {
  name: "count";
  children: CountCstChildren;
}

export type CountCstChildren = {
  Count: IToken[];
  StringLiteral: IToken[];
  Identifier?: (IToken)[];
  expression?: ExpressionCstNode[];
  list?: ListCstNode[];
  IntLiteral?: IToken[];
};

export interface LimitCstNode extends CstNode {
  name: "limit";
  children: LimitCstChildren;
}

export type LimitCstChildren = {
  Limit: IToken[];
  limitAmount: (LimitAmountCstNode)[];
  Identifier: (IToken)[];
  expression?: ExpressionCstNode[];
  IntLiteral?: IToken[];
  limitVia?: LimitViaCstNode[];
};

export interface LimitViaCstNode extends CstNode {
  name: "limitVia";
  children: LimitViaCstChildren;
}

export type LimitViaCstChildren = {
  Identifier: (IToken)[];
  StringLiteral: IToken[];
  IntLiteral?: IToken[];
  On?: IToken[];
  Deny?: IToken[];
};

export interface AuthorizeCstNode extends CstNode {
  name: "authorize";
  children: AuthorizeCstChildren;
}

export type AuthorizeCstChildren = {
  Authorize: IToken[];
  With: IToken[];
  StringLiteral: IToken[];
  Identifier?: (IToken)[];
  IntLiteral?: IToken[];
  On?: IToken[];
  Deny?: IToken[];
  list?: (ListCstNode)[];
  Path?: IToken[];
  expression?: ExpressionCstNode[];
};

export interface LimitAmountCstNode extends CstNode {
  name: "limitAmount";
  children: LimitAmountCstChildren;
}

export type LimitAmountCstChildren = {
  IntLiteral?: IToken[];
  Identifier?: IToken[];
};

export interface ObserveCstNode extends CstNode {
  name: "observe";
  children: ObserveCstChildren;
}

export type ObserveCstChildren = {
  Observe: IToken[];
  StringLiteral: IToken[];
  expression: ExpressionCstNode[];
};

export interface ReplaceCstNode extends CstNode {
  name: "replace";
  children: ReplaceCstChildren;
}

export type ReplaceCstChildren = {
  Replace: IToken[];
  Matches?: IToken[];
  StringLiteral: IToken[];
  With: IToken[];
  expression: ExpressionCstNode[];
};

export interface StopCstNode extends CstNode {
  name: "stop";
  children: StopCstChildren;
}

export type StopCstChildren = {
  Stop: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  andExpression: (AndExpressionCstNode)[];
  Or?: IToken[];
};

export interface AndExpressionCstNode extends CstNode {
  name: "andExpression";
  children: AndExpressionCstChildren;
}

export type AndExpressionCstChildren = {
  notExpression: (NotExpressionCstNode)[];
  And?: IToken[];
};

export interface NotExpressionCstNode extends CstNode {
  name: "notExpression";
  children: NotExpressionCstChildren;
}

export type NotExpressionCstChildren = {
  Not?: IToken[];
  notExpression?: NotExpressionCstNode[];
  comparison?: ComparisonCstNode[];
};

export interface ComparisonCstNode extends CstNode {
  name: "comparison";
  children: ComparisonCstChildren;
}

export type ComparisonCstChildren = {
  sum: SumCstNode[];
  comparisonTail?: ComparisonTailCstNode[];
};

export interface ComparisonTailCstNode extends CstNode {
  name: "comparisonTail";
  children: ComparisonTailCstChildren;
}

export type ComparisonTailCstChildren = {
  Matches?: IToken[];
  StringLiteral?: IToken[];
  ComparisonOperator?: IToken[];
  Identifier?: IToken[];
  sum?: SumCstNode[];
};

export interface SumCstNode extends CstNode {
  name: "sum";
  children: SumCstChildren;
}

export type SumCstChildren = {
  product: (ProductCstNode)[];
  AdditiveOperator?: IToken[];
};

export interface ProductCstNode extends CstNode {
  name: "product";
  children: ProductCstChildren;
}

export type ProductCstChildren = {
  primary: (PrimaryCstNode)[];
  MultiplicativeOperator?: IToken[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  StringLiteral?: IToken[];
  IntLiteral?: IToken[];
  True?: IToken[];
  False?: IToken[];
  list?: ListCstNode[];
  parenthesized?: ParenthesizedCstNode[];
  call?: CallCstNode[];
  reference?: ReferenceCstNode[];
};

export interface ListCstNode extends CstNode {
  name: "list";
  children: ListCstChildren;
}

export type ListCstChildren = {
  LBracket: IToken[];
  expression?: (ExpressionCstNode)[];
  Comma?: (IToken)[];
  RBracket: IToken[];
};

export interface ParenthesizedCstNode extends CstNode {
  name: "parenthesized";
  children: ParenthesizedCstChildren;
}

export type ParenthesizedCstChildren = {
  LParen: IToken[];
  expression: ExpressionCstNode[];
  RParen: IToken[];
};

export interface CallCstNode extends CstNode {
  name: "call";
  children: CallCstChildren;
}

export type CallCstChildren = {
  Identifier: IToken[];
  LParen: IToken[];
  expression?: (ExpressionCstNode)[];
  Comma?: IToken[];
  RParen: IToken[];
};

export interface ReferenceCstNode extends CstNode {
  name: "reference";
  children: ReferenceCstChildren;
}

export type ReferenceCstChildren = {
  Identifier: IToken[];
  Dot?: IToken[];
  Name?: IToken[];
  LBracket?: IToken[];
  expression?: ExpressionCstNode[];
  RBracket?: IToken[];
};

export interface InterpolationCstNode extends CstNode {
  name: "interpolation";
  children: InterpolationCstChildren;
}

export type InterpolationCstChildren = {
  expression: ExpressionCstNode[];
  EOF: IToken[];
};

export interface RuleFileCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  program(children: ProgramCstChildren, param?: IN): OUT;
  statement(children: StatementCstChildren, param?: IN): OUT;
  scopeDecl(children: ScopeDeclCstChildren, param?: IN): OUT;
  scopeItem(children: ScopeItemCstChildren, param?: IN): OUT;
  importDecl(children: ImportDeclCstChildren, param?: IN): OUT;
  paramDecl(children: ParamDeclCstChildren, param?: IN): OUT;
  ruleDecl(children: RuleDeclCstChildren, param?: IN): OUT;
  elseClause(children: ElseClauseCstChildren, param?: IN): OUT;
  actionBlock(children: ActionBlockCstChildren, param?: IN): OUT;
  action(children: ActionCstChildren, param?: IN): OUT;
  headerAssign(children: HeaderAssignCstChildren, param?: IN): OUT;
  headerRemove(children: HeaderRemoveCstChildren, param?: IN): OUT;
  headerRename(children: HeaderRenameCstChildren, param?: IN): OUT;
  rewrite(children: RewriteCstChildren, param?: IN): OUT;
  deny(children: DenyCstChildren, param?: IN): OUT;
  respond(children: RespondCstChildren, param?: IN): OUT;
  responseHeaders(children: ResponseHeadersCstChildren, param?: IN): OUT;
  headerEntry(children: HeaderEntryCstChildren, param?: IN): OUT;
  redirect(children: RedirectCstChildren, param?: IN): OUT;
  log(children: LogCstChildren, param?: IN): OUT;
  letVariable(children: LetVariableCstChildren, param?: IN): OUT;
  count(children: CountCstChildren, param?: IN): OUT;
  limit(children: LimitCstChildren, param?: IN): OUT;
  limitVia(children: LimitViaCstChildren, param?: IN): OUT;
  authorize(children: AuthorizeCstChildren, param?: IN): OUT;
  limitAmount(children: LimitAmountCstChildren, param?: IN): OUT;
  observe(children: ObserveCstChildren, param?: IN): OUT;
  replace(children: ReplaceCstChildren, param?: IN): OUT;
  stop(children: StopCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  andExpression(children: AndExpressionCstChildren, param?: IN): OUT;
  notExpression(children: NotExpressionCstChildren, param?: IN): OUT;
  comparison(children: ComparisonCstChildren, param?: IN): OUT;
  comparisonTail(children: ComparisonTailCstChildren, param?: IN): OUT;
  sum(children: SumCstChildren, param?: IN): OUT;
  product(children: ProductCstChildren, param?: IN): OUT;
  primary(children: PrimaryCstChildren, param?: IN): OUT;
  list(children: ListCstChildren, param?: IN): OUT;
  parenthesized(children: ParenthesizedCstChildren, param?: IN): OUT;
  call(children: CallCstChildren, param?: IN): OUT;
  reference(children: ReferenceCstChildren, param?: IN): OUT;
  interpolation(children: InterpolationCstChildren, param?: IN): OUT;
}
