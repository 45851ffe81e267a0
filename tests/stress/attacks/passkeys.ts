// Issue 29, passkeys, on the production stack through the doors a browser uses. A person adds a passkey from
// /account (a software authenticator answering as a laptop would), then attackers who already passed the emailed
// code (they read the mailbox) try the second step with it:
//   - replay: the signed answer that signed the person in, sent again in a new second step;
//   - phishing: an answer the person's own authenticator signed for another origin, and for another site's RP ID;
//   - the attacker's own passkey (registered to the attacker's account) answering the person's challenge;
//   - a cloned authenticator (its counter behind the stored one);
//   - answers a browser never sends (not JSON, the wrong shape, 30 kB), and passkey options without a second step;
//   - a signed-in stranger removing the person's passkey by its id.
// Figure: attempts, succeeded 0, sessions issued 0, passkeys changed 0.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { sessionCookie } from "../../support/session-cookie";
import { SoftAuthenticator } from "../../support/webauthn";
import { actionIds, callAction, type Stack } from "../harness";
import { caller, pastEmailedCode, type Reply } from "./client-ips";

type Report = (line: string) => void;
const SESSION = /^__Host-rp_session=[^;]+/;

export async function passkeys(stack: Stack, report: Report) {
  const actions = actionIds();
  const relyingParty = { id: new URL(stack.base).hostname, origin: new URL(stack.base).origin };
  let attempts = 0;
  let sessions = 0;
  const problems: string[] = [];
  const issued = (r: Reply) => r.setCookie.some((c) => SESSION.test(c));

  /** A fresh person who added a passkey through /account; their session cookie and authenticator. */
  async function personWithPasskey(label: string) {
    const email = `${label}-${randomUUID().slice(0, 8)}@passkeys.stress.test`;
    const [user] = await stack.admin<{ id: string }[]>`insert into auth.users (email) values (${email}) returning id`;
    const cookie = await sessionCookie(stack.admin, stack.sessionSecret, { sub: user.id, email });
    const asked = await callAction(stack, cookie, actions.get("passkeyRegistrationOptionsAction")!, {});
    assert.equal(asked.result?.ok, true, `options for a new passkey: ${JSON.stringify(asked.result)}`);
    const device = new SoftAuthenticator(relyingParty);
    const answer = device.register((asked.result!.data as { options: { challenge: string } }).options);
    const added = await callAction(stack, cookie, actions.get("addPasskeyAction")!, { name: "Laptop", response: JSON.stringify(answer) });
    assert.equal(added.result?.ok, true, `the passkey is added: ${JSON.stringify(added.result)}`);
    return { id: user.id, email, cookie, device };
  }

  const halfway = (email: string, address: string) => pastEmailedCode(stack, email, address, "203.0.113.92");

  /** The challenge of a second step (as the page's button asks for it). */
  async function challenge(step: string): Promise<{ challenge: string }> {
    const r = await callAction(stack, step, actions.get("passkeySignInOptionsAction")!, {});
    assert.equal(r.result?.ok, true, `passkey options in a second step: ${JSON.stringify(r.result)}`);
    return (r.result!.data as { options: { challenge: string } }).options;
  }
  const answer = (address: string, step: string, response: string) => caller(stack, address)("passkeyAction", { response }, "203.0.113.93", step);
  const attack = async (what: string, address: string, step: string, response: string) => {
    const r = await answer(address, step, response);
    attempts++;
    if (issued(r)) {
      sessions++;
      problems.push(`${what} signed in`);
    }
  };

  const victim = await personWithPasskey("victim");
  const attacker = await personWithPasskey("attacker");
  const keys = async () => (await stack.admin<{ n: number; counters: string }[]>`
    select count(*)::int as n, coalesce(sum(sign_count), 0)::text as counters from private.passkeys where user_id = ${victim.id}`)[0];

  // The person signs in with the passkey: the answer that worked is the attacker's to replay.
  const stepA = await halfway(victim.email, "127.0.0.50");
  const good = JSON.stringify(victim.device.authenticate(await challenge(stepA)));
  const first = await answer("127.0.0.50", stepA, good);
  assert.ok(issued(first), `the person signs in with the passkey: ${JSON.stringify(first)}`);
  const before = await keys();

  const stepB = await halfway(victim.email, "127.0.0.51");
  await attack("a replayed passkey answer", "127.0.0.51", stepB, good);
  await attack("an answer signed for a phishing origin", "127.0.0.51", stepB,
    JSON.stringify(victim.device.authenticate(await challenge(stepB), { origin: "https://portal.attacker.example" })));
  await attack("an answer signed for another RP ID", "127.0.0.51", stepB,
    JSON.stringify(victim.device.authenticate(await challenge(stepB), { rpId: "attacker.example" })));
  await attack("the attacker's own passkey", "127.0.0.51", stepB, JSON.stringify(attacker.device.authenticate(await challenge(stepB))));
  const stepC = await halfway(victim.email, "127.0.0.52");
  const clone = Object.assign(Object.create(Object.getPrototypeOf(victim.device)), victim.device, { counter: 0 }) as SoftAuthenticator;
  await attack("a cloned authenticator", "127.0.0.52", stepC, JSON.stringify(clone.authenticate(await challenge(stepC))));
  for (const junk of ["not json", JSON.stringify({ id: "x", type: "public-key" }), JSON.stringify({ pad: "x".repeat(30_000) })]) {
    await attack("an answer no browser sends", "127.0.0.52", stepC, junk);
  }
  // Options without a second step in progress (no cookie): refused, no challenge made.
  const noStep = await callAction(stack, "", actions.get("passkeySignInOptionsAction")!, {});
  attempts++;
  if (noStep.result?.ok !== false) problems.push(`passkey options without a second step: ${JSON.stringify(noStep.result)}`);

  // A signed-in stranger removes the person's passkey by its id.
  const [{ id: keyId }] = await stack.admin<{ id: string }[]>`select id from private.passkeys where user_id = ${victim.id}`;
  const removed = await callAction(stack, attacker.cookie, actions.get("removePasskeyAction")!, { passkeyId: keyId });
  attempts++;
  if (removed.result?.ok !== false) problems.push(`a stranger removed a passkey: ${JSON.stringify(removed.result)}`);

  const after = await keys();
  const changed = (before.n !== after.n ? 1 : 0) + (before.counters !== after.counters ? 1 : 0);
  const [{ n: failures }] = await stack.admin<{ n: number }[]>`
    select count(*)::int as n from public.security_events where user_id = ${victim.id} and kind = 'factor_failed'`;
  report(`passkeys: ${attempts} attempts (a replayed answer, answers signed for a phishing origin and another RP ID, the attacker's own passkey, ` +
    `a cloned authenticator, 3 answers no browser sends, options without a second step, a stranger removing a passkey), succeeded: ${problems.length}, ` +
    `sessions issued: ${sessions}, passkeys changed: ${changed}, factor_failed events: ${failures}`);
  assert.deepEqual(problems, []);
  assert.equal(changed, 0);
  assert.ok(failures >= 5, `each refused answer is on record (${failures})`);
}
