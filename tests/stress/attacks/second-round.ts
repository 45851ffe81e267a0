// Issue 20: the second outside attack, each finding as a figure on the production stack.
//   1. Forged invitations: rows written by hand (as PostgREST would let each role try, and as a pre-change
//      row with a plain digest of a chosen token), then accepted through the public invite actions over HTTP.
//   4. Lockout: strangers on other addresses request codes for a person and type wrong ones; the person then
//      signs in from their own address, with the code they asked for before the attack and with a fresh one.
//   5. The last admin: two admins demote themselves in overlapping REPEATABLE READ transactions, many times.
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";
import { asPostgrest } from "../../support/direct-access";
import { caller, pendingCookie, pendingFrom } from "./client-ips";
import type { Stack } from "../harness";

type Report = (line: string) => void;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const SESSION_COOKIE = /^(__Host-)?rp_session=[^;]+/;

const count = async (stack: Stack, table: string) =>
  (await stack.admin<{ n: number }[]>`select count(*)::int as n from ${stack.admin(table)}`)[0].n;

/** Item 1: a hand-made invitation never signs anyone in. */
export async function forgedInvitations(stack: Stack, report: Report) {
  const harbor = demoId("client:harbor");
  const sam = DEMO_EMAILS.sam;
  const tables = ["public.invitations", "public.staff_invitations", "public.client_members", "public.staff", "private.sessions"];
  const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(stack, t)] as const)));

  // Each role that could try, writing the row that signed the attacker in as the admin.
  let direct = 0;
  let directThrough = 0;
  const writers = ["priya", "sam", "olivia", "marco", "yuki"] as const;
  for (const who of writers) {
    const actor = { label: who, id: demoId(DEMO_EMAILS[who]), email: DEMO_EMAILS[who] };
    for (const token of ["chosen-token-a", "chosen-token-b"]) {
      const client = await asPostgrest(stack.admin, actor, (tx) => tx`
        insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
        values (${harbor}, ${sam}, 'owner', ${sha256(token)}, ${actor.id}, now() + interval '100 years')`);
      const staff = await asPostgrest(stack.admin, actor, (tx) => tx`
        insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
        values (${`forged-${randomUUID().slice(0, 8)}@example.test`}, 'admin', ${sha256(token)}, ${actor.id}, now() + interval '100 years')`);
      direct += 2;
      directThrough += Number(!client.refused) + Number(!staff.refused);
    }
  }
  // Rows with plain digests that reached the table anyway (written before this change), then accepted.
  const forgedTokens = Array.from({ length: 10 }, (_, i) => `forged-before-the-change-${i}-${randomUUID()}`);
  for (const token of forgedTokens) {
    await stack.admin`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      values (${harbor}, ${sam}, 'owner', ${sha256(token)}, ${demoId(DEMO_EMAILS.priya)}, now() + interval '100 years')`;
    await stack.admin`insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
      values (${`forged-${randomUUID().slice(0, 8)}@example.test`}, 'admin', ${sha256(token)}, ${demoId(DEMO_EMAILS.priya)}, now() + interval '100 years')`;
  }
  const seeded = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(stack, t)] as const)));
  const anyone = caller(stack, "127.0.0.8");
  let accepts = 0;
  let sessions = 0;
  let pagesValid = 0;
  for (const token of forgedTokens) {
    for (const action of ["acceptInvitationAction", "acceptStaffInvitationAction"]) {
      const reply = await anyone(action, { token }, "203.0.113.9");
      accepts++;
      if (reply.redirect || reply.setCookie.some((c) => SESSION_COOKIE.test(c))) sessions++;
    }
    const page = await (await fetch(`${stack.base}/invite/${token}`)).text();
    if (!/no longer works/.test(page)) pagesValid++;
  }
  const after = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(stack, t)] as const)));
  const changed = tables.filter((t) => after[t] !== seeded[t]);
  report(`forged invitations: ${direct + accepts} attempts (${direct} hand-written invitation rows as 5 demo people, ${accepts} accepts of ` +
    `plain-digest rows through the public actions), succeeded: ${directThrough + sessions} (rows written ${directThrough}, sessions issued ${sessions}, ` +
    `invite pages offering to join ${pagesValid}), rows changed by the accepts: ${changed.length}`);
  // Leave the demo as it was.
  await stack.admin`delete from public.invitations where token_hash in ${stack.admin(forgedTokens.map(sha256))}`;
  await stack.admin`delete from public.staff_invitations where token_hash in ${stack.admin(forgedTokens.map(sha256))}`;
  assert.equal(directThrough, 0);
  assert.equal(sessions, 0);
  assert.equal(pagesValid, 0);
  assert.deepEqual(changed, []);
  assert.equal(await count(stack, "public.client_members"), before["public.client_members"]);
  assert.equal(await count(stack, "public.staff"), before["public.staff"]);
}

/** Item 4: a stranger who knows an address cannot keep its owner from signing in. */
export async function lockout(stack: Stack, report: Report) {
  const email = `victim-${Date.now()}@lockout.stress.test`;
  const victim = caller(stack, "127.0.0.20");
  /** The code in the newest email to the person (read right after their own request). */
  const newestCode = async () => {
    const [mail] = await stack.admin<{ body_text: string }[]>`
      select o.body_text from public.outbox o where o.to_email = ${email} and o.kind = 'sign_in_code' order by o.created_at desc limit 1`;
    return /^(\d{6})$/m.exec(mail.body_text)![1]; // in the body only, alone on its line
  };
  // The request's id is in this browser's pending sign-in cookie (lib/auth/pending), never in the URL.
  const requestIdOf = (reply: Awaited<ReturnType<typeof victim>>) => {
    const value = pendingFrom(reply).split("=")[1] ?? "";
    return value ? (JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as { request: string }).request : "";
  };

  const asked = await victim("requestCodeAction", { email }, "198.51.100.1");
  const earlierRequest = requestIdOf(asked);
  const earlierCode = await newestCode();

  let requests = 0;
  let guesses = 0;
  for (const address of ["127.0.0.21", "127.0.0.22", "127.0.0.23"]) {
    const stranger = caller(stack, address);
    for (let i = 0; i < 6; i++) {
      const r = await stranger("requestCodeAction", { email }, "198.51.100.66");
      requests++;
      const own = requestIdOf(r);
      for (const request of [own, randomUUID(), earlierRequest]) {
        if (!request) continue;
        await stranger("verifyCodeAction", { code: String(100000 + ((i * 7919) % 899999)) }, "198.51.100.66", pendingCookie(email, request));
        guesses++;
      }
    }
  }
  const withEarlier = await victim("verifyCodeAction", { code: earlierCode }, "198.51.100.1", pendingFrom(asked));
  const fresh = await victim("requestCodeAction", { email }, "198.51.100.1");
  const withFresh = await victim("verifyCodeAction", { code: await newestCode() }, "198.51.100.1", pendingFrom(fresh));
  // The right code from a browser that did not ask for it (no pending sign-in) signs nobody in.
  const elsewhere = await caller(stack, "127.0.0.24")("verifyCodeAction", { code: await newestCode() }, "198.51.100.2");
  assert.ok(!elsewhere.setCookie.some((c) => SESSION_COOKIE.test(c)), "a code works only in the browser that asked for it");
  const signedIn = (r: Awaited<ReturnType<typeof victim>>) => r.setCookie.some((c) => SESSION_COOKIE.test(c));
  const lockouts = Number(!signedIn(withEarlier)) + Number(!signedIn(withFresh));
  report(`sign-in lockout: ${requests + guesses} attempts by strangers on 3 addresses (${requests} code requests, ${guesses} wrong codes, ` +
    `a third aimed at the person's own request as if its id had leaked), the person then signed in with the earlier code: ${signedIn(withEarlier) ? "yes" : "no"}, ` +
    `with a fresh code: ${signedIn(withFresh) ? "yes" : "no"}, succeeded (lockouts): ${lockouts}`);
  assert.equal(lockouts, 0, `victim replies: ${JSON.stringify([withEarlier, fresh, withFresh])}`);
}

/** Item 5: the last admin under REPEATABLE READ, round after round. */
export async function lastAdminRace(stack: Stack, report: Report, rounds = 20) {
  const sam = demoId(DEMO_EMAILS.sam);
  const email = `second-admin-${Date.now()}@race.stress.test`;
  const [user] = await stack.admin<{ id: string }[]>`insert into auth.users (email) values (${email}) returning id`;
  await stack.admin`insert into public.staff (user_id, role) values (${user.id}, 'admin')`;
  let noAdmin = 0;
  let bothCommitted = 0;
  for (let round = 0; round < rounds; round++) {
    await stack.admin`update public.staff set role = 'admin' where user_id in ${stack.admin([sam, user.id])}`;
    let ready = 0;
    let go!: () => void;
    const started = new Promise<void>((r) => (go = r));
    const demote = (self: string, delayMs: number) => stack.admin.begin("isolation level repeatable read", async (tx) => {
      await tx`set local role service_role`;
      await tx`select count(*) from public.staff where role = 'admin'`;
      if (++ready === 2) go();
      await started;
      await new Promise((r) => setTimeout(r, delayMs));
      await tx`update public.staff set role = 'engineer' where user_id = ${self}`;
    });
    const outcomes = await Promise.allSettled([demote(sam, round % 2 ? 0 : 20), demote(user.id, round % 2 ? 20 : 0)]);
    if (outcomes.every((o) => o.status === "fulfilled")) bothCommitted++;
    const [{ n }] = await stack.admin<{ n: number }[]>`select count(*)::int as n from public.staff where role = 'admin'`;
    if (n === 0) noAdmin++;
  }
  await stack.admin`update public.staff set role = 'admin' where user_id = ${sam}`;
  await stack.admin`delete from public.staff where user_id = ${user.id}`;
  report(`last-admin race: ${rounds} rounds of two admins demoting themselves in overlapping REPEATABLE READ transactions, ` +
    `rounds where both committed: ${bothCommitted}, rounds that left no admin: ${noAdmin}`);
  assert.equal(bothCommitted, 0);
  assert.equal(noAdmin, 0);
}
