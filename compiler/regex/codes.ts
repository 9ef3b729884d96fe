import type { CodeDoc } from "../../grammar/diagnostic.js";

/** The stable codes of regular-expression errors (range E0301..E0399). */
export const RegexCode = {
  unbalancedParen: "E0301",
  unbalancedBracket: "E0302",
  emptyClass: "E0303",
  badRange: "E0304",
  nonAsciiInClass: "E0305",
  unknownEscape: "E0306",
  backreference: "E0307",
  lookaround: "E0308",
  possessive: "E0309",
  wordBoundary: "E0310",
  nothingToRepeat: "E0311",
  badRepetition: "E0312",
  repeatTooLarge: "E0313",
  misplacedAnchor: "E0314",
  unsupportedSyntax: "E0315",
  patternTooLarge: "E0316",
  tooManyStates: "E0317",
  groupsTooLarge: "E0318",
} as const;

/** The long form of each code, printed by `filterc explain`. */
export const REGEX_CODES: Record<string, CodeDoc> = {
  [RegexCode.unbalancedParen]: {
    title: "unbalanced parenthesis in a regular expression",
    explanation: `A \`(\` has no matching \`)\`, or a \`)\` has no \`(\` before it.

Incorrect: \`request.path matches "^/(api|v1"\`
Correct: \`request.path matches "^/(api|v1)"\`

To match a parenthesis itself, escape it: \`\\(\` or \`\\)\`.`,
  },
  [RegexCode.unbalancedBracket]: {
    title: "unbalanced bracket in a regular expression",
    explanation: `A character class \`[\` is never closed by \`]\`, or a \`]\` appears outside any class.

Incorrect: \`request.path matches "^/[a-z+"\`
Correct: \`request.path matches "^/[a-z]+"\`

To match a bracket itself, escape it: \`\\[\` or \`\\]\` (also inside a class).`,
  },
  [RegexCode.emptyClass]: {
    title: "character class that matches nothing",
    explanation: `A class such as \`[]\`, or a negated class that excludes every byte such as \`[^\\x00-\\xff]\`, can never
match. filterc reports it because a condition that can never be true is almost always a mistake.

Incorrect: \`request.path matches "[]a]"\`
Correct: \`request.path matches "[\\]a]"\` (a \`]\` inside a class must be escaped)`,
  },
  [RegexCode.badRange]: {
    title: "invalid range in a character class",
    explanation: `A range \`[x-y]\` must go upwards (\`x\` not after \`y\` in byte order) and both ends must be single
characters, not classes like \`\\d\`.

Incorrect: \`request.path matches "[z-a]"\`, \`"[\\d-z]"\`
Correct: \`request.path matches "[a-z]"\`, \`"[0-9a-z]"\`

To include a literal \`-\`, put it first or last in the class or escape it: \`[a\\-z]\`.`,
  },
  [RegexCode.nonAsciiInClass]: {
    title: "non-ASCII character inside a character class",
    explanation: `filterc matches bytes of UTF-8 text. A non-ASCII character is several bytes, so \`[éè]\` cannot be
expressed as a set of single bytes; classes of non-ASCII characters are not supported yet.

Incorrect: \`request.path matches "[éè]"\`
Correct: \`request.path matches "(é|è)"\`

Outside classes non-ASCII characters work as literals; a single byte can be written as \`\\xHH\`.`,
  },
  [RegexCode.unknownEscape]: {
    title: "unknown escape sequence in a regular expression",
    explanation: `After \`\\\` filterc accepts \`d w s D W S\` (classes), \`n t r f v\` (control characters), \`xHH\` (one
byte, two hex digits) and any ASCII punctuation (the character itself, e.g. \`\\.\`). Other letters and digits are
errors rather than silently meaning the letter, so that a typo or an escape from another regex dialect is noticed.

Incorrect: \`request.path matches "\\A/api"\`, \`"\\e"\`, \`"\\x4"\`
Correct: \`request.path matches "^/api"\`, \`"\\x1b"\`, \`"\\x04"\`

If the backslash comes from the rule file's string, remember that only \`\\\\\` and \`\\"\` are string escapes in a
\`matches\` pattern; everything else reaches the regex compiler as written.`,
  },
  [RegexCode.backreference]: {
    title: "backreferences are not supported",
    explanation: `\`\\1\`, \`\\k<name>\` and \`(?P=name)\` refer back to what a group matched. Backreferences need
backtracking, which filterc rules out to keep matching linear-time: every pattern compiles to a finite automaton that
reads each byte of the input once.

Incorrect: \`request.path matches "^/(\\w+)/\\1$"\`
Correct: compare the parts in separate conditions, or list the expected values explicitly.`,
  },
  [RegexCode.lookaround]: {
    title: "lookahead and lookbehind are not supported",
    explanation: `\`(?=...)\`, \`(?!...)\`, \`(?<=...)\` and \`(?<!...)\` are not supported: filterc's matcher is a
single forward pass without backtracking.

Incorrect: \`request.path matches "^/api/(?!internal)"\`
Correct: \`request.path matches "^/api/" and not (request.path starts_with "/api/internal")\`

Combine several \`matches\`, \`starts_with\` or \`contains\` conditions with \`and\`, \`or\` and \`not\` instead.`,
  },
  [RegexCode.possessive]: {
    title: "possessive quantifiers and atomic groups are not supported",
    explanation: `\`a*+\`, \`a++\`, \`a?+\`, \`a{2,}+\` and \`(?>...)\` control backtracking, which filterc's matcher
never does. A true/false match result does not depend on them in the common cases, so drop the extra \`+\` or the
\`?>\`.

Incorrect: \`request.path matches "^/\\d++$"\`
Correct: \`request.path matches "^/\\d+$"\``,
  },
  [RegexCode.wordBoundary]: {
    title: "word boundaries are not supported",
    explanation: `\`\\b\`, \`\\B\`, \`\\<\` and \`\\>\` (word boundaries) are not supported.

Incorrect: \`request.header["accept"] matches "\\bjson\\b"\`
Correct: \`request.header["accept"] matches "^json$|^json\\W|\\Wjson$|\\Wjson\\W"\`

Often the actual delimiters are clearer: \`"[/,; ]json([/,; ]|\\?)"\`. Inside a class, write a backspace byte as \`\\x08\`.`,
  },
  [RegexCode.nothingToRepeat]: {
    title: "quantifier with nothing to repeat",
    explanation: `\`*\`, \`+\`, \`?\` and \`{n,m}\` repeat the item before them. They are errors at the start of the
pattern, of a group or of an alternative, after \`^\`, and directly after another quantifier.

Incorrect: \`request.path matches "*.json"\`, \`"a**"\`
Correct: \`request.path matches ".*[.]json"\` (or just \`"[.]json$"\`: matching searches), \`"a*"\`

To match the character itself, escape it: \`\\*\`, \`\\+\`, \`\\?\`, \`\\{\`.`,
  },
  [RegexCode.badRepetition]: {
    title: "malformed counted repetition",
    explanation: `A \`{\` must start a counted repetition \`{n}\`, \`{n,}\` or \`{n,m}\` with \`n <= m\`, and \`}\` may only
close one.

Incorrect: \`request.path matches "a{,3}"\`, \`"a{5,2}"\`, \`"{id}"\`
Correct: \`request.path matches "a{0,3}"\`, \`"a{2,5}"\`, \`"\\{id\\}"\``,
  },
  [RegexCode.repeatTooLarge]: {
    title: "repetition count over 1000",
    explanation: `Counted repetitions are expanded at build time, so counts are limited to 1000.

Incorrect: \`request.path matches "^/[a-z]{1,5000}$"\`
Correct: \`request.path matches "^/[a-z]+$"\` (check lengths with a separate condition if needed)`,
  },
  [RegexCode.misplacedAnchor]: {
    title: "anchor in an unsupported position",
    explanation: `\`^\` may appear only at the start of the pattern or of a top-level alternative, and \`$\` only at the
end of the pattern or of a top-level alternative. There is no multi-line mode, so an anchor anywhere else could never
match or would be redundant.

Incorrect: \`request.path matches "(^/a|^/b)"\`, \`"/api$/"\`
Correct: \`request.path matches "^/a|^/b"\` or \`"^/(a|b)"\`

To match the characters themselves, escape them: \`\\^\`, \`\\$\`.`,
  },
  [RegexCode.unsupportedSyntax]: {
    title: "unsupported regular-expression syntax",
    explanation: `filterc supports an RE2-like subset. Not supported: flags other than a leading \`(?i)\` (e.g. \`(?s)\`,
\`(?m)\`, \`(?i:...)\` or \`(?i)\` in the middle), comments \`(?#...)\`, POSIX classes \`[[:alpha:]]\`, Unicode classes
\`\\p{L}\`, and malformed group names.

Incorrect: \`request.path matches "^/(?i)api"\`, \`"[[:digit:]]"\`
Correct: \`request.path matches "(?i)^/api"\`, \`"[0-9]"\``,
  },
  [RegexCode.patternTooLarge]: {
    title: "regular expression too large after expanding repetitions",
    explanation: `Counted repetitions are copied out at build time; nested counts multiply, so \`(a{100}){100}\` is
10,000 copies. filterc limits the expanded pattern to keep builds fast and filters small.

Incorrect: \`request.path matches "^(x{100}-){100}$"\`
Correct: \`request.path matches "^(x+-)+$"\` with the exact shape checked elsewhere if it matters.`,
  },
  [RegexCode.tooManyStates]: {
    title: "regular expression needs too many automaton states",
    explanation: `Each pattern compiles to a deterministic automaton (DFA) whose table is placed in the filter. Some
patterns need exponentially many states, typically a counted repeat after an unbounded part in a search, such as
\`a.{20}\` (the automaton must remember which of the last 20 bytes were \`a\`). The limit defaults to 1024 states.

Incorrect: \`request.path matches "a.{20}$"\`
Correct: \`request.path matches "a[^a]{20}$"\` (when it fits the intent: a repeated part that cannot contain the
character before it needs only a counter), an anchored pattern, or several \`matches\` combined with \`and\`/\`or\`.`,
  },
  [RegexCode.groupsTooLarge]: {
    title: "regular expression too large for `match[N]`",
    explanation: `A rule that reads \`match[N]\` takes the groups of its \`matches\` from a second pass over the matched
value (docs/language.md, "Match groups"). That pass advances one thread per instruction of the pattern, each
holding a start and an end offset per group, in a scratch area of fixed size in the filter; instructions x
(1 + 2 x (groups + 1)) may be at most 2048. Rules that do not read \`match\` have no such limit. (The check is made
on the general form of the pass; one-pass patterns run in a smaller one, see docs/language.md.)

Incorrect: \`request.path matches "^/(a)(b)(c)(d)(e)(f)(g)(h)/(.{1,200})$"\` in a rule that reads \`match[9]\`
Correct: \`request.path matches "^/(?:a)(?:b)(?:c)(?:d)(?:e)(?:f)(?:g)(?:h)/(.+)$"\` and \`match[1]\`: write \`(?:...)\`
for groups you do not read, and prefer \`+\` or \`*\` to a large counted repetition.`,
  },
};
