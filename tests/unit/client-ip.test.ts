// Which address sign-in limits count, with rotated and forged headers, with and without a trusted proxy.
import { describe, expect, it } from "vitest";
import { clientIpFrom, proxyTrust } from "@/lib/auth/client-ip";

const h = (headers: Record<string, string>) => new Headers(headers);

describe("clientIpFrom", () => {
  it("without a trusted proxy, counts the socket and ignores whatever X-Forwarded-For a client sends", () => {
    const none = proxyTrust(undefined);
    for (const forged of ["1.2.3.4", "10.0.0.1, 10.0.0.2", "::1", "not-an-ip", ""]) {
      expect(clientIpFrom(h({ "x-forwarded-for": forged, "x-real-ip": "9.9.9.9" }), none, "203.0.113.7")).toBe("203.0.113.7");
    }
    expect(clientIpFrom(h({}), none, "::ffff:198.51.100.2")).toBe("198.51.100.2");
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4" }), none, null)).toBeNull(); // unknown, never a shared bucket
  });

  it("behind one proxy, takes the address that proxy appended; a client's own entries stay to its left", () => {
    const one = proxyTrust("1");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.7" }), one, "10.0.0.5")).toBe("203.0.113.7");
    // An attacker rotating the header only changes what sits left of the proxy's entry.
    const seen = new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((fake) => clientIpFrom(h({ "x-forwarded-for": `${fake}, 203.0.113.7` }), one, "10.0.0.5")));
    expect([...seen]).toEqual(["203.0.113.7"]);
  });

  it("behind two proxies, counts two hops from the right, and refuses a header too short to hold them", () => {
    const two = proxyTrust("2");
    expect(clientIpFrom(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.9" }), two, "10.0.0.5")).toBe("203.0.113.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "203.0.113.7" }), two, "10.0.0.5")).toBeNull();
    expect(clientIpFrom(h({ "x-forwarded-for": "garbage, 10.0.0.9" }), two, null)).toBeNull();
  });

  it("on Vercel, trusts only Vercel's own header", () => {
    const vercel = proxyTrust("vercel");
    expect(clientIpFrom(h({ "x-vercel-forwarded-for": "203.0.113.7", "x-forwarded-for": "1.2.3.4" }), vercel, "10.0.0.5")).toBe("203.0.113.7");
    expect(clientIpFrom(h({ "x-forwarded-for": "1.2.3.4" }), vercel, "10.0.0.5")).toBeNull();
  });
});
