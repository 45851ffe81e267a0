// Issue 29 (ASVS 7.4.5), last on the production stack because it signs everyone out: an admin ends every session in
// the practice but their own. First the refusals: an engineer, an owner, and the admin with a session older than 30
// minutes; each ends nothing. Then the admin, freshly signed in: every other cookie is sent to sign in again, the
// admin's own still works, and it is on the practice's record.
// Figure: attempts, succeeded 0, sessions ended by refused calls 0; then sessions ended and cookies checked.
import assert from "node:assert/strict";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;

export async function endEveryone(stack: Stack, report: Report) {
  const action = actionIds().get("endEveryonesSessionsAction")!;
  const live = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from private.sessions where revoked_at is null and expires_at > now()`)[0].n;
  const others = await Promise.all((["olivia", "marco", "priya", "aroha"] as const).map((who) => cookieFor(stack, who)));
  const staleAdmin = await cookieFor(stack, "sam");
  await stack.admin`update private.sessions set created_at = now() - interval '31 minutes' where id = (select id from private.sessions order by created_at desc limit 1)`;
  const before = await live();

  let attempts = 0;
  let succeeded = 0;
  for (const cookie of [await cookieFor(stack, "priya"), await cookieFor(stack, "olivia"), staleAdmin]) {
    const r = await callAction(stack, cookie, action, {});
    attempts++;
    if (r.result?.ok !== false) succeeded++;
  }
  const endedByRefused = before + 2 - (await live()); // the two new cookies above added two live sessions

  const admin = await cookieFor(stack, "sam");
  const done = await callAction(stack, admin, action, {});
  assert.equal(done.result?.ok, true, `the admin ends every session: ${JSON.stringify(done.result)}`);
  const signedOut = await Promise.all(others.map(async (cookie) => {
    const res = await fetch(`${stack.base}/account`, { headers: { cookie }, redirect: "manual" });
    return res.status >= 300 && res.status < 400 && /\/(login|logout)/.test(res.headers.get("location") ?? ""); // /logout clears, then /login
  }));
  const own = await fetch(`${stack.base}/account`, { headers: { cookie: admin }, redirect: "manual" });
  report(`ending everyone's sessions: ${attempts} attempts (an engineer, an owner, the admin 31 minutes after signing in), succeeded: ${succeeded}, ` +
    `sessions ended by refused calls: ${endedByRefused}; the admin, fresh: ${done.result?.ok ? "ended" : "refused"} ${(done.result as { data?: number } | null)?.data ?? 0} sessions, ` +
    `${signedOut.filter(Boolean).length} of ${others.length} other cookies sent to sign in (through /logout), the admin's own: ${own.status}`);
  assert.equal(succeeded, 0);
  assert.equal(endedByRefused, 0);
  assert.deepEqual(signedOut, others.map(() => true));
  assert.equal(own.status, 200);
}
