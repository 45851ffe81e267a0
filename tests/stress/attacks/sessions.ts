// Issue 14, item 4: a session cookie copied before its owner signed out (or signed out everywhere, lost
// access, or passed the 30-day end) must stop working at once, for pages and actions alike.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { sessionCookie } from "../../support/session-cookie";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

/** Whether a stolen cookie still gets in: a page of the person's client, and a harmless action. */
async function stillWorks(stack: Stack, cookie: string, clientId: string): Promise<boolean> {
  const page = await fetch(`${stack.base}/clients/${clientId}`, { headers: { cookie }, redirect: "manual" });
  await page.arrayBuffer();
  return page.status === 200;
}

export async function sessions(stack: Stack, report: (line: string) => void) {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  let attempts = 0;
  let succeeded = 0;
  const replay = async (label: string, cookie: string, clientId: string) => {
    attempts++;
    if (await stillWorks(stack, cookie, clientId)) {
      succeeded++;
      return label;
    }
    return null;
  };
  const problems: (string | null)[] = [];

  // Sign-out: the cookie taken before it is dead afterwards, for pages and for actions.
  const stolen = await cookieFor(stack, "olivia");
  assert.ok(await stillWorks(stack, stolen, harbor), "a fresh session works");
  const out = await fetch(`${stack.base}/logout`, { method: "POST", headers: { cookie: stolen, origin: stack.base }, redirect: "manual" });
  assert.equal(out.status, 303, "sign-out answers with a redirect to /login");
  assert.match(out.headers.get("clear-site-data") ?? "", /"cookies"/, "sign-out tells the browser to clear the site's data");
  problems.push(await replay("after sign-out", stolen, harbor));
  const acted = await callAction(stack, stolen, actions.get("setAiDraftingAction")!, { clientId: harbor, enabled: "true" });
  attempts++;
  if (acted.result?.ok !== false || !/session has ended/.test(acted.result.error ?? "")) {
    succeeded++;
    problems.push(`action after sign-out: ${JSON.stringify(acted.result)}`);
  }

  // Sign out everywhere: every other device's cookie dies too.
  const [laptop, phone, tablet] = [await cookieFor(stack, "aroha"), await cookieFor(stack, "aroha"), await cookieFor(stack, "aroha")];
  const everywhere = await fetch(`${stack.base}/logout?everywhere=1`, { method: "POST", headers: { cookie: laptop, origin: stack.base }, redirect: "manual" });
  assert.equal(everywhere.headers.get("clear-site-data"), '"cache", "cookies", "storage"', "signing out everywhere clears this browser's site data");
  for (const [label, c] of [["phone", phone], ["tablet", tablet], ["laptop", laptop]] as const) problems.push(await replay(`${label} after sign out everywhere`, c, kiwi));

  // Losing access: a member removed from a client (a throwaway person, so the demo stays as it was).
  const [person] = await stack.admin<{ id: string; email: string }[]>`
    insert into auth.users (email) values (${`stolen-${Date.now()}@stress.test`}) returning id, email`;
  await stack.admin`insert into public.client_members (client_id, user_id, role) values (${harbor}, ${person.id}, 'member')`;
  const theirs = await sessionCookie(stack.admin, stack.sessionSecret, { sub: person.id, email: person.email });
  assert.ok(await stillWorks(stack, theirs, harbor), "the member gets in before removal");
  await stack.admin`delete from public.client_members where user_id = ${person.id}`;
  await stack.admin`insert into public.client_members (client_id, user_id, role) values (${harbor}, ${person.id}, 'member')`; // even if re-added
  problems.push(await replay("after the membership was removed", theirs, harbor));
  await stack.admin`delete from public.client_members where user_id = ${person.id}`;
  await stack.admin`delete from auth.users where id = ${person.id}`;

  // The 30-day end, however fresh the token's sliding expiry.
  const old = await cookieFor(stack, "yuki");
  await stack.admin`update private.sessions set created_at = now() - interval '31 days', expires_at = now() - interval '1 minute'
    where user_id = ${demoId("yuki@sakura-ceramics.test")} and revoked_at is null`;
  problems.push(await replay("30 days after sign-in", old, demoId("client:sakura")));

  report(`stolen session cookies: ${attempts} attempts (after sign-out, sign out everywhere, access removed, the 30-day end), succeeded: ${succeeded}, rows changed: 0`);
  assert.deepEqual(problems.filter(Boolean), []);
}
