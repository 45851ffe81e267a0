// Where sign-in returns to (lib/auth/next-path): only a same-site path, never another host in disguise.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/domain/next-path";

describe("safeNextPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    for (const p of ["/engineer", "/clients/8c1f/extra-hours/decide?r=1&d=approve", "/clients/x/hours?month=2026-11#q-1", "/account#notifications"]) {
      expect(safeNextPath(p), p).toBe(p);
    }
  });

  it("refuses every way to another site, a scheme, and the sign-in pages themselves", () => {
    const hostile = [
      "//evil.example", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "http:/evil.example",
      "javascript:alert(1)", "data:text/html,x", " /engineer", "/engineer\n", "/\t/evil.example", "engineer", "", "/",
      "/login", "/login?next=/x", "/login/verify", "/invite/abc", "/api/v1/clients", "/no-access", "/" + "a".repeat(600),
      "/\u2028x", "/x y", "/x\"><script>",
    ];
    for (const p of hostile) expect(safeNextPath(p), JSON.stringify(p)).toBeNull();
    for (const v of [null, undefined, 42, ["/engineer"], { toString: () => "/engineer" }]) expect(safeNextPath(v)).toBeNull();
  });
});
