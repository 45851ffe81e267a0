// Passkeys as the second step (issue 29: ASVS 6.3.3, 6.5.x, 6.6.x) through the real commands, the real tables and
// the real @simplewebauthn/server, answered by a software authenticator (tests/support/webauthn):
//   - adding one answers the open challenge once; the first factor comes with ten recovery codes; it is emailed;
//   - signing in with one passes once per challenge; a replay, another origin, another person's passkey, a stale
//     challenge and a counter that does not grow are refused, counted with wrong codes, and recorded;
//   - removing the last one turns two-step sign-in off (the recovery codes go); nobody removes another's.
import { beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "@/lib/db";
import { execute } from "@/lib/commands/execute";
import { addPasskey, deletePasskey, passkeyRegistrationOptions, renewTwoStepCodes } from "@/lib/auth/commands";
import { hasSecondFactor } from "@/lib/auth/factors";
import { passPasskeyStep, relyingParty, signInOptions } from "@/lib/auth/passkeys";
import { resetStaffSecondFactor } from "@/lib/staff/commands";
import { admin, createCast, createStaff, createUser, signedIn, type TestUser } from "../support/fixtures";
import { SoftAuthenticator } from "../support/webauthn";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const events = async (userId: string, kind: string) => (await admin`select count(*)::int as n from public.security_events where user_id = ${userId} and kind = ${kind}`)[0].n as number;
const keysOf = async (userId: string) => admin<{ id: string; name: string; sign_count: string }[]>`select id, name, sign_count from private.passkeys where user_id = ${userId} order by created_at`;

/** Adds a passkey the way /account does: options, the authenticator's answer, the answer sent. */
async function added(user: TestUser, claims: Claims, name: string, device = new SoftAuthenticator(relyingParty())) {
  const asked = await execute(passkeyRegistrationOptions, claims, {});
  if (!asked.ok) throw asked.error;
  const answer = device.register((asked.data as { options: { challenge: string } }).options);
  const outcome = await execute(addPasskey, claims, { name, response: JSON.stringify(answer) });
  return { device, outcome, answer };
}

async function passkeySignIn(user: TestUser, device: SoftAuthenticator, lie: { origin?: string; rpId?: string } = {}) {
  const options = await signInOptions(user.id);
  const answer = device.authenticate(options, lie);
  return { answer, result: await passPasskeyStep(user.id, answer as never).then((name) => ({ ok: true as const, name }), (e: Error) => ({ ok: false as const, message: e.message })) };
}

describe("passkeys", () => {
  it("are added by answering the open challenge once; the first comes with ten recovery codes and the session counts as two steps", async () => {
    const user = await createUser("passkey-first");
    const claims = await signedIn(user, { aal: "aal1" });
    const { device, outcome, answer } = await added(user, claims, "MacBook Touch ID");
    expect(outcome).toMatchObject({ ok: true, message: "Two-step sign-in is on. Keep your recovery codes somewhere safe." });
    expect((outcome.ok && (outcome.data as { codes: string[] }).codes)).toHaveLength(10);
    expect(await hasSecondFactor(user.id)).toBe(true);
    expect((await admin`select aal from private.sessions where id = ${claims.sid}`)[0].aal).toBe("aal2");
    expect(await events(user.id, "factor_enrolled")).toBe(1);

    // The same answer again: its challenge is gone, and nothing is added.
    const replay = await execute(addPasskey, claims, { name: "again", response: JSON.stringify(answer) });
    expect(replay).toMatchObject({ ok: false, error: { code: "invalid", userMessage: "This passkey request has expired. Try again." } });
    // A second passkey makes no new codes, and says so in its email.
    const second = await added(user, claims, "YubiKey");
    expect(second.outcome).toMatchObject({ ok: true, data: { codes: null }, message: "Passkey added. You can sign in with it from now on." });
    // The same authenticator cannot be registered twice.
    const twice = await added(user, claims, "Same key", device);
    expect(twice.outcome).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await keysOf(user.id)).map((k) => k.name)).toEqual(["MacBook Touch ID", "YubiKey"]);
    const mails = await admin<{ subject: string }[]>`select subject from public.outbox where to_email = ${user.email} and kind = 'two_step_changed' order by created_at`;
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Two-step sign-in was turned on for/), expect.stringMatching(/^A passkey \(“YubiKey”\) was added for/),
    ]);
  });

  it("refuses an answer a browser would not send, naming the field, and adds nothing", async () => {
    const user = await createUser("passkey-garbage");
    const claims = await signedIn(user, { aal: "aal1" });
    await execute(passkeyRegistrationOptions, claims, {});
    for (const response of ["not json", JSON.stringify({ id: "x" }), JSON.stringify({ id: "a".repeat(20), rawId: "a".repeat(20), type: "public-key", response: { clientDataJSON: "%%%", attestationObject: "x" } })]) {
      const refused = await execute(addPasskey, claims, { name: "Laptop", response });
      expect(refused).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { response: ["Your browser's answer could not be read. Try again."] } } });
    }
    const unnamed = await execute(addPasskey, claims, { name: " ", response: "{}" });
    expect(unnamed).toMatchObject({ ok: false, error: { fieldErrors: { name: [expect.stringContaining("Name this passkey")] } } });
    expect(await keysOf(user.id)).toHaveLength(0);
    // An answer from another origin is read but does not check out.
    const asked = await execute(passkeyRegistrationOptions, claims, {});
    if (!asked.ok) throw asked.error;
    const foreign = new SoftAuthenticator(relyingParty()).register((asked.data as { options: { challenge: string } }).options, { origin: "https://evil.example" });
    expect(await execute(addPasskey, claims, { name: "Phish", response: JSON.stringify(foreign) })).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await keysOf(user.id)).toHaveLength(0);
  });

  it("sign a person in once per challenge; replays, other origins, other people's passkeys and cloned counters are refused and counted", async () => {
    const user = await createUser("passkey-sign-in");
    const other = await createUser("passkey-other");
    const { device } = await added(user, await signedIn(user, { aal: "aal1" }), "Laptop");
    const { device: othersDevice } = await added(other, await signedIn(other, { aal: "aal1" }), "Theirs");

    const first = await passkeySignIn(user, device);
    expect(first.result).toEqual({ ok: true, name: "Laptop" });
    expect(Number((await keysOf(user.id))[0].sign_count)).toBe(device.counter);
    // The same signed answer again: its challenge was taken.
    expect(await passPasskeyStep(user.id, first.answer as never).catch((e: Error) => e.message)).toMatch(/^That passkey did not work/);
    // Signed for another site (a phishing page relaying the challenge), or for another relying party.
    expect((await passkeySignIn(user, device, { origin: "https://portal.evil.example" })).result.ok).toBe(false);
    expect((await passkeySignIn(user, device, { rpId: "evil.example" })).result.ok).toBe(false);
    // Another person's passkey, however valid for them.
    expect((await passkeySignIn(user, othersDevice)).result.ok).toBe(false);
    // A counter that does not grow: a cloned authenticator.
    device.counter = 0; // its next answer carries 1, the count already stored
    expect((await passkeySignIn(user, device)).result.ok).toBe(false);
    expect(await events(user.id, "factor_failed")).toBe(5);
    // Five failures in the window: the next attempt is refused before it is checked, even a good one.
    const locked = await passkeySignIn(user, device);
    expect(locked.result).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many failed second steps\. Try again in/) });
  });

  it("without a counter (a synced passkey) still sign in, each answer once", async () => {
    const user = await createUser("passkey-synced");
    const device = new SoftAuthenticator(relyingParty(), { keepsCounter: false });
    await added(user, await signedIn(user, { aal: "aal1" }), "iCloud Keychain", device);
    expect((await passkeySignIn(user, device)).result.ok).toBe(true);
    const again = await passkeySignIn(user, device);
    expect(again.result.ok).toBe(true);
    expect(await passPasskeyStep(user.id, again.answer as never).catch((e: Error) => e.message)).toMatch(/^That passkey did not work/);
  });

  it("removing the last turns two-step sign-in off; nobody removes another's; a passkey alone renews recovery codes in a session reached with it", async () => {
    const user = await createUser("passkey-remove");
    const claims = await signedIn(user, { aal: "aal1" });
    await added(user, claims, "Laptop");
    const [key] = await keysOf(user.id);
    const stranger = await createUser("passkey-stranger");
    const refused = await execute(deletePasskey, await signedIn(stranger, { aal: "aal1" }), { passkeyId: key.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await keysOf(user.id)).toHaveLength(1);

    // Renewing recovery codes with a passkey alone: in a session that was reached with it (aal2), no app code needed.
    expect(await execute(renewTwoStepCodes, await signedIn(user, { aal: "aal1" }), {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const renewed = await execute(renewTwoStepCodes, await signedIn(user, { aal: "aal2" }), {});
    expect(renewed.ok && (renewed.data as { codes: string[] }).codes).toHaveLength(10);

    const removed = await execute(deletePasskey, claims, { passkeyId: key.id });
    expect(removed).toMatchObject({ ok: true, data: { off: true }, message: expect.stringContaining("Two-step sign-in is off") });
    expect(await hasSecondFactor(user.id)).toBe(false);
    expect(await admin`select 1 from private.recovery_codes where user_id = ${user.id}`).toHaveLength(0);
    expect(await events(user.id, "factor_removed")).toBe(1);
  });

  it("an admin's reset removes every passkey too", async () => {
    const user = await createStaff("passkey-reset", "engineer");
    await added(user, await signedIn(user, { aal: "aal1" }), "Laptop");
    const reset = await execute(resetStaffSecondFactor, await signedIn(cast.admin, { aal: "aal2" }), { userId: user.id, verifiedBy: "Video call" });
    expect(reset).toMatchObject({ ok: true, data: true });
    expect(await keysOf(user.id)).toHaveLength(0);
    expect(await hasSecondFactor(user.id)).toBe(false);
  });
});
