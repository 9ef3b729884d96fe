import { ruleTester } from "../helpers.js";

ruleTester("no-cidr-without-ip", {
  valid: [
    'on request_headers when ip(request.header["x-real-ip"]) in ["10.0.0.0/8"] deny 403',
    'on request_headers when source.address in ["10.0.0.0/8"] deny 403',
    'on request_headers when client.address in ["10.0.0.0/8", "2001:db8::/32"] deny 403',
    // Plain addresses compare as text, and that may be meant: only ranges are reported.
    'on request_headers when request.header["x-real-ip"] in ["10.0.0.1"] deny 403',
    'on request_headers when request.path in ["/a/b", "/c"] deny 403',
    'param nets = ["10.0.0.0/8"]\non request_headers when source.address in nets deny 403',
  ],
  invalid: [
    {
      code: 'on request_headers when request.header["x-real-ip"] in ["10.0.0.0/8"] deny 403',
      errors: [{ messageId: "cidrOnString", line: 1, column: 25, endLine: 1, endColumn: 52 }],
    },
    { code: 'param nets = ["192.168.0.1", "10.0.0.0/8"]\non request_headers when request.header["x-real-ip"] in nets deny 403', errors: [{ messageId: "cidrOnString", line: 2, column: 25 }] },
    { code: 'on request_headers when lower(request.header["x"]) in ["2001:db8::/32"] deny 403', errors: [{ messageId: "cidrOnString", line: 1, column: 25 }] },
    // In an `else when` branch too.
    { code: 'on request_headers when request.path == "/a" deny 403 else when request.header["x"] in ["10.0.0.0/8"] deny 401', errors: [{ messageId: "cidrOnString", line: 1, column: 65 }] },
  ],
});
