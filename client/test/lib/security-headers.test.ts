import { contentSecurityPolicy, malformedPath } from "@/lib/security-headers";

const directive = (csp: string, name: string) =>
  csp
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.split(" ")
    .slice(1);

describe("Content-Security-Policy (issue 12, finding 8)", () => {
  test("no page may be framed, scripts need this response's nonce", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(csp, "script-src")).toEqual(expect.arrayContaining(["'nonce-abc123'", "'strict-dynamic'"]));
    expect(directive(csp, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(csp, "script-src")).not.toContain("'unsafe-eval'");
    expect(directive(csp, "object-src")).toEqual(["'none'"]);
  });

  test("the PayPal SDK may load and frame its buttons, from PayPal or the configured SDK location", () => {
    const csp = contentSecurityPolicy("n", { paypalSdkUrl: "https://sdk.example.test/sdk/js?x=1" });
    for (const name of ["script-src", "frame-src", "connect-src"]) {
      expect(directive(csp, name)).toEqual(
        expect.arrayContaining(["https://*.paypal.com", "https://sdk.example.test"]),
      );
    }
  });

  test("only next dev may evaluate code", () => {
    expect(directive(contentSecurityPolicy("n", { development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});

test("undecodable paths are recognised (answered 400, not a render error)", () => {
  expect(malformedPath("/tickets/%ZZ")).toBe(true);
  expect(malformedPath("/orders/%E0%A4%A")).toBe(true);
  expect(malformedPath("/tickets/abc%20def")).toBe(false);
});
