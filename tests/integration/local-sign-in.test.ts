// Local sign-in against the real database: codes are single use, expire, are stored hashed, each is checked
// against the request it was sent for and dies after 5 wrong guesses, and the default limits hold (per IP:
// 5 requests and 5 wrong codes per 15 minutes; per email: 20 requests). No stranger can lock a person out.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { limitsFromEnv, requestCode, verifyCode } from "@/lib/auth/local";
import { AppError } from "@/lib/platform/errors";
import { admin } from "../support/fixtures";

const newEmail = () => `person-${randomUUID().slice(0, 8)}@test.local`;
const newIp = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function lastCode(email: string): Promise<string> {
  const [mail] = await admin<{ body_text: string }[]>`
    select body_text from public.outbox where to_email = ${email} and kind = 'sign_in_code' order by created_at desc limit 1`;
  return /^(\d{6})$/m.exec(mail.body_text)![1]; // the code is in the body only, alone on its line
}

const appError = (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.userMessage } : e);

describe("local sign-in codes", () => {
  let email: string;
  let ip: string;
  beforeEach(() => {
    email = newEmail();
    ip = newIp();
  });
  const wrongFor = (code: string) => (code === "000000" ? "111111" : "000000");

  it("signs in with the emailed code once, creating the auth user and profile", async () => {
    const { requestId } = await requestCode(email.toUpperCase(), ip);
    const code = await lastCode(email);
    const claims = await verifyCode(email, code, requestId, ip);
    expect(claims).toMatchObject({ email, role: "authenticated" });
    const [profile] = await admin`select email from public.profiles where id = ${claims.sub}`;
    expect(profile.email).toBe(email);
    await expect(verifyCode(email, code, requestId, ip).catch(appError)).resolves.toMatchObject({ code: "invalid" });
  });

  it("stores only a hash of the code", async () => {
    await requestCode(email, ip);
    const code = await lastCode(email);
    const rows = await admin`select code_hash from public.sign_in_codes where email = ${email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).not.toContain(code);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a wrong code, an expired code and a missing or unknown request with a clear message", async () => {
    const { requestId } = await requestCode(email, ip);
    const code = await lastCode(email);
    await expect(verifyCode(email, wrongFor(code), requestId, ip).catch(appError)).resolves.toEqual({
      code: "invalid",
      message: "That code is not right. Check the latest email and try again.",
    });
    for (const other of [undefined, randomUUID()]) {
      await expect(verifyCode(email, code, other, newIp()).catch(appError)).resolves.toEqual({
        code: "invalid",
        message: "That code no longer works. Send a new code and use the one in the newest email.",
      });
    }
    await admin`update public.sign_in_codes set expires_at = now() - interval '1 second' where email = ${email}`;
    await expect(verifyCode(email, code, requestId, ip).catch(appError)).resolves.toEqual({
      code: "invalid",
      message: "That code has expired. Send a new code.",
    });
  });

  it("checks a code only against the request it was sent for; a newer request does not end an older code", async () => {
    const first = await requestCode(email, ip);
    const firstCode = await lastCode(email);
    const second = await requestCode(email, ip);
    const secondCode = await lastCode(email);
    if (firstCode !== secondCode) {
      await expect(verifyCode(email, firstCode, second.requestId, ip).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    }
    // Another address's request id does not open this one's code either.
    const other = newEmail();
    const foreign = await requestCode(other, newIp());
    await expect(verifyCode(email, firstCode, foreign.requestId, ip).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    await expect(verifyCode(email, firstCode, first.requestId, ip)).resolves.toMatchObject({ email });
  });

  it("a code dies after 5 wrong guesses, even for the right code; a fresh code then works", async () => {
    const { requestId } = await requestCode(email, ip);
    const code = await lastCode(email);
    for (let i = 0; i < 4; i++) {
      await expect(verifyCode(email, wrongFor(code), requestId, newIp()).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    }
    await expect(verifyCode(email, wrongFor(code), requestId, newIp()).catch(appError)).resolves.toEqual({
      code: "invalid", message: "That code was tried 5 times, so it no longer works. Send a new code.",
    });
    await expect(verifyCode(email, code, requestId, newIp()).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    const fresh = await requestCode(email, ip);
    await expect(verifyCode(email, await lastCode(email), fresh.requestId, ip)).resolves.toMatchObject({ email });
  });

  it("no stranger locks a person out: failures and code requests from other IPs leave the person's own code working", async () => {
    // Issue 20, item 4: five wrong codes typed by anyone used to lock the address for 15 minutes.
    const victimIp = newIp();
    const before = await requestCode(email, victimIp); // the code the person is about to type
    const beforeCode = await lastCode(email);
    let refusedStranger = 0;
    for (let a = 0; a < 3; a++) {
      const strangerIp = `10.66.${a}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 5; i++) {
        const { requestId } = await requestCode(email, strangerIp);
        await verifyCode(email, "123456", requestId, strangerIp).catch(() => refusedStranger++);
        await verifyCode(email, "654321", randomUUID(), strangerIp).catch(() => refusedStranger++);
      }
      // The stranger's own network is now out of requests and guesses.
      await expect(requestCode(email, strangerIp).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
      await expect(verifyCode(email, "123456", before.requestId, strangerIp).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
    }
    expect(refusedStranger).toBeGreaterThanOrEqual(15);
    // The person's earlier code still works (no guess could reach it) …
    await expect(verifyCode(email, beforeCode, before.requestId, victimIp)).resolves.toMatchObject({ email });
    // … and so does a fresh one, from their own network.
    const fresh = await requestCode(email, victimIp);
    await expect(verifyCode(email, await lastCode(email), fresh.requestId, victimIp)).resolves.toMatchObject({ email });
  });

  it("defaults to 5 code requests per IP and 20 per email per 15 minutes", async () => {
    expect(limitsFromEnv()).toEqual({ windowMinutes: 15, maxRequests: 5, maxFailures: 5, maxRequestsPerEmail: 20, demoAccountsPerEmailOnly: false });
    for (let i = 0; i < 20; i++) await requestCode(email, newIp());
    const refused = await requestCode(email, newIp()).catch(appError);
    expect(refused).toMatchObject({ code: "rate_limited" });
    expect((refused as { message: string }).message).toMatch(/^Too many sign-in codes were requested\. Try again in (1[0-5]|[1-9]) minutes?\.$/);
  });

  it("limits code requests per IP across different emails", async () => {
    for (let i = 0; i < 5; i++) await requestCode(newEmail(), ip);
    await expect(requestCode(newEmail(), ip).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("locks an IP out after 5 wrong codes across emails", async () => {
    for (let i = 0; i < 5; i++) {
      const e = newEmail();
      const { requestId } = await requestCode(e, newIp());
      await verifyCode(e, "000000", requestId, ip).catch(() => undefined);
    }
    const e = newEmail();
    const { requestId } = await requestCode(e, newIp());
    const locked = await verifyCode(e, await lastCode(e), requestId, ip).catch(appError);
    expect(locked).toMatchObject({ code: "rate_limited" });
    expect((locked as { message: string }).message).toMatch(/^Too many wrong codes from this network\. Try again in/);
  });

  it("in demo mode a newcomer tries all six demo accounts from one IP; other emails keep the IP limit", async () => {
    const demo = { ...limitsFromEnv(), maxRequestsPerEmail: 5, demoAccountsPerEmailOnly: true };
    for (const account of DEMO_ACCOUNTS) await requestCode(account.email, ip, demo);
    for (let i = 0; i < 5; i++) await requestCode(newEmail(), ip, demo);
    await expect(requestCode(newEmail(), ip, demo).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
    // Each demo account keeps its own per-email limit.
    for (let i = 0; i < 4; i++) await requestCode(DEMO_ACCOUNTS[0].email, newIp(), demo);
    await expect(requestCode(DEMO_ACCOUNTS[0].email, newIp(), demo).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("outside demo mode the demo addresses are ordinary emails: the IP limit holds", async () => {
    const other = newIp();
    for (const account of DEMO_ACCOUNTS.slice(1, 6)) await requestCode(account.email, other);
    await expect(requestCode(newEmail(), other).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("honours configured limits", async () => {
    const limits = { windowMinutes: 15, maxRequests: 5, maxFailures: 1, maxRequestsPerEmail: 2 };
    await requestCode(email, newIp(), limits);
    await requestCode(email, newIp(), limits);
    await expect(requestCode(email, newIp(), limits).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });
});
