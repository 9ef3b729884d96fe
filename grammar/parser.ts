import type { CstNode, IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from "chevrotain";
import { CstParser, EOF } from "./chevrotain.js";
import * as t from "./tokens.js";

/**
 * Chevrotain builds exception messages through this provider. Writing a sentence needs more context than a
 * provider sees (the tokens before the error, the diagnostic code), so it only records *what was expected* as a
 * key; syntax-errors.ts turns exception + key into the Diagnostic an ops person reads.
 *
 * Keys: `token:<TokenName>` when one token was required, `alt:<description>` for an OR or repetition (the
 * `ERR_MSG` of that production, or the rule name), and `end` for input left over after the entry rule.
 */
const expectationRecorder: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => `token:${expected.name}`,
  buildNotAllInputParsedMessage: () => "end",
  buildNoViableAltMessage: ({ customUserDescription, ruleName }) => `alt:${customUserDescription ?? ruleName}`,
  buildEarlyExitMessage: ({ customUserDescription, ruleName }) => `alt:${customUserDescription ?? ruleName}`,
};

/**
 * The grammar, as a pure CST parser (no embedded actions): build-ast.ts turns its output into the AST. Each rule
 * method is preceded by its production. `ERR_MSG` values name what the alternatives have in common; they are
 * keys for syntax-errors.ts, not user-visible text.
 */
/** The tokens a primary can start with: after `any`, they make it the word of `contains any`, not a param. */
const ANY_OPERAND_STARTS: ReadonlySet<TokenType> = new Set([t.Identifier, t.Count, t.Observe, t.Limit, t.LBracket, t.LParen, t.StringLiteral, t.IntLiteral, t.True, t.False]);

/** The words that start a clause of `limit` after its unit. */
const LIMIT_CLAUSES: ReadonlySet<string> = new Set(["by", "burst", "buckets", "headers"]);
/** The words that start a clause of `authorize` after its timeout or failure choice. */
const AUTHORIZE_CLAUSES: ReadonlySet<string> = new Set(["send", "copy", "grpc"]);

class RuleFileParser extends CstParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: true, maxLookahead: 2, errorMessageProvider: expectationRecorder });
    this.performSelfAnalysis();
  }

  /**
   * Recovery may pretend a missing closer or separator was there, but never an opening bracket: inventing a `{`
   * after `respond 503 with "x"` would go on to report the string as a malformed header entry, a second error
   * for one mistake.
   */
  override canTokenTypeBeInsertedInRecovery(type: TokenType): boolean {
    return type !== t.LCurly && type !== t.LParen && type !== t.LBracket;
  }

  /**
   * Recovery costs grow with the errors already made, so random bytes took minutes per megabyte. Past
   * MAX_SYNTAX_ERRORS the parse stops (parseTokens catches the signal): only the first 100 are reported anyway.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = saveError.call(this, error);
    if (this.errors.length >= MAX_SYNTAX_ERRORS) throw TOO_MANY_ERRORS;
    return saved;
  }

  /** Whether the next token is the word `any` of `contains any PARAM`: `any` with an operand after it. */
  private anyFollows(): boolean {
    return this.LA(1).image === "any" && ANY_OPERAND_STARTS.has(this.LA(2).tokenType);
  }

  /**
   * Whether the next tokens start a `count` or `observe` action rather than a value: those words are identifiers too
   * (tokens.ts), so an optional value (the body of `deny`) would otherwise take `count` for a param. A name followed
   * by a string is never a value.
   */
  private metricActionFollows(): boolean {
    const next = this.LA(1).tokenType;
    if (next === t.Replace) return this.LA(2).tokenType === t.StringLiteral || this.LA(2).tokenType === t.Matches;
    if (next === t.Limit) return this.LA(3).image === "per";
    if (next === t.Authorize) return this.LA(2).tokenType === t.With;
    return (next === t.Count || next === t.Observe) && this.LA(2).tokenType === t.StringLiteral;
  }

  /** program : statement* EOF */
  program = this.RULE("program", () => {
    this.MANY(() => this.SUBRULE(this.statement));
  });

  /** statement : paramDecl | ruleDecl | importDecl | scopeDecl */
  statement = this.RULE("statement", () => {
    this.OR({
      ERR_MSG: "statement",
      DEF: [{ ALT: () => this.SUBRULE(this.paramDecl) }, { ALT: () => this.SUBRULE(this.ruleDecl) }, { ALT: () => this.SUBRULE(this.importDecl) }, { ALT: () => this.SUBRULE(this.scopeDecl) }],
    });
  });

  /**
   * scopeDecl : "for" Name Name? String "{" (ruleDecl | scopeDecl)* "}" -- `for host`, `for host suffix`,
   * `for path prefix`; build-ast.ts says which words exist, so a misspelt one gets a did-you-mean.
   */
  scopeDecl = this.RULE("scopeDecl", () => {
    this.CONSUME(t.For);
    this.CONSUME(t.Name);
    this.OPTION(() => this.CONSUME2(t.Name));
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.scopeItem));
    this.CONSUME(t.RCurly);
  });

  /**
   * scopeItem : ruleDecl | scopeDecl | paramDecl -- a node of its own so that the builder sees rules and scopes in
   * order. A param parses here only so that build-ast.ts can say it belongs at the top level (E0132).
   */
  scopeItem = this.RULE("scopeItem", () => {
    this.OR({
      ERR_MSG: "scope-item",
      DEF: [{ ALT: () => this.SUBRULE(this.ruleDecl) }, { ALT: () => this.SUBRULE(this.scopeDecl) }, { ALT: () => this.SUBRULE(this.paramDecl) }],
    });
  });

  /** importDecl : "import" String -- the parser only records it; the compiler finds and reads the file */
  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(t.Import);
    this.CONSUME(t.StringLiteral);
  });

  /** paramDecl : "param" Identifier "=" expression */
  paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(t.Param);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  /** ruleDecl : ("rule" String)? "shadow"? "on" Identifier ("when" expression)? (actionBlock | action) elseClause* */
  ruleDecl = this.RULE("ruleDecl", () => {
    this.OPTION(() => {
      this.CONSUME(t.Rule);
      this.CONSUME(t.StringLiteral);
    });
    // Accepted without a name too, so that build-ast.ts can say why a shadow rule needs one (E0142).
    this.OPTION3(() => this.CONSUME(t.Shadow));
    this.CONSUME(t.On);
    this.CONSUME(t.Identifier);
    this.OPTION2(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.expression);
    });
    this.OR({
      ERR_MSG: "rule-body",
      DEF: [{ ALT: () => this.SUBRULE(this.actionBlock) }, { ALT: () => this.SUBRULE(this.action) }],
    });
    this.MANY(() => this.SUBRULE(this.elseClause));
  });

  /** elseClause : "else" ("when" expression)? (actionBlock | action) */
  elseClause = this.RULE("elseClause", () => {
    this.CONSUME(t.Else);
    this.OPTION(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.expression);
    });
    this.OR({
      ERR_MSG: "rule-body",
      DEF: [{ ALT: () => this.SUBRULE(this.actionBlock) }, { ALT: () => this.SUBRULE(this.action) }],
    });
  });

  /** actionBlock : "{" (action ";"?)* "}" */
  actionBlock = this.RULE("actionBlock", () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.action);
      this.OPTION(() => this.CONSUME(t.Semicolon));
    });
    this.CONSUME(t.RCurly);
  });

  /** action : headerAssign | headerRemove | headerRename | rewrite | deny | respond | redirect | log | stop | letVariable | count | observe | replace | limit | authorize */
  action = this.RULE("action", () => {
    this.OR({
      ERR_MSG: "action",
      DEF: [
        { ALT: () => this.SUBRULE(this.headerAssign) },
        { ALT: () => this.SUBRULE(this.headerRemove) },
        { ALT: () => this.SUBRULE(this.headerRename) },
        { ALT: () => this.SUBRULE(this.rewrite) },
        { ALT: () => this.SUBRULE(this.deny) },
        { ALT: () => this.SUBRULE(this.respond) },
        { ALT: () => this.SUBRULE(this.redirect) },
        { ALT: () => this.SUBRULE(this.log) },
        { ALT: () => this.SUBRULE(this.stop) },
        { ALT: () => this.SUBRULE(this.letVariable) },
        { ALT: () => this.SUBRULE(this.count) },
        { ALT: () => this.SUBRULE(this.observe) },
        { ALT: () => this.SUBRULE(this.replace) },
        { ALT: () => this.SUBRULE(this.limit) },
        { ALT: () => this.SUBRULE(this.authorize) },
      ],
    });
  });

  /** headerAssign : ("set" "query"? | "add" | "set_default") String "=" expression -- with `query`, a query parameter */
  headerAssign = this.RULE("headerAssign", () => {
    this.OR({
      ERR_MSG: "action",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Set);
            this.OPTION(() => this.CONSUME(t.Query));
          },
        },
        { ALT: () => this.CONSUME(t.Add) },
        { ALT: () => this.CONSUME(t.SetDefault) },
      ],
    });
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  /** headerRemove : "remove" ("prefix" | "query")? String -- with `query`, a query parameter */
  headerRemove = this.RULE("headerRemove", () => {
    this.CONSUME(t.Remove);
    this.OPTION(() => {
      this.OR({ ERR_MSG: "remove-target", DEF: [{ ALT: () => this.CONSUME(t.Prefix) }, { ALT: () => this.CONSUME(t.Query) }] });
    });
    this.CONSUME(t.StringLiteral);
  });

  /** headerRename : "rename" String "to" String */
  headerRename = this.RULE("headerRename", () => {
    this.CONSUME(t.Rename);
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.To);
    this.CONSUME2(t.StringLiteral);
  });

  /** rewrite : "rewrite" ("path" expression | "prefix" String "to" expression) */
  rewrite = this.RULE("rewrite", () => {
    this.CONSUME(t.Rewrite);
    this.OR({
      ERR_MSG: "rewrite-target",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Path);
            this.SUBRULE(this.expression);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Prefix);
            this.CONSUME(t.StringLiteral);
            this.CONSUME(t.To);
            this.SUBRULE2(this.expression);
          },
        },
      ],
    });
  });

  /** deny : "deny" expression expression? -- status, then an optional body */
  deny = this.RULE("deny", () => {
    this.CONSUME(t.Deny);
    this.SUBRULE(this.expression);
    this.OPTION({ GATE: () => !this.metricActionFollows(), DEF: () => this.SUBRULE2(this.expression) });
  });

  /** respond : "respond" expression expression? ("with" responseHeaders)? */
  respond = this.RULE("respond", () => {
    this.CONSUME(t.Respond);
    this.SUBRULE(this.expression);
    this.OPTION({ GATE: () => !this.metricActionFollows(), DEF: () => this.SUBRULE2(this.expression) });
    this.OPTION2(() => {
      this.CONSUME(t.With);
      this.SUBRULE(this.responseHeaders);
    });
  });

  /** responseHeaders : "{" (headerEntry ("," | ";")?)* "}" */
  responseHeaders = this.RULE("responseHeaders", () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.headerEntry);
      this.OPTION(() => {
        this.OR({ ERR_MSG: "separator", DEF: [{ ALT: () => this.CONSUME(t.Comma) }, { ALT: () => this.CONSUME(t.Semicolon) }] });
      });
    });
    this.CONSUME(t.RCurly);
  });

  /** headerEntry : String "=" expression */
  headerEntry = this.RULE("headerEntry", () => {
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  /** redirect : "redirect" expression expression? -- with two, the first is the status */
  redirect = this.RULE("redirect", () => {
    this.CONSUME(t.Redirect);
    this.SUBRULE(this.expression);
    this.OPTION({ GATE: () => !this.metricActionFollows(), DEF: () => this.SUBRULE2(this.expression) });
  });

  /** log : "log" Identifier expression */
  log = this.RULE("log", () => {
    this.CONSUME(t.Log);
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.expression);
  });

  /** letVariable : "let" Identifier "=" expression -- a request-scoped variable (docs/language.md, Variables) */
  letVariable = this.RULE("letVariable", () => {
    this.CONSUME(t.Let);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  /**
   * count : "count" String ("by" expression ("only" list | "limit" Int)?)? -- `by`, `only` and `limit` are words
   * recognised here, not keywords, and `count` is also an identifier (tokens.ts)
   */
  count = this.RULE("count", () => {
    this.CONSUME(t.Count);
    this.CONSUME(t.StringLiteral);
    this.OPTION({
      GATE: () => this.LA(1).image === "by",
      DEF: () => {
        this.CONSUME(t.Identifier);
        this.SUBRULE(this.expression);
        this.OPTION2({
          // A `limit` followed by `N per` is the next action (a rate limit), not the bound.
          GATE: () => this.LA(1).image === "only" || (this.LA(1).image === "limit" && this.LA(3).image !== "per"),
          DEF: () => {
            this.OR({
              ERR_MSG: "count-bound",
              DEF: [
                {
                  GATE: () => this.LA(1).image === "only",
                  IGNORE_AMBIGUITIES: true,
                  ALT: () => {
                    this.CONSUME3(t.Identifier);
                    this.SUBRULE(this.list);
                  },
                },
                {
                  GATE: () => this.LA(1).image === "limit",
                  IGNORE_AMBIGUITIES: true,
                  ALT: () => {
                    this.CONSUME4(t.Identifier);
                    this.CONSUME(t.IntLiteral);
                  },
                },
              ],
            });
          },
        });
      },
    });
  });

  /**
   * limit : "limit" limitAmount Identifier Identifier? ("by" expression)? ("burst" limitAmount)? ("buckets" Int)?
   * ("headers" Identifier)? limitVia? -- `limit N per UNIT`: `per`, the unit, `by`, `burst`, `buckets` and `headers off` are
   * words build-ast.ts checks, and `limit` is also an identifier (tokens.ts)
   */
  limit = this.RULE("limit", () => {
    this.CONSUME(t.Limit);
    this.SUBRULE(this.limitAmount);
    this.CONSUME(t.Identifier);
    // The unit, unless it was left out (`limit 5 per by ...`, `limit 5 minute`): build-ast.ts says which.
    this.OPTION5({ GATE: () => !LIMIT_CLAUSES.has(this.LA(1).image), DEF: () => this.CONSUME2(t.Identifier) });
    this.OPTION({
      GATE: () => this.LA(1).image === "by",
      DEF: () => {
        this.CONSUME3(t.Identifier);
        this.SUBRULE(this.expression);
      },
    });
    this.OPTION2({
      GATE: () => this.LA(1).image === "burst",
      DEF: () => {
        this.CONSUME4(t.Identifier);
        this.SUBRULE2(this.limitAmount);
      },
    });
    this.OPTION3({
      GATE: () => this.LA(1).image === "buckets",
      DEF: () => {
        this.CONSUME5(t.Identifier);
        this.CONSUME(t.IntLiteral);
      },
    });
    this.OPTION4({
      GATE: () => this.LA(1).image === "headers",
      DEF: () => {
        this.CONSUME6(t.Identifier);
        this.CONSUME7(t.Identifier);
      },
    });
    this.OPTION6({ GATE: () => this.LA(1).image === "via", DEF: () => this.SUBRULE(this.limitVia) });
  });

  /**
   * limitVia : "via" String ("timeout" Int Identifier?)? ("on" "failure" (Identifier | "deny")?)? -- the call to a rate limit
   * service of a global limit; `via`, `timeout`, its unit, `failure` and `allow`/`deny` are words build-ast.ts checks
   */
  limitVia = this.RULE("limitVia", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.StringLiteral);
    this.OPTION({
      GATE: () => this.LA(1).image === "timeout",
      DEF: () => {
        this.CONSUME2(t.Identifier);
        this.CONSUME(t.IntLiteral);
        // `20ms` lexes as a number and a word: the unit.
        this.OPTION2({ GATE: () => this.LA(1).tokenType === t.Identifier, DEF: () => this.CONSUME3(t.Identifier) });
      },
    });
    // `on` also starts the next statement (`on response_headers ...`): only `on failure` belongs to the limit.
    this.OPTION3({
      GATE: () => this.LA(1).tokenType === t.On && this.LA(2).image === "failure",
      DEF: () => {
        this.CONSUME(t.On);
        this.CONSUME4(t.Identifier);
        // `deny` is a keyword (the action), `allow` a word.
        this.OPTION4({ GATE: () => this.LA(1).tokenType === t.Identifier || this.LA(1).tokenType === t.Deny, DEF: () => this.OR([{ ALT: () => this.CONSUME5(t.Identifier) }, { ALT: () => this.CONSUME(t.Deny) }]) });
      },
    });
  });

  /**
   * authorize : "authorize" "with" String "grpc"? ("timeout" Int Identifier?)? ("on" "failure" (Identifier | "deny")?)?
   * ("send" "headers" list)? ("path" expression)? ("copy" "headers" list)? -- external authorization; the clauses
   * come in this order, and `grpc`, `timeout`, its unit, `failure`, `allow`, `send`, `copy` and `headers` are words
   * build-ast.ts checks (authorize-syntax.ts)
   */
  authorize = this.RULE("authorize", () => {
    this.CONSUME(t.Authorize);
    this.CONSUME(t.With);
    this.CONSUME(t.StringLiteral);
    this.OPTION({ GATE: () => this.LA(1).image === "grpc", DEF: () => this.CONSUME(t.Identifier) });
    this.OPTION2({
      GATE: () => this.LA(1).image === "timeout",
      DEF: () => {
        this.CONSUME2(t.Identifier);
        this.CONSUME(t.IntLiteral);
        // `200ms` lexes as a number and a word: the unit, unless the word starts the next clause.
        this.OPTION3({ GATE: () => this.LA(1).tokenType === t.Identifier && !AUTHORIZE_CLAUSES.has(this.LA(1).image), DEF: () => this.CONSUME3(t.Identifier) });
      },
    });
    // `on` also starts the next statement (`on response_headers ...`): only `on failure` belongs here.
    this.OPTION4({
      GATE: () => this.LA(1).tokenType === t.On && this.LA(2).image === "failure",
      DEF: () => {
        this.CONSUME(t.On);
        this.CONSUME4(t.Identifier);
        this.OPTION5({ GATE: () => (this.LA(1).tokenType === t.Identifier && !AUTHORIZE_CLAUSES.has(this.LA(1).image)) || this.LA(1).tokenType === t.Deny, DEF: () => this.OR([{ ALT: () => this.CONSUME5(t.Identifier) }, { ALT: () => this.CONSUME(t.Deny) }]) });
      },
    });
    this.OPTION6({
      GATE: () => this.LA(1).image === "send",
      DEF: () => {
        this.CONSUME6(t.Identifier);
        this.OPTION7({ GATE: () => this.LA(1).image === "headers", DEF: () => this.CONSUME7(t.Identifier) });
        this.SUBRULE(this.list);
      },
    });
    this.OPTION8({
      GATE: () => this.LA(1).tokenType === t.Path,
      DEF: () => {
        this.CONSUME(t.Path);
        this.SUBRULE(this.expression);
      },
    });
    this.OPTION9({
      GATE: () => this.LA(1).image === "copy",
      DEF: () => {
        this.CONSUME8(t.Identifier);
        this.option(10, { GATE: () => this.LA(1).image === "headers", DEF: () => this.CONSUME9(t.Identifier) });
        this.SUBRULE2(this.list);
      },
    });
  });

  /** limitAmount : Int | Identifier -- a count of tokens: a number, or an int param */
  limitAmount = this.RULE("limitAmount", () => {
    this.OR({ ERR_MSG: "limit-amount", DEF: [{ ALT: () => this.CONSUME(t.IntLiteral) }, { ALT: () => this.CONSUME(t.Identifier) }] });
  });

  /** observe : "observe" String expression -- `observe` is also an identifier (tokens.ts) */
  observe = this.RULE("observe", () => {
    this.CONSUME(t.Observe);
    this.CONSUME(t.StringLiteral);
    this.SUBRULE(this.expression);
  });

  /**
   * replace : "replace" "matches"? String "with" expression -- in a body phase (docs/language.md, "Replacing in a
   * body"); `replace` is also an identifier (tokens.ts)
   */
  replace = this.RULE("replace", () => {
    this.CONSUME(t.Replace);
    this.OPTION(() => this.CONSUME(t.Matches));
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.With);
    this.SUBRULE(this.expression);
  });

  /** stop : "stop" */
  stop = this.RULE("stop", () => {
    this.CONSUME(t.Stop);
  });

  /** expression : andExpression ("or" andExpression)* */
  expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andExpression);
    });
  });

  /** andExpression : notExpression ("and" notExpression)* */
  andExpression = this.RULE("andExpression", () => {
    this.SUBRULE(this.notExpression);
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.notExpression);
    });
  });

  /** notExpression : "not" notExpression | comparison */
  notExpression = this.RULE("notExpression", () => {
    this.OR({
      ERR_MSG: "expression",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Not);
            this.SUBRULE(this.notExpression);
          },
        },
        { ALT: () => this.SUBRULE(this.comparison) },
      ],
    });
  });

  /**
   * comparison : sum comparisonTail*
   *
   * Comparisons do not associate; the grammar still accepts a chain so that build-ast.ts can say so precisely
   * instead of a generic "unexpected `==`".
   */
  comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.sum);
    this.MANY(() => this.SUBRULE(this.comparisonTail));
  });

  /**
   * comparisonTail : "matches" String | ComparisonOperator "any"? sum
   *
   * `any` (`contains any PARAM`) is a word only here, not a keyword, so a param named `any` still works: it is read
   * as the word when a primary follows it, which a lone param reference never has.
   */
  comparisonTail = this.RULE("comparisonTail", () => {
    this.OR({
      ERR_MSG: "operator",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(t.Matches);
            this.CONSUME(t.StringLiteral);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.ComparisonOperator);
            this.OPTION({ GATE: () => this.anyFollows(), DEF: () => this.CONSUME(t.Identifier) });
            this.SUBRULE(this.sum);
          },
        },
      ],
    });
  });

  /** sum : product (("+" | "-") product)* -- left-associative, above comparisons */
  sum = this.RULE("sum", () => {
    this.SUBRULE(this.product);
    this.MANY(() => {
      this.CONSUME(t.AdditiveOperator);
      this.SUBRULE2(this.product);
    });
  });

  /** product : primary (("*" | "/" | "%") primary)* -- left-associative, above `+` and `-` */
  product = this.RULE("product", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(t.MultiplicativeOperator);
      this.SUBRULE2(this.primary);
    });
  });

  /** primary : String | Int | "true" | "false" | list | parenthesized | call | reference */
  primary = this.RULE("primary", () => {
    this.OR({
      ERR_MSG: "expression",
      DEF: [
        { ALT: () => this.CONSUME(t.StringLiteral) },
        { ALT: () => this.CONSUME(t.IntLiteral) },
        { ALT: () => this.CONSUME(t.True) },
        { ALT: () => this.CONSUME(t.False) },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.SUBRULE(this.parenthesized) },
        { ALT: () => this.SUBRULE(this.call) },
        { ALT: () => this.SUBRULE(this.reference) },
      ],
    });
  });

  /** list : "[" (expression ("," expression)* ","?)? "]" */
  list = this.RULE("list", () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression);
      });
      this.OPTION2(() => this.CONSUME2(t.Comma));
    });
    this.CONSUME(t.RBracket);
  });

  /** parenthesized : "(" expression ")" */
  parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
  });

  /** call : Identifier "(" (expression ("," expression)*)? ")" */
  call = this.RULE("call", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(t.RParen);
  });

  /** reference : Identifier ("." Name)* ("[" expression "]")? -- Name is an identifier or any keyword */
  reference = this.RULE("reference", () => {
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.CONSUME(t.Name);
    });
    this.OPTION(() => {
      this.CONSUME(t.LBracket);
      this.SUBRULE(this.expression);
      this.CONSUME(t.RBracket);
    });
  });

  /** interpolation : expression EOF -- the inside of `${ }`, parsed on its own */
  interpolation = this.RULE("interpolation", () => {
    this.SUBRULE(this.expression);
    this.CONSUME(EOF);
  });
}

/** Chevrotain's own SAVE_ERROR, which its typings do not declare. */
const saveError = (CstParser.prototype as unknown as { SAVE_ERROR(this: object, error: IRecognitionException): IRecognitionException }).SAVE_ERROR;
const MAX_SYNTAX_ERRORS = 200;
/** Thrown out of the parser to stop it; not a recognition exception, so Chevrotain's recovery lets it through. */
const TOO_MANY_ERRORS = new Error("too many syntax errors");

/** The one parser instance: Chevrotain parsers are expensive to build and cheap to reset. */
const parser = new RuleFileParser();

export type EntryRule = "program" | "interpolation";

export interface ParseTokensResult {
  /** Undefined when the parse stopped at MAX_SYNTAX_ERRORS: `errors` then holds the first ones. */
  readonly cst: CstNode | undefined;
  readonly errors: IRecognitionException[];
}

/** Runs the parser over tokens from lexer.ts. Setting `input` resets the parser's state. */
export function parseTokens(tokens: IToken[], entry: EntryRule): ParseTokensResult {
  parser.input = tokens;
  try {
    const cst = entry === "program" ? parser.program() : parser.interpolation();
    return { cst, errors: parser.errors };
  } catch (error) {
    if (error !== TOO_MANY_ERRORS) throw error;
    return { cst: undefined, errors: parser.errors };
  }
}

/** For the CST visitor base class and for generating cst.d.ts. */
export function grammarParser(): RuleFileParser {
  return parser;
}
