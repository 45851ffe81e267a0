// The app's keys (issue 29; ASVS 11.1.1, 11.2.2): a key per purpose derived from SESSION_SECRET, named by a key id,
// and a rotation that signs nobody out: while SESSION_SECRET_PREVIOUS names the old secret, what was signed, hashed
// or sealed under it is still accepted; everything new is made under the new one.
import { decodeProtectedHeader, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { codeMatches, hashCode } from "@/lib/auth/codes";
import { SESSION_ABSOLUTE_SECONDS, signSession, verifySession } from "@/lib/auth/jwt";
import { deriveKey, keyRing, rootSecrets } from "@/lib/platform/keys";
import { checkDecisionLink, decisionLinkPath } from "@/lib/extra-hours/link";
import { notificationOfToken, replyToken } from "@/lib/updates/reply-address";
import { openSecret, resealed, sealSecret } from "@/lib/platform/secret-box";

const OLD = "the-old-secret-the-old-secret-0123456789";
const NEW = "the-new-secret-the-new-secret-9876543210";
const rotating = { current: NEW, previous: OLD };
const now = Math.floor(Date.now() / 1000);
const claims = {
  sub: "8d3c2f1e-1111-4222-8333-444455556666", email: "a@b.test", role: "authenticated" as const,
  sid: "5b1c0a9e-2222-4333-8444-555566667777", aexp: now + SESSION_ABSOLUTE_SECONDS,
};

describe("keys", () => {
  it("are one per purpose, none of them the secret itself, each named by a stable id", () => {
    const keys = (["session", "sign-in-code", "second-step", "recovery-code"] as const).map((p) => deriveKey(NEW, p));
    expect(new Set(keys.map((k) => k.key.toString("hex"))).size).toBe(4);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(4);
    for (const k of keys) {
      expect(k.key.equals(Buffer.from(NEW))).toBe(false);
      expect(k.kid).toMatch(/^[0-9a-f]{8}$/);
    }
    expect(deriveKey(NEW, "session").kid).toBe(deriveKey(NEW, "session").kid);
    expect(deriveKey(OLD, "session").kid).not.toBe(deriveKey(NEW, "session").kid);
    expect(keyRing(rotating, "session").map((k) => k.kid)).toEqual([deriveKey(NEW, "session").kid, deriveKey(OLD, "session").kid]);
    expect(rootSecrets({ current: NEW, previous: NEW })).toEqual([NEW]);
  });
});

describe("a rotation", () => {
  it("keeps a session signed under the old secret, names its key, and signs new ones under the new", async () => {
    const before = await signSession(claims, OLD);
    expect(decodeProtectedHeader(before).kid).toBe(deriveKey(OLD, "session").kid);
    await expect(verifySession(before, rotating)).resolves.toMatchObject({ sub: claims.sub, kid: deriveKey(OLD, "session").kid });
    await expect(verifySession(before, NEW)).resolves.toBeNull(); // once the previous secret is gone, so is the session
    const after = await signSession(claims, rotating);
    expect(decodeProtectedHeader(after).kid).toBe(deriveKey(NEW, "session").kid);
    await expect(verifySession(after, NEW)).resolves.toMatchObject({ sub: claims.sub });
    // A kid that names no key of ours, even with a valid signature under the raw secret, is nobody.
    const stray = await new SignJWT({ email: claims.email, role: "authenticated", sid: claims.sid, aexp: claims.aexp })
      .setProtectedHeader({ alg: "HS256", kid: "deadbeef" }).setSubject(claims.sub).setIssuer("retainer-portal").setAudience("authenticated")
      .setExpirationTime("1h").sign(new TextEncoder().encode(NEW));
    await expect(verifySession(stray, rotating)).resolves.toBeNull();
  });

  it("accepts a session token from before key ids (no kid, the raw secret) for its last week", async () => {
    const legacy = await new SignJWT({ email: claims.email, role: "authenticated", sid: claims.sid, aexp: claims.aexp })
      .setProtectedHeader({ alg: "HS256" }).setSubject(claims.sub).setIssuer("retainer-portal").setAudience("authenticated")
      .setExpirationTime("1h").sign(new TextEncoder().encode(NEW));
    await expect(verifySession(legacy, NEW)).resolves.toMatchObject({ sub: claims.sub, kid: null });
    await expect(verifySession(legacy, OLD)).resolves.toBeNull();
  });

  it("keeps codes, decision links, reply addresses and sealed secrets made under the old secret", () => {
    const code = hashCode(OLD, "a@b.test", "123456");
    expect(codeMatches(rotating, code, "a@b.test", "123456")).toBe(true);
    expect(codeMatches(NEW, code, "a@b.test", "123456")).toBe(false);
    expect(codeMatches(rotating, code, "a@b.test", "123457")).toBe(false);
    expect(hashCode(rotating, "a@b.test", "123456")).toBe(hashCode(NEW, "a@b.test", "123456"));

    const ids = { clientId: claims.sid, requestId: claims.sub, userId: claims.sub };
    const path = decisionLinkPath({ ...ids, decision: "approve", secret: OLD });
    const params = Object.fromEntries(new URL(path, "https://x.test").searchParams) as { r?: string; d?: string; e?: string; t?: string };
    expect(checkDecisionLink(ids.clientId, ids.userId, params, Date.now(), rotating)).toMatchObject({ ok: true, decision: "approve" });
    expect(checkDecisionLink(ids.clientId, ids.userId, params, Date.now(), NEW)).toMatchObject({ ok: false, reason: "invalid" });

    const token = replyToken(claims.sid, OLD);
    expect(notificationOfToken(token, rotating)).toBe(claims.sid);
    expect(notificationOfToken(token, NEW)).toBeNull();

    const sealed = sealSecret("totp-secret", "JBSWY3DPEHPK3PXP", OLD);
    expect(openSecret("totp-secret", sealed, rotating)).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret("totp-secret", sealed, NEW)).toBeNull();
  });

  it("seals a stored secret again under the new key during a rotation, so it survives the old secret (11.2.2)", () => {
    const sealed = sealSecret("slack-webhook-url", "https://hooks.slack.com/services/T0/B0/x", OLD);
    const moved = resealed("slack-webhook-url", sealed, rotating)!;
    expect(openSecret("slack-webhook-url", moved, NEW)).toBe("https://hooks.slack.com/services/T0/B0/x");
    // Already current, or no rotation, or unreadable: nothing to do.
    expect(resealed("slack-webhook-url", moved, rotating)).toBeNull();
    expect(resealed("slack-webhook-url", sealed, NEW)).toBeNull();
    expect(resealed("slack-webhook-url", sealSecret("slack-webhook-url", "x", "a-third-secret-a-third-secret-000000"), rotating)).toBeNull();
  });
});
