// Local sign-in against the real database: codes are single use, expire, are stored hashed, and the
// default limits (5 requests / 5 wrong codes per 15 minutes, per email and per IP) hold.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { limitsFromEnv, requestCode, verifyCode } from "@/lib/auth/local";
import { AppError } from "@/lib/platform/errors";
import { admin } from "../support/fixtures";

const newEmail = () => `person-${randomUUID().slice(0, 8)}@test.local`;
const newIp = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function lastCode(email: string): Promise<string> {
  const [mail] = await admin<{ subject: string }[]>`
    select subject from public.outbox where to_email = ${email} and kind = 'sign_in_code' order by created_at desc limit 1`;
  return /(\d{6})/.exec(mail.subject)![1];
}

const appError = (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.userMessage } : e);

describe("local sign-in codes", () => {
  let email: string;
  let ip: string;
  beforeEach(() => {
    email = newEmail();
    ip = newIp();
  });

  it("signs in with the emailed code once, creating the auth user and profile", async () => {
    await requestCode(email.toUpperCase(), ip);
    const code = await lastCode(email);
    const claims = await verifyCode(email, code, ip);
    expect(claims).toMatchObject({ email, role: "authenticated" });
    const [profile] = await admin`select email from public.profiles where id = ${claims.sub}`;
    expect(profile.email).toBe(email);
    await expect(verifyCode(email, code, ip).catch(appError)).resolves.toMatchObject({ code: "invalid" });
  });

  it("stores only a hash of the code", async () => {
    await requestCode(email, ip);
    const code = await lastCode(email);
    const rows = await admin`select code_hash from public.sign_in_codes where email = ${email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).not.toContain(code);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a wrong code and an expired code with a clear message", async () => {
    await requestCode(email, ip);
    const code = await lastCode(email);
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(verifyCode(email, wrong, ip).catch(appError)).resolves.toEqual({
      code: "invalid",
      message: "That code is not right. Check the latest email and try again.",
    });
    await admin`update public.sign_in_codes set expires_at = now() - interval '1 second' where email = ${email}`;
    await expect(verifyCode(email, code, ip).catch(appError)).resolves.toEqual({
      code: "invalid",
      message: "That code has expired. Request a new one.",
    });
  });

  it("only the latest code works", async () => {
    await requestCode(email, ip);
    const first = await lastCode(email);
    await requestCode(email, ip);
    const second = await lastCode(email);
    if (first !== second) {
      await expect(verifyCode(email, first, ip).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    }
    await expect(verifyCode(email, second, ip)).resolves.toMatchObject({ email });
  });

  it("defaults to 5 code requests per 15 minutes per email", async () => {
    expect(limitsFromEnv()).toEqual({ windowMinutes: 15, maxRequests: 5, maxFailures: 5, demoAccountsPerEmailOnly: false });
    for (let i = 0; i < 5; i++) await requestCode(email, newIp());
    const refused = await requestCode(email, newIp()).catch(appError);
    expect(refused).toMatchObject({ code: "rate_limited" });
    expect((refused as { message: string }).message).toMatch(/^Too many sign-in codes were requested\. Try again in (1[0-5]|[1-9]) minutes?\.$/);
  });

  it("limits code requests per IP across different emails", async () => {
    for (let i = 0; i < 5; i++) await requestCode(newEmail(), ip);
    await expect(requestCode(newEmail(), ip).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("locks an email out after 5 wrong codes, even for the right code", async () => {
    await requestCode(email, ip);
    const code = await lastCode(email);
    const wrong = code === "999999" ? "888888" : "999999";
    for (let i = 0; i < 5; i++) {
      await expect(verifyCode(email, wrong, newIp()).catch(appError)).resolves.toMatchObject({ code: "invalid" });
    }
    const locked = await verifyCode(email, code, newIp()).catch(appError);
    expect(locked).toMatchObject({ code: "rate_limited" });
    expect((locked as { message: string }).message).toMatch(/^Too many wrong codes\. Try again in/);
  });

  it("locks an IP out after 5 wrong codes across emails", async () => {
    for (let i = 0; i < 5; i++) {
      const e = newEmail();
      await requestCode(e, newIp());
      await verifyCode(e, "000000", ip).catch(() => undefined);
    }
    const e = newEmail();
    await requestCode(e, newIp());
    await expect(verifyCode(e, await lastCode(e), ip).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });

  it("in demo mode a newcomer tries all six demo accounts from one IP; other emails keep the IP limit", async () => {
    const demo = { ...limitsFromEnv(), demoAccountsPerEmailOnly: true };
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
    const limits = { windowMinutes: 15, maxRequests: 2, maxFailures: 1 };
    await requestCode(email, ip, limits);
    await requestCode(email, ip, limits);
    await expect(requestCode(email, ip, limits).catch(appError)).resolves.toMatchObject({ code: "rate_limited" });
  });
});
