// Writes are accepted only from the portal's own origin, APP_URL's (issue 20, item 6).
import { describe, expect, it } from "vitest";
import { crossOriginRefusal, originOf } from "@/lib/auth/origin";

const APP = "https://portal.example.com";
const action = (origin: string | null, pathname = "/clients/x/hours") => ({ method: "POST", pathname, action: true, origin });

describe("crossOriginRefusal", () => {
  it("lets the portal's own pages write", () => {
    expect(crossOriginRefusal(action(APP), [APP])).toBeNull();
    expect(crossOriginRefusal({ method: "POST", pathname: "/login", action: false, origin: APP }, [APP])).toBeNull();
  });

  it("refuses an action or a post to a page from any other origin, with a sentence naming the portal's address", () => {
    const others = ["https://evil.example", "http://portal.example.com", "https://portal.example.com:8443", "https://portal.example.com.evil.example",
      "null", "not a url", "", "HTTPS://PORTAL.EXAMPLE.COM"];
    for (const origin of others) {
      expect(crossOriginRefusal(action(origin), [APP]), origin).toMatch(/so it was refused and nothing was changed\. Open the portal at https:\/\/portal\.example\.com and try again\.\n$/);
      expect(crossOriginRefusal({ method: "POST", pathname: "/login", action: false, origin }, [APP]), origin).not.toBeNull();
    }
    expect(crossOriginRefusal(action("https://evil.example"), [APP])).toBe(
      "This request came from https://evil.example, not from the portal at https://portal.example.com, so it was refused and nothing was changed. Open the portal at https://portal.example.com and try again.\n");
    expect(crossOriginRefusal(action("null"), [APP])).toMatch(/^This request came from a page with no address of its own, not from the portal/);
    expect(crossOriginRefusal(action(`https://${"a".repeat(300)}.example`), [APP])!.length).toBeLessThan(300);
  });

  it("checks actions whatever their path, but leaves reads, and /api routes called server to server, alone", () => {
    expect(crossOriginRefusal(action("https://evil.example", "/api/cron/close-months"), [APP])).not.toBeNull();
    for (const path of ["/api/stripe/webhook", "/api/cron/close-months", "/api/cron/send-mail"]) {
      expect(crossOriginRefusal({ method: "POST", pathname: path, action: false, origin: "https://evil.example" }, [APP])).toBeNull();
    }
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(crossOriginRefusal({ method, pathname: "/clients/x", action: false, origin: "https://evil.example" }, [APP])).toBeNull();
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(crossOriginRefusal({ method, pathname: "/clients/x", action: false, origin: "https://evil.example" }, [APP])).not.toBeNull();
    }
  });

  it("lets a request without Origin through (no browser sends a POST without one), as Next does", () => {
    expect(crossOriginRefusal(action(null), [APP])).toBeNull();
  });

  it("accepts any of the allowed origins (next dev adds the one the browser used)", () => {
    expect(crossOriginRefusal(action("http://127.0.0.1:3000"), ["http://localhost:3000", "http://127.0.0.1:3000"])).toBeNull();
  });
});

describe("originOf", () => {
  it("reduces a URL to its origin, and refuses what is not an http(s) URL", () => {
    expect(originOf("https://portal.example.com/some/path?x=1")).toBe(APP);
    expect(originOf("https://portal.example.com:443/")).toBe(APP);
    expect(originOf("http://localhost:3100")).toBe("http://localhost:3100");
    for (const bad of [undefined, "", "portal.example.com", "javascript:alert(1)", "file:///etc/passwd"]) expect(originOf(bad)).toBeNull();
  });
});
