/**
 * (pattern, input, expected) cases pinning the semantics of `matches`. Inputs are strings (encoded as UTF-8) or
 * raw byte arrays. `js: false` marks cases where JavaScript's RegExp intentionally disagrees or cannot express the
 * pattern (bytes vs UTF-16 code units, RE2's `\s`, Python-style group names, `(?i)`); all other cases are also
 * checked against RegExp.
 */
export interface MatchCase {
  readonly pattern: string;
  readonly input: string | readonly number[];
  readonly expected: boolean;
  readonly js?: false;
}

function cases(pattern: string, js: boolean, ...pairs: [string | number[], boolean][]): MatchCase[] {
  return pairs.map(([input, expected]) => (js ? { pattern, input, expected } : { pattern, input, expected, js: false }));
}

export const MATCH_CASES: readonly MatchCase[] = [
  // Search: unanchored unless ^ or $ is used.
  ...cases("abc", true, ["xxabcxx", true], ["abc", true], ["ab", false], ["", false], ["abab c", false], ["aabc", true]),
  ...cases("", true, ["", true], ["anything", true]),
  ...cases("^abc", true, ["abcx", true], ["xabc", false], ["ab", false]),
  ...cases("abc$", true, ["xabc", true], ["abcx", false], ["abc\n", false]),
  ...cases("^abc$", true, ["abc", true], ["abcabc", false], ["xabc", false], ["", false]),
  ...cases("^$", true, ["", true], ["a", false], ["\n", false]),
  ...cases("^", true, ["", true], ["x", true]),
  ...cases("$", true, ["", true], ["x", true]),
  ...cases("^a|b$", true, ["ax", true], ["xa", false], ["xb", true], ["bx", false], ["", false]),
  ...cases("a$|^b", true, ["xa", true], ["bx", true], ["xb", false], ["ax", false]),
  ...cases("^/v\\d+[.]json$", true, ["/v1.json", true], ["/v12.json", true], ["/v.json", false], ["x/v1.json", false], ["/v1.jsonx", false], ["/v1xjson", false]),
  // The implicit search prefix crosses newlines; ^ is the start of the input only (no multi-line mode).
  ...cases("b", true, ["a\nb", true]),
  ...cases("^b", true, ["a\nb", false]),
  ...cases("a$", true, ["a\nb", false], ["b\na", true]),
  // `.` is any byte except newline.
  ...cases(".", true, ["", false], ["\n", false], ["x", true], ["\n\nx", true]),
  ...cases("a.c", true, ["abc", true], ["a\nc", false], ["a.c", true], ["ac", false]),
  ...cases("^.$", false, ["\r", true], ["é", false], [[0xff], true], [[0x00], true]),
  ...cases("^..$", false, ["é", true]),
  // Classes.
  ...cases("[a-c]", true, ["b", true], ["xyz", false], ["xxc", true]),
  ...cases("^[a-c]+$", true, ["abcabc", true], ["abcd", false], ["", false]),
  ...cases("[^a-c]", true, ["abc", false], ["abcd", true], ["", false]),
  ...cases("^[^a-c]*$", true, ["xyz", true], ["xaz", false], ["", true]),
  ...cases("[-a]", true, ["-", true], ["b", false]),
  ...cases("[a-]", true, ["-", true], ["b", false]),
  ...cases("[a\\-z]", true, ["-", true], ["b", false], ["z", true]),
  ...cases("[\\]]", true, ["]", true], ["[", false]),
  ...cases("[\\[]", true, ["[", true]),
  ...cases("[[]", true, ["[", true]),
  ...cases("[\\d_]", true, ["_", true], ["5", true], ["a", false]),
  ...cases("^[\\w.]+@[\\w.]+$", true, ["a.b@c.d", true], ["a b@c", false]),
  ...cases("[\\s]", false, ["\t", true], ["x", false]),
  ...cases("^[\\x00-\\x1f]$", true, ["\x01", true], [" ", false]),
  ...cases("^[^\\x00-\\x7f]+$", false, ["é", true], ["e", false]),
  ...cases("[\\x80-\\xff]", false, [[0x80], true], [[0x7f], false]),
  ...cases("[.]", true, ["x", false], [".", true]),
  ...cases("[*+?{}()|^$]", true, ["$", true], ["a", false]),
  // Escapes.
  ...cases("^\\d+$", true, ["0123456789", true], ["12a", false]),
  ...cases("\\D", true, ["123", false], ["12a", true]),
  ...cases("^\\w+$", true, ["az_AZ09", true], ["a-b", false]),
  ...cases("\\W", true, ["abc_123", false], ["a b", true]),
  ...cases("\\s", true, [" ", true], ["\t", true], ["\n", true], ["\r", true], ["\f", true], ["x", false]),
  ...cases("\\s", false, ["\v", false]), // RE2's \s has no vertical tab
  ...cases("^\\S+$", true, ["abc", true], ["a c", false]),
  ...cases("a\\.b", true, ["a.b", true], ["axb", false]),
  ...cases("\\\\", true, ["a\\b", true], ["ab", false]),
  ...cases("^\\/\\-\\[\\]\\(\\)\\{\\}\\*\\+\\?\\|\\^\\$$", true, ["/-[](){}*+?|^$", true], ["/-[](){}*+?|^", false]),
  ...cases("\\n", true, ["a\nb", true], ["ab", false]),
  ...cases("\\t\\r", true, ["\t\r", true], ["\r\t", false]),
  ...cases("\\x41\\x2f", true, ["A/", true], ["a/", false]),
  ...cases("\\xff", false, [[0x61, 0xff], true], [[0xfe], false]),
  ...cases("\\#\\%\\&\\'\\,\\:\\;\\=\\@\\`\\~\\!\\\"", false, ["#%&',:;=@`~!\"", true]),
  // Quantifiers.
  ...cases("^a*$", true, ["", true], ["aaa", true], ["aab", false]),
  ...cases("^a+$", true, ["", false], ["a", true], ["aaaa", true]),
  ...cases("^a?$", true, ["", true], ["a", true], ["aa", false]),
  ...cases("^a{3}$", true, ["aa", false], ["aaa", true], ["aaaa", false]),
  ...cases("^a{2,}$", true, ["a", false], ["aa", true], ["aaaaaaa", true]),
  ...cases("^a{2,3}$", true, ["a", false], ["aa", true], ["aaa", true], ["aaaa", false]),
  ...cases("^a{0}$", true, ["", true], ["a", false]),
  ...cases("^a{0,2}b$", true, ["b", true], ["aab", true], ["aaab", false]),
  ...cases("^(ab){2}$", true, ["abab", true], ["ab", false], ["ababab", false]),
  ...cases("^(ab|c){1,3}$", true, ["cab", true], ["abcab", true], ["ababcc", false]),
  ...cases("x{2}y", true, ["axxyb", true], ["xy", false]),
  ...cases("^a*?$", true, ["aaa", true], ["b", false]),
  ...cases("a+?", true, ["baa", true], ["b", false]),
  ...cases("^a??b$", true, ["ab", true], ["b", true], ["aab", false]),
  ...cases("^a{2,3}?$", true, ["aaa", true], ["aaaa", false]),
  ...cases("^(a*)*$", true, ["aaa", true], ["ab", false]),
  ...cases("^(a|)+$", true, ["", true], ["aa", true], ["b", false]),
  ...cases("^(a*b*)*c$", true, ["ababbc", true], ["abca", false]),
  // Groups and alternation.
  ...cases("^(?:ab)+$", true, ["abab", true], ["aba", false]),
  ...cases("^(?<word>ab)+$", true, ["abab", true], ["aba", false]),
  ...cases("^(?P<word>ab)+$", false, ["abab", true], ["aba", false]),
  ...cases("^(cat|dog)s?$", true, ["cats", true], ["dog", true], ["cow", false], ["catdog", false]),
  ...cases("^(|a)$", true, ["", true], ["a", true], ["aa", false]),
  ...cases("a|", true, ["", true], ["b", true]),
  ...cases("^((a|b)(c|d))+$", true, ["acbd", true], ["acb", false]),
  ...cases("^(a(b(c(d))))$", true, ["abcd", true], ["abc", false]),
  ...cases("(a|ab)(c|bcd)(d*)", true, ["abcd", true], ["abd", false]),
  // Case-insensitivity: ASCII letters only, and a negated class is folded before it is negated.
  ...cases("(?i)abc", false, ["xABcx", true], ["ab", false]),
  ...cases("(?i)^[a-c]+$", false, ["AbC", true], ["abd", false]),
  ...cases("(?i)[^a]", false, ["A", false], ["aAb", true]),
  ...cases("(?i)\\x41", false, ["a", true]),
  ...cases("(?i)^GET|^POST", false, ["get /", true], ["Post", true], ["put", false]),
  ...cases("(?i)é", false, ["é", true], ["É", false]),
  ...cases("(?i)[^\\W]", false, ["a", true], ["-", false]),
  // UTF-8: literals are byte sequences; a quantifier repeats the whole character.
  ...cases("é", false, ["café", true], ["cafe", false]),
  ...cases("^caf.$", false, ["café", false], ["cafe", true]),
  ...cases("^caf..$", false, ["café", true]),
  ...cases("^é+$", false, ["éé", true], [[0xc3, 0xa9, 0xa9], false]),
  ...cases("😀", false, ["a😀b", true], ["a😁b", false]),
  ...cases("^(é|è)$", false, ["è", true], ["e", false]),
];
