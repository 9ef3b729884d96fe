import { ruleTester } from "../helpers.js";

ruleTester("no-contradictory-comparison", {
  valid: [
    'on request_headers when request.path == "/a" or request.path == "/b" deny 403',
    'on request_headers when request.path == "/a" and request.method == "POST" deny 403',
    'on request_headers when request.path != "/a" and request.path != "/b" deny 403',
    'on request_headers when request.path == "/a" and request.path != "/b" deny 403',
    'on request_headers when request.method in ["GET", "HEAD"] and request.method == "GET" deny 405',
    'on request_headers when request.method in ["GET", "HEAD"] and request.method in ["HEAD", "PUT"] deny 405',
    "on request_headers when destination.port >= 8000 and destination.port < 9000 deny 403",
    "on request_headers when destination.port == 65535 or destination.port == 0 deny 403",
    "on response_headers when response.status >= 100 and response.status <= 599 stop",
    "on response_headers when response.status > 500 and 599 >= response.status stop",
    "param limit = 5\non request_headers when limit < 5 or limit > 10 deny 429",
    "on request_headers when destination.port == 80 and destination.port != 443 deny 403",
    // `in` on an address is CIDR membership: 10.1.2.3 is in 10.0.0.0/8.
    'on request_headers when source.address in ["10.0.0.0/8"] and source.address == "10.1.2.3" deny 403',
    // Other fields, other params, arithmetic: each compared with nothing it could contradict.
    "param a = 1\nparam b = 2\non request_headers when a < 5 and b > 10 deny 403",
    "on response_headers when response.status / 100 == 7 stop",
    "on response_headers when response.status + 1000 > 600 stop",
  ],
  invalid: [
    {
      code: 'on request_headers when request.path == "/a" and request.path == "/b" deny 403',
      errors: [{ messageId: "contradiction", line: 1, column: 50, endLine: 1, endColumn: 70 }],
    },
    { code: "on request_headers when destination.port > 70000 deny 403", errors: [{ messageId: "outOfRange", line: 1, column: 25 }] },
    { code: "on response_headers when response.status > 600 stop", errors: [{ messageId: "outOfRange", line: 1, column: 26 }] },
    { code: "on response_headers when response.status < 100 stop", errors: [{ messageId: "outOfRange", line: 1, column: 26 }] },
    { code: "on response_headers when 700 == response.status stop", errors: [{ messageId: "outOfRange", line: 1, column: 26 }] },
    { code: "param x = 7\non request_headers when x < 5 and x > 10 deny 403", errors: [{ messageId: "contradiction", line: 2, column: 35 }] },
    { code: "param x = 7\non request_headers when x == 5 and x != 5 deny 403", errors: [{ messageId: "contradiction", line: 2, column: 36 }] },
    { code: "param x = 7\non request_headers when x != 5 and x >= 5 and x <= 5 deny 403", errors: [{ messageId: "contradiction", line: 2, column: 47 }] },
    { code: 'on request_headers when request.path != "/a" and request.path == "/a" deny 403', errors: [{ messageId: "contradiction", line: 1, column: 50 }] },
    {
      code: 'on request_headers when request.method in ["GET", "HEAD"] and request.method == "POST" deny 405',
      errors: [{ messageId: "contradiction", line: 1, column: 63 }],
    },
    { code: 'on request_headers when request.method in ["GET"] and request.method in ["PUT"] deny 405', errors: [{ messageId: "contradiction", line: 1, column: 55 }] },
    // Inside `or`, only that part is never true; the message says so.
    {
      code: 'on request_headers when request.method == "GET" or (destination.port < 80 and destination.port > 8080) deny 403',
      errors: [{ messageId: "contradiction", line: 1, column: 79 }],
    },
    { code: "on response_headers when not (response.status >= 1000) stop", errors: [{ messageId: "outOfRange", line: 1, column: 31 }] },
    // One report per `and` run.
    { code: "on request_headers when destination.port > 70000 and destination.port < 0 deny 403", errors: [{ messageId: "outOfRange", line: 1, column: 25 }] },
  ],
});
