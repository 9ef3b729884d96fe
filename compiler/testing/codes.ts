import type { CodeDoc } from "../../grammar/diagnostic.js";

/** Stable codes of the test-case file diagnostics (E0601..E0699; E0420..E0429 for `authz` answers). */
export const TestCode = {
  yamlSyntax: "E0601",
  notAMap: "E0602",
  unknownKey: "E0603",
  wrongType: "E0604",
  notAllowedValue: "E0605",
  malformedValue: "E0606",
  outOfRange: "E0607",
  missingKey: "E0608",
  duplicateKey: "E0609",
  duplicateCaseName: "E0610",
  rulesNotFound: "E0611",
  rulesOverridden: "E0612",
  badRegex: "E0613",
  noCases: "E0614",
  conflictingGrpcAnswer: "E0615",
  duplicateGrpcMethod: "E0616",
  unknownParam: "E0617",
  badMetricLabel: "E0618",
  negativeMetric: "E0619",
  // The `authz:` answers and `expect: authz:` checks (authz-answer-checks.ts) take E0420-E0429.
  authzAnswerKey: "E0420",
  authzErrorStatus: "E0421",
  authzNoAnswerConflict: "E0422",
  authzNoVerdict: "E0423",
  authzDenyStatus: "E0424",
  authzExpectWithoutAnswer: "E0425",
  authzGrpcOnlyField: "E0426",
  authzUncalledCluster: "E0427",
} as const;

const example = (incorrect: string, correct: string) =>
  `Incorrect:\n\n\`\`\`yaml\n${incorrect}\n\`\`\`\n\nCorrect:\n\n\`\`\`yaml\n${correct}\n\`\`\``;

export const TEST_CODES: Record<string, CodeDoc> = {
  E0601: {
    title: "the test-case file is not valid YAML",
    explanation: `The case file could not be parsed as YAML, so none of its cases ran.

${example("cases:\n  - name: hello\n     request: { path: / }", "cases:\n  - name: hello\n    request: { path: / }")}

Keys of one map start in the same column; indent with spaces; quote values that contain \`: \`.`,
  },
  E0602: {
    title: "the test-case file must be a map",
    explanation: `The top level of a case file is a map with a \`cases\` list (and optionally \`rules\`, \`config\` and
\`logLevel\`), not a bare list of cases.

${example("- name: hello\n  expect: { upstream: true }", "cases:\n  - name: hello\n    expect: { upstream: true }")}`,
  },
  E0603: {
    title: "unknown key in a test-case file",
    explanation: `The key means nothing at this place in a case file; usually it is misspelt, or it belongs one level
up or down (\`status\` goes under \`response\` or \`expect.response\`). The hint names the closest key.

${example("cases:\n  - name: refused\n    expect: { respone: { status: 403 } }", "cases:\n  - name: refused\n    expect: { response: { status: 403 } }")}

The keys are described in docs/testing.md and schemas/filterc-test.schema.json.`,
  },
  E0604: {
    title: "a value of the wrong type in a test-case file",
    explanation: `The value has the wrong type for its key: a status must be a whole number, headers a map, logs a
list.

${example("cases:\n  - name: ok\n    expect: { response: { status: \"200\" } }", "cases:\n  - name: ok\n    expect: { response: { status: 200 } }")}`,
  },
  E0605: {
    title: "a value that is not one of the allowed ones",
    explanation: `The key takes one of a fixed set of values, e.g. a log level is one of trace, debug, info, warn,
error and critical.

${example("expect:\n  logs: [{ level: warning, contains: refused }]", "expect:\n  logs: [{ level: warn, contains: refused }]")}`,
  },
  E0606: {
    title: "a malformed value in a test-case file",
    explanation: `The value has the right type but not the right form: an address must be an IP or IP:port
(\`[2001:db8::1]:443\` for IPv6 with a port), a header name a token such as \`x-request-id\`, a method a token
such as \`GET\`.

${example("request: { source: \"10.0.0.1 port 80\" }", "request: { source: \"10.0.0.1:80\" }")}`,
  },
  E0607: {
    title: "a number out of range",
    explanation: `HTTP statuses are 100 to 599, ports 1 to 65535.

${example("response: { status: 999 }", "response: { status: 503 }")}`,
  },
  E0608: {
    title: "a required key is missing",
    explanation: `Every case needs a \`name\`, and the file needs a \`cases\` list.

${example("cases:\n  - request: { path: / }", "cases:\n  - name: the root page\n    request: { path: / }")}`,
  },
  E0609: {
    title: "a key appears twice in the same map",
    explanation: `YAML maps cannot repeat a key, and only one of the values would be used. To send a header
twice, give it a list of values.

${example("headers:\n  cookie: a=1\n  cookie: b=2", "headers:\n  cookie: [a=1, b=2]")}`,
  },
  E0610: {
    title: "two cases have the same name",
    explanation: `Case names identify the cases in the runner's output and in JUnit reports, so each must be unique
in its file.

${example("cases:\n  - name: admin\n  - name: admin", "cases:\n  - name: admin from outside\n  - name: admin from the office")}`,
  },
  E0611: {
    title: "the rule file named by `rules` does not exist",
    explanation: `\`rules\` names the rule file the cases test, relative to the case file. The file is not there.

${example("# tests/admin.test.yaml\nrules: admin-gate.fw", "# tests/admin.test.yaml\nrules: ../examples/admin-gate.fw")}`,
  },
  E0612: {
    title: "`rules` is ignored: the command line names the rules",
    explanation: `A warning: the command line named a rule file (or a module with \`--wasm\`), and the case file's
\`rules\` key names another. The command line wins; the key is ignored.

Run \`filterc test cases.test.yaml\` to use the key, or remove the key.`,
  },
  E0613: {
    title: "an invalid regular expression",
    explanation: `\`matches\` takes a JavaScript regular expression, and this one does not compile. Escape
characters that have a meaning in regular expressions (\`.\`, \`?\`, \`(\`, \`[\`) with a backslash, which YAML
keeps as it is in single quotes.

${example("body: { matches: \"id=(\\\\d+\" }", "body: { matches: 'id=\\d+' }")}`,
  },
  E0615: {
    title: "a gRPC method that both answers and does not",
    explanation: `\`noAnswer: true\` says the service never answers, so the call times out; a \`message\`, \`status\`,
\`statusMessage\` or \`delay\` beside it would never be used. Keep one of the two.

${example("grpc:\n  - { cluster: auth, service: authz.Check, method: Check, noAnswer: true, status: 14 }", "grpc:\n  - { cluster: auth, service: authz.Check, method: Check, status: 14 }")}`,
  },
  E0616: {
    title: "a gRPC method declared twice",
    explanation: `One \`grpc\` list declares the same cluster, service and method twice, and only one answer can be
used. (A case's \`grpc\` entry may replace one of the file's: that is not a duplicate.)

${example("grpc:\n  - { cluster: auth, service: authz.Check, method: Check, status: 7 }\n  - { cluster: auth, service: authz.Check, method: Check, status: 14 }", "grpc:\n  - { cluster: auth, service: authz.Check, method: Check, status: 7 }")}`,
  },
  E0614: {
    title: "no test cases",
    explanation: `The case file has an empty \`cases\` list, so it tests nothing.

${example("cases: []", "cases:\n  - name: says hello\n    expect: { response: { headers: { hello: world } } }")}`,
  },
  E0617: {
    title: "a config key that no param declares",
    explanation: `Every key of a \`config\` map (the file's or a case's, except \`disabled_rules\`) sets a \`param\` of the rules
under test. The filter ignores a key that no param declares, so the case would run with the default and could
pass for the wrong reason. Checked against the rule file's params; not for \`--wasm\` modules, whose params are
unknown, nor for \`config\` given as JSON text (which can test malformed configurations).

${example("# rules declare: param maintenance_bypass = false\nconfig: { maintenanse_bypass: true }", "config: { maintenance_bypass: true }")}`,
  },
  E0618: {
    title: "a metric label that no counter can have",
    explanation: `Under \`expect.metrics\`, a map gives a labelled counter's value per label (\`count "requests" by ...\`), or a
histogram's \`samples\` and \`sum\` (\`observe\`). A label is the value as the filter writes it into the stat name:
letters, digits, \`_\` and \`-\`, at most 64 bytes (other characters become \`_\`), so a key with any other character
could never match and the case would test nothing.

${example("expect:\n  metrics:\n    requests: { \"acme corp\": 1 }", "expect:\n  metrics:\n    requests: { acme_corp: 1, other: 0 }")}`,
  },
  E0619: {
    title: "a negative metric value",
    explanation: `Counters only grow and histograms record values of 0 or more (a negative \`observe\` value is not
recorded), so no metric expectation can be negative.

${example("expect:\n  metrics:\n    requests: -1", "expect:\n  metrics:\n    requests: 0")}`,
  },
  E0420: {
    title: "a key that does not belong to this kind of `authz` answer",
    explanation: `An \`authz\` answer is one of three kinds, and each takes its own keys: an allowing answer
(\`allow: true\`) takes \`headers\`, \`append_headers\`, \`remove_headers\` and \`delay_ms\`; a denial (\`allow: false\`)
takes \`status\`, \`headers\`, \`body\` and \`delay_ms\`; a failed call (a \`status\` without \`allow\`) takes only its
gRPC \`status\`. Any of them may name its \`cluster\`. A key of another kind would be ignored.

${example("authz: { allow: true, status: 200, body: welcome }", "authz: { allow: true, headers: { x-user-id: alice } }")}`,
  },
  E0421: {
    title: "an `authz` error status that is not a gRPC status",
    explanation: `Without \`allow\`, an \`authz\` answer with a \`status\` is a call that fails with that gRPC status (1 to
16, e.g. 14 UNAVAILABLE), and the action's \`on failure\` choice applies. An HTTP status there usually means a
denial whose \`allow: false\` was forgotten.

${example("authz: { status: 403, body: no entry }", "authz: { allow: false, status: 403, body: no entry }")}`,
  },
  E0422: {
    title: "an `authz` answer that both answers and does not",
    explanation: `\`noAnswer: true\` says the service never answers, so the call times out; an \`allow\`, \`status\`,
\`headers\` or \`delay_ms\` beside it would never be used. Keep one of the two.

${example("authz: { noAnswer: true, allow: false }", "authz: { noAnswer: true }")}`,
  },
  E0423: {
    title: "an `authz` answer without a verdict",
    explanation: `An \`authz\` answer must say what the service does: \`allow: true\`, \`allow: false\` (a denial),
\`status: N\` (the call fails with gRPC status N) or \`noAnswer: true\` (\`authz: no-answer\` for short).

${example("authz: { headers: { x-user-id: alice } }", "authz: { allow: true, headers: { x-user-id: alice } }")}`,
  },
  E0424: {
    title: "an `authz` denial with a status that allows",
    explanation: `Over HTTP, ext-authz treats any 2xx answer as allowing the request, and a 1xx is no final answer,
so a denial's \`status\` must be 300 or more (403 when left out, as Envoy's ext_authz).

${example("authz: { allow: false, status: 200 }", "authz: { allow: false, status: 401, headers: { www-authenticate: Bearer } }")}`,
  },
  E0425: {
    title: "`expect.authz` without an `authz` answer",
    explanation: `\`expect: { authz: ... }\` checks the request the filter sent the service that the case's \`authz\`
answer stands for. Without an \`authz\` answer (in the case or at the top of the file) no such service records
anything, so the check could not hold, not even \`authz: false\`.

${example("cases:\n  - name: asks the service\n    expect: { authz: { path: /api } }", "cases:\n  - name: asks the service\n    authz: { allow: true }\n    expect: { authz: { path: /api } }")}`,
  },
  E0426: {
    title: "a gRPC-only field in an `expect.authz` over HTTP",
    explanation: `\`scheme\`, \`protocol\`, \`id\`, \`source\` and \`destination\` are fields of the gRPC CheckRequest. An
HTTP check (\`transport: http\`) carries only the method, path, host and headers, so such a key could never hold.

${example("expect:\n  authz: { transport: http, source: { address: 10.0.0.1 } }", "expect:\n  authz: { transport: grpc, source: { address: 10.0.0.1 } }")}`,
  },
  E0427: {
    title: "an `authz` answer on a cluster the rules never call",
    explanation: `A warning: \`cluster\` in an \`authz\` answer names the cluster that answers, and the rules under test
never call it (no \`authorize with "..."\` names it). That answer reaches no call, and the clusters the rules do
call stay unknown to the test proxy, so their calls fail at once and \`on failure\` decides. Usually the name is
misspelt; leave \`cluster\` out to answer on every cluster the rules call.

${example("# rules: authorize with \"ext-authz\"\nauthz: { allow: true, cluster: ext_authz }", "authz: { allow: true, cluster: ext-authz }")}`,
  },
};
