// Two-step sign-in (issue 29: ASVS 6.3.3, 6.5.x) through the real commands and the real tables:
//   - set up: a sealed secret, confirmed only by a code from it, which answers with ten recovery codes;
//   - a code works once (the same time step is refused), a recovery code once, a wrong one is counted and
//     recorded, and the sixth wrong second step in the window is refused with when to try again;
//   - turning it off needs a code; an admin resets another person's (their sessions end), anyone else is refused.
import { generateSync } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { asService } from "@/lib/db";
import { execute } from "@/lib/commands/execute";
import { confirmTwoStep, endOtherSessions, renewTwoStepCodes, startTwoStep, turnOffTwoStep } from "@/lib/auth/commands";
import { hasSecondFactor, passSecondStep } from "@/lib/auth/factors";
import { endStaffSessions, resetStaffSecondFactor } from "@/lib/staff/commands";
import { factorSummary } from "@/lib/db/second-factor";
import { openSecret } from "@/lib/platform/secret-box";
import { legacyRecoveryCodeHash } from "@/lib/auth/second-factor";
import { admin, createCast, createStaff, createUser, signedIn, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const secretOf = async (userId: string) => openSecret("totp-secret", (await admin`select secret_sealed from private.totp_factors where user_id = ${userId}`)[0].secret_sealed)!;
const codeNow = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
/** As if the last accepted code were long ago: the next code of this step is new again. */
const letTimePass = (userId: string) => admin`update private.totp_factors set last_time_step = last_time_step - 10 where user_id = ${userId}`;
const events = async (userId: string, kind: string) => (await admin`select count(*)::int as n from public.security_events where user_id = ${userId} and kind = ${kind}`)[0].n as number;

async function turnedOn(user: TestUser): Promise<{ secret: string; codes: string[]; confirmedWith: string }> {
  const claims = await signedIn(user);
  expect(await execute(startTwoStep, claims, {})).toMatchObject({ ok: true });
  const secret = await secretOf(user.id);
  const confirmedWith = codeNow(secret);
  const confirmed = await execute(confirmTwoStep, claims, { code: confirmedWith });
  if (!confirmed.ok) throw confirmed.error;
  return { secret, codes: (confirmed.data as { codes: string[] }).codes, confirmedWith };
}

describe("two-step sign-in", () => {
  it("is set up only with a code from the new secret, and answers with ten one-time recovery codes", async () => {
    const user = await createUser("two-step");
    const claims = await signedIn(user);
    expect(await execute(startTwoStep, claims, {})).toMatchObject({ ok: true });
    const [row] = await admin`select secret_sealed, confirmed_at from private.totp_factors where user_id = ${user.id}`;
    expect(row.confirmed_at).toBeNull();
    expect(row.secret_sealed).toMatch(/^v1\./); // sealed, never the base32 secret itself
    expect(await hasSecondFactor(user.id)).toBe(false); // not asked for at sign-in until confirmed

    const secret = await secretOf(user.id);
    const wrong = await execute(confirmTwoStep, claims, { code: codeNow(secret) === "000000" ? "111111" : "000000" });
    expect(wrong).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await admin`select confirmed_at from private.totp_factors where user_id = ${user.id}`)[0].confirmed_at).toBeNull();

    const ok = await execute(confirmTwoStep, claims, { code: codeNow(secret) });
    expect(ok).toMatchObject({ ok: true });
    const codes = (ok as { data: { codes: string[] } }).data.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await admin<{ code_hash: string }[]>`select code_hash from private.recovery_codes where user_id = ${user.id}`;
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash)).not.toContain(codes[0]);
    // Each with scrypt and a salt of its own (ASVS 6.5.2): no two alike, none a plain digest.
    for (const s of stored) expect(s.code_hash).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(new Set(stored.map((s) => s.code_hash.split("$")[1])).size).toBe(10);
    expect(await hasSecondFactor(user.id)).toBe(true);
    expect(await events(user.id, "factor_enrolled")).toBe(1);
    // Set up again while on: refused; the confirmed secret stays.
    expect(await execute(startTwoStep, claims, {})).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await secretOf(user.id)).toBe(secret);
  });

  it("accepts a code once, a recovery code once, and counts and records wrong ones until it refuses for a while", async () => {
    const user = await createUser("second-step");
    const { secret, codes, confirmedWith } = await turnedOn(user);
    // The code that confirmed the app is spent: the same code again is a replay. (The very code, not the code of
    // "now": a 30-second step may turn between the two, and the next step's code is rightly accepted.)
    await expect(passSecondStep(user.id, confirmedWith)).rejects.toMatchObject({ code: "invalid" });
    await letTimePass(user.id);
    const code = codeNow(secret);
    expect(await passSecondStep(user.id, code)).toBe("app");
    await expect(passSecondStep(user.id, code)).rejects.toMatchObject({ code: "invalid" });

    expect(await passSecondStep(user.id, codes[0].toUpperCase().replace("-", " "))).toBe("recovery code"); // case and separators do not matter
    await expect(passSecondStep(user.id, codes[0])).rejects.toMatchObject({ code: "invalid" });
    expect(await asService((tx) => factorSummary(tx, { userId: user.id }))).toMatchObject({ recoveryLeft: 9 });

    const failedBefore = await events(user.id, "factor_failed");
    // Three wrong so far (the replay, the second use of a code, the spent recovery code); two more reach the limit.
    for (const guess of ["123456", "zzzzz-zzzzz"]) await expect(passSecondStep(user.id, guess)).rejects.toMatchObject({ code: "invalid" });
    await letTimePass(user.id);
    await expect(passSecondStep(user.id, codeNow(secret))).rejects.toMatchObject({ code: "rate_limited", userMessage: expect.stringMatching(/Try again in \d+ minutes?\./) });
    expect(await events(user.id, "factor_failed")).toBe(failedBefore + 3); // two wrong codes and the refusal
  });

  it("new recovery codes and turning it off each need a code; off, sign-in asks for no second step", async () => {
    const user = await createUser("turn-off");
    const { secret, codes } = await turnedOn(user);
    const claims = await signedIn(user);
    expect(await execute(renewTwoStepCodes, claims, { code: "000001" })).toMatchObject({ ok: false, error: { code: "invalid" } });
    await letTimePass(user.id);
    const renewed = await execute(renewTwoStepCodes, claims, { code: codeNow(secret) });
    expect(renewed).toMatchObject({ ok: true });
    const fresh = (renewed as { data: { codes: string[] } }).data.codes;
    await expect(passSecondStep(user.id, codes[1])).rejects.toMatchObject({ code: "invalid" }); // the old ones ended

    expect(await execute(turnOffTwoStep, claims, { code: "abcde-fghjk" })).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await hasSecondFactor(user.id)).toBe(true);
    expect(await execute(turnOffTwoStep, claims, { code: fresh[0] })).toMatchObject({ ok: true });
    expect(await hasSecondFactor(user.id)).toBe(false);
    expect(await admin`select 1 from private.recovery_codes where user_id = ${user.id}`).toHaveLength(0);
    expect(await events(user.id, "factor_removed")).toBe(1);
  });

  it("an admin resets another person's, ending their sessions, on record; an engineer is refused and nothing changes", async () => {
    const engineer = await createStaff("lost-phone", "engineer");
    await turnedOn(engineer);
    const live = await signedIn(engineer);

    expect(await execute(resetStaffSecondFactor, await signedIn(cast.assigned), { userId: engineer.id, verifiedBy: "asked nicely" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await hasSecondFactor(engineer.id)).toBe(true);

    // The admin says how they made sure it was the engineer asking; without it, nothing is reset.
    const unsaid = await execute(resetStaffSecondFactor, await signedIn(cast.admin), { userId: engineer.id, verifiedBy: "  " });
    expect(unsaid).toMatchObject({ ok: false, error: { fieldErrors: { verifiedBy: [expect.stringContaining("made sure it is really them")] } } });
    expect(await hasSecondFactor(engineer.id)).toBe(true);
    const byAdmin = await execute(resetStaffSecondFactor, await signedIn(cast.admin), { userId: engineer.id, verifiedBy: "Video call, saw her face" });
    expect(byAdmin).toMatchObject({ ok: true, data: true });
    expect(await hasSecondFactor(engineer.id)).toBe(false);
    expect((await admin`select revoked_at, ended_reason from private.sessions where id = ${live.sid}`)[0]).toMatchObject({ ended_reason: "ended_by_admin" });
    const [event] = await admin`select actor_id, detail from public.security_events where user_id = ${engineer.id} and kind = 'factor_reset'`;
    expect(event).toMatchObject({ actor_id: cast.admin.id, detail: "by an admin, who confirmed it was them: Video call, saw her face" });
  });

  it("staff must turn it on before anything else: refused until then, and the session that turned it on counts as two steps", async () => {
    const newAdmin = await createStaff("new-admin", "admin");
    const other = await createUser("someone");
    const claims = await signedIn(newAdmin, { aal: "aal1" });
    const refused = await execute(endStaffSessions, claims, { userId: other.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden", userMessage: expect.stringContaining("Turn on two-step sign-in") } });
    expect(await events(newAdmin.id, "access_refused")).toBeGreaterThan(0);
    // Setting it up is what they may do.
    expect(await execute(startTwoStep, claims, {})).toMatchObject({ ok: true });
    expect(await execute(confirmTwoStep, claims, { code: codeNow(await secretOf(newAdmin.id)) })).toMatchObject({ ok: true });
    expect((await admin`select aal from private.sessions where id = ${claims.sid}`)[0].aal).toBe("aal2");
    expect(await execute(endStaffSessions, claims, { userId: other.id })).toMatchObject({ ok: true });
    // A client's people are not held to it (the practice may ask it of owners later).
    const owner = await signedIn(cast.ownerA, { aal: "aal1" });
    expect(await execute(endOtherSessions, owner, {})).toMatchObject({ ok: true });
  });

  it("changes need a recent sign-in, and each change is emailed to the person", async () => {
    const user = await createUser("stolen-cookie");
    const old = await signedIn(user);
    await admin`update private.sessions set created_at = now() - interval '31 minutes' where id = ${old.sid}`;
    expect(await execute(startTwoStep, old, {})).toMatchObject({ ok: false, error: { code: "forbidden", userMessage: expect.stringContaining("within 30 minutes of signing in") } });
    expect(await admin`select 1 from private.totp_factors where user_id = ${user.id}`).toHaveLength(0);

    const { secret } = await turnedOn(user);
    const fresh = await signedIn(user);
    await letTimePass(user.id);
    expect(await execute(renewTwoStepCodes, fresh, { code: codeNow(secret) })).toMatchObject({ ok: true });
    const mails = await admin<{ subject: string }[]>`select subject from public.outbox where to_email = ${user.email} and kind = 'two_step_changed'`;
    expect(mails.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^New recovery codes were made for your .* account$/),
      expect.stringMatching(/^Two-step sign-in was turned on for your .* account$/),
    ]);
  });

  it("owners too, when the practice asks it of them; members may choose", async () => {
    const owner = await signedIn(cast.ownerB, { aal: "aal1" });
    const member = await signedIn(cast.memberA, { aal: "aal1" });
    await admin`update public.practice_settings set client_two_step = true`;
    try {
      expect(await execute(endOtherSessions, owner, {})).toMatchObject({ ok: true }); // allowed before two steps
      const refused = await execute(renewTwoStepCodes, owner, { code: "123456" });
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden", userMessage: expect.stringContaining("Turn on two-step sign-in") } });
      expect(await execute(startTwoStep, member, {})).toMatchObject({ ok: true });
      expect(await execute(startTwoStep, owner, {})).toMatchObject({ ok: true });
    } finally {
      await admin`update public.practice_settings set client_two_step = false`;
    }
  });

  it("still takes a recovery code stored before codes were salted (an HMAC), once", async () => {
    const user = await createUser("legacy-codes");
    await turnedOn(user);
    const legacy = "abcde-fghjk";
    await admin`insert into private.recovery_codes (user_id, code_hash) values (${user.id}, ${legacyRecoveryCodeHash(legacy)})`;
    expect(await passSecondStep(user.id, legacy)).toBe("recovery code");
    await expect(passSecondStep(user.id, legacy)).rejects.toMatchObject({ code: "invalid" });
  });
});
