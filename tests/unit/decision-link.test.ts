// The signed decision links of the extra hours email (lib/extra-hours/link): valid for the owner, request and
// decision they were made for, for 14 days; any change to a part, or another reader, makes them invalid.
import { describe, expect, it } from "vitest";
import { checkDecisionLink, decisionLinkPath } from "@/lib/extra-hours/link";

const CLIENT = "5b0d9a2e-8c1f-4f7e-9a55-3c2d1e0f9a11";
const REQUEST = "7e3c1a2b-4d5e-4f60-8a9b-0c1d2e3f4a5b";
const OWNER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const NOW = Date.parse("2026-11-18T20:00:00Z");
const SECRET = "decision-link-test-secret-0123456789";
const params = (path: string) => Object.fromEntries(new URL(path, "http://x").searchParams) as { r?: string; d?: string; e?: string; t?: string };

describe("decision links", () => {
  it("work for the owner they name, for that request and decision, until they expire", () => {
    const path = decisionLinkPath({ clientId: CLIENT, requestId: REQUEST, userId: OWNER, decision: "approve", now: NOW, secret: SECRET });
    expect(path).toMatch(new RegExp(`^/clients/${CLIENT}/extra-hours/decide\\?r=${REQUEST}&d=approve&e=\\d+&t=[\\w-]{43}$`));
    expect(checkDecisionLink(CLIENT, OWNER, params(path), NOW, SECRET)).toEqual({ ok: true, requestId: REQUEST, decision: "approve" });
    expect(checkDecisionLink(CLIENT, OWNER, params(path), NOW + 13.9 * 86_400_000, SECRET).ok).toBe(true);
    expect(checkDecisionLink(CLIENT, OWNER, params(path), NOW + 14.01 * 86_400_000, SECRET)).toEqual({ ok: false, reason: "expired" });
  });

  it("are invalid under another secret (a rotated SESSION_SECRET ends them)", () => {
    const path = decisionLinkPath({ clientId: CLIENT, requestId: REQUEST, userId: OWNER, decision: "approve", now: NOW, secret: SECRET });
    expect(checkDecisionLink(CLIENT, OWNER, params(path), NOW, `${SECRET}-rotated`)).toEqual({ ok: false, reason: "invalid" });
  });

  it("are invalid for anyone else, on another client, or with any part changed", () => {
    const p = params(decisionLinkPath({ clientId: CLIENT, requestId: REQUEST, userId: OWNER, decision: "decline", now: NOW, secret: SECRET }));
    const other = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    const cases: [string, string, typeof p][] = [
      ["another reader", CLIENT, { ...p }],
      ["another client", other, { ...p }],
      ["the decision flipped", CLIENT, { ...p, d: "approve" }],
      ["another request", CLIENT, { ...p, r: other }],
      ["a later expiry", CLIENT, { ...p, e: String(Number(p.e) + 86_400) }],
      ["a changed signature", CLIENT, { ...p, t: `${p.t!.slice(0, -1)}${p.t!.endsWith("A") ? "B" : "A"}` }],
      ["no signature", CLIENT, { ...p, t: undefined }],
      ["a long signature", CLIENT, { ...p, t: "a".repeat(500) }],
      ["a decision that is no decision", CLIENT, { ...p, d: "approve;drop" }],
      ["an id that is no id", CLIENT, { ...p, r: "1 or 1=1" }],
    ];
    for (const [what, client, q] of cases) {
      const reader = what === "another reader" ? other : OWNER;
      expect(checkDecisionLink(client, reader, q, NOW, SECRET), what).toEqual({ ok: false, reason: "invalid" });
    }
  });
});
