import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { hashCode, newCode, sameHash } from "@/lib/auth/codes";
import { SESSION_ABSOLUTE_SECONDS, SESSION_MAX_AGE_SECONDS, signSession, verifySession } from "@/lib/auth/jwt";

const secret = "unit-test-secret-unit-test-secret-0123";
const now = Math.floor(Date.now() / 1000);
const claims = {
  sub: "8d3c2f1e-1111-4222-8333-444455556666", email: "a@b.test", role: "authenticated" as const,
  sid: "5b1c0a9e-2222-4333-8444-555566667777", aexp: now + SESSION_ABSOLUTE_SECONDS,
};

describe("session tokens", () => {
  it("round-trips the claims", async () => {
    const token = await signSession(claims, secret);
    await expect(verifySession(token, secret)).resolves.toMatchObject(claims);
  });

  it("rejects another secret, a tampered token, an expired token and alg none", async () => {
    const token = await signSession(claims, secret);
    await expect(verifySession(token, "another-secret-another-secret-0123456")).resolves.toBeNull();
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), sub: "someone-else" })).toString("base64url");
    await expect(verifySession(`${h}.${forged}.${s}`, secret)).resolves.toBeNull();
    const old = await signSession(claims, secret, Math.floor(Date.now() / 1000) - SESSION_MAX_AGE_SECONDS - 5);
    await expect(verifySession(old, secret)).resolves.toBeNull();
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${p}.`;
    await expect(verifySession(none, secret)).resolves.toBeNull();
  });

  it("slides 7 days at a time but never past the session's absolute end", async () => {
    const signedIn = now - 29 * 86_400; // 29 days ago: one day of the 30 is left
    const sliding = { ...claims, aexp: signedIn + SESSION_ABSOLUTE_SECONDS };
    const token = await signSession(sliding, secret, now);
    const { exp } = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as { exp: number };
    expect(exp).toBe(sliding.aexp);
    expect(exp - now).toBeLessThan(SESSION_MAX_AGE_SECONDS);
    const over = await signSession({ ...claims, aexp: now - 1 }, secret, now - 10);
    await expect(verifySession(over, secret)).resolves.toBeNull();
  });

  it("rejects a token without a server-side session (signed before sessions were revocable)", async () => {
    const legacy = await new SignJWT({ email: "a@b.test", role: "authenticated" })
      .setProtectedHeader({ alg: "HS256" }).setSubject(claims.sub).setIssuer("retainer-portal").setAudience("authenticated")
      .setExpirationTime("1h").sign(new TextEncoder().encode(secret));
    await expect(verifySession(legacy, secret)).resolves.toBeNull();
  });

  it("rejects a token that is not for an authenticated user", async () => {
    const token = await new SignJWT({ email: "a@b.test", role: "service_role" })
      .setProtectedHeader({ alg: "HS256" }).setSubject(claims.sub).setIssuer("retainer-portal").setAudience("authenticated")
      .setExpirationTime("1h").sign(new TextEncoder().encode(secret));
    await expect(verifySession(token, secret)).resolves.toBeNull();
  });
});

describe("sign-in codes", () => {
  it("are 6 digits", () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it("hash per email and compare in constant time", () => {
    const a = hashCode(secret, "a@b.test", "123456");
    expect(sameHash(a, hashCode(secret, "A@B.test", "123456"))).toBe(true);
    expect(sameHash(a, hashCode(secret, "c@b.test", "123456"))).toBe(false);
    expect(sameHash(a, hashCode(secret, "a@b.test", "123457"))).toBe(false);
    expect(sameHash(a, "abcd")).toBe(false);
  });
});
