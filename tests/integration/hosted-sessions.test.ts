// Sign-out that bites under Supabase Auth (issue 30): the hosted provider against the GoTrue double, which
// keeps auth.sessions in the real test database as GoTrue does (a row per sign-in, deleted on sign-out). A
// token whose signature still verifies (asymmetric keys are checked locally, without asking GoTrue) is
// refused at its next request once its session row is gone, by the viewer query every page and action makes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supabaseAuth } from "@/lib/auth/supabase";
import type { Claims } from "@/lib/db";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { admin } from "../support/fixtures";
import { startSupabaseAuthDouble } from "../doubles/supabase-auth";

const userId = randomUUID();
const email = `hosted-${userId.slice(0, 8)}@client.test`;
let double: Awaited<ReturnType<typeof startSupabaseAuthDouble>>;

function device() {
  const jar = new Map<string, { value: string; options: Record<string, unknown> }>();
  const auth = supabaseAuth({
    url: double.url, publishableKey: "sb_publishable_test", secureCookies: true,
    cookies: {
      getAll: () => [...jar].map(([name, c]) => ({ name, value: c.value })),
      setAll: (list) => {
        for (const { name, value, options } of list) {
          if (value) jar.set(name, { value, options: options as Record<string, unknown> });
          else jar.delete(name);
        }
      },
    },
  });
  return { auth, jar };
}

/** A browser that signed in with the code: its device and the claims its cookie now verifies to. */
async function signedIn() {
  const d = device();
  await d.auth.verifyCode(email, "424242");
  return { ...d, claims: (await d.auth.claims())! };
}

/** What the app does on each request with the verified claims: the viewer query (lib/db/viewer). */
const live = async (claims: Claims) => (await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email }))).sessionLive;

beforeAll(async () => {
  double = await startSupabaseAuthDouble({ validCode: "424242", userId, email, db: admin, reusableCode: true });
});
afterAll(() => double.close());

describe("hosted sessions (Supabase Auth)", () => {
  it("carry GoTrue's session id in the claims, in cookies scripts cannot read", async () => {
    const laptop = device();
    await laptop.auth.verifyCode(email, "424242");
    const claims = (await laptop.auth.claims())!;
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await admin`select user_id from auth.sessions where id = ${claims.session_id!}`;
    expect(row.user_id).toBe(userId);
    expect(await live(claims)).toBe(true);
    expect(laptop.jar.size).toBeGreaterThan(0);
    for (const [, c] of laptop.jar) expect(c.options).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax" });
  });

  it("sign-out ends that device at its next request, and only that one", async () => {
    const laptop = await signedIn();
    const phone = await signedIn();
    await laptop.auth.signOut("local");
    // The laptop's token still verifies by its signature for up to an hour; its session row is gone.
    expect(await live(laptop.claims)).toBe(false);
    expect(await live(phone.claims)).toBe(true);
  });

  it("sign-out everywhere ends every device of the person", async () => {
    const a = await signedIn();
    const b = await signedIn();
    await a.auth.signOut("global");
    expect([await live(a.claims), await live(b.claims)]).toEqual([false, false]);
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from auth.sessions where user_id = ${userId}`;
    expect(n).toBe(0);
  });

  it("a session past its time-box, unused for 7 days, or older than 30 days is over; another person's or a made-up id is not live", async () => {
    const { claims } = await signedIn();
    const id = claims.session_id!;
    await admin`update auth.sessions set not_after = now() - interval '1 second' where id = ${id}`;
    expect(await live(claims)).toBe(false);
    await admin`update auth.sessions set not_after = null, created_at = now() - interval '8 days', updated_at = now() - interval '8 days', refreshed_at = null where id = ${id}`;
    expect(await live(claims)).toBe(false);
    await admin`update auth.sessions set updated_at = now() - interval '8 days', refreshed_at = (now() - interval '1 hour') at time zone 'UTC' where id = ${id}`;
    expect(await live(claims)).toBe(true); // refreshed an hour ago: in use
    await admin`update auth.sessions set created_at = now() - interval '31 days' where id = ${id}`;
    expect(await live(claims)).toBe(false); // in use, but past the 30 days
    const other = randomUUID();
    expect(await live({ ...claims, sub: other })).toBe(false);
    expect(await live({ ...claims, session_id: randomUUID() })).toBe(false);
    expect(await live({ ...claims, session_id: "not-a-uuid" })).toBe(false);
  });
});
