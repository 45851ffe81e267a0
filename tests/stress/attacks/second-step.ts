// Issue 29, two-step sign-in, on the production stack through the doors a browser uses: a person turns it on from
// /account (the key read from the page, codes computed as an authenticator app would), then attackers who already
// passed the emailed code (they read the mailbox) try the second step:
//   - guessing: 20 wrong codes with the person's own second-step cookie; at most 5 are answered before "try again
//     later", and the right code is refused too while the wait lasts;
//   - forged second-step cookies (a token signed with another key, an unsigned one, one naming the person with an
//     expiry far away) with the right code;
//   - replay: a code that signed the person in, used again;
//   - an engineer resetting another person's factor.
// Figure: attempts, succeeded 0, sessions issued 0, factors changed 0.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { generateSync } from "otplib";
import { sessionCookie } from "../../support/session-cookie";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";
import { caller, pastEmailedCode, type Reply } from "./client-ips";

type Report = (line: string) => void;
const SESSION = /^__Host-rp_session=[^;]+/;
const codeAt = (key: string, offset = 0) => generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) + offset });

export async function secondStep(stack: Stack, report: Report) {
  const actions = actionIds();
  let attempts = 0;
  let succeeded = 0;
  let sessions = 0;
  const problems: string[] = [];
  const issued = (r: Reply) => r.setCookie.some((c) => SESSION.test(c));

  /** A fresh person with two-step sign-in on, set up through /account as a browser would. */
  async function personWithTwoStep(label: string) {
    const email = `${label}-${randomUUID().slice(0, 8)}@second-step.stress.test`;
    const [user] = await stack.admin<{ id: string }[]>`insert into auth.users (email) values (${email}) returning id`;
    const cookie = await sessionCookie(stack.admin, stack.sessionSecret, { sub: user.id, email });
    const started = await callAction(stack, cookie, actions.get("startTwoStepAction")!, {});
    assert.equal(started.result?.ok, true, `set-up starts: ${JSON.stringify(started.result)}`);
    const html = await (await fetch(`${stack.base}/account`, { headers: { cookie } })).text();
    const key = /aria-label="Authenticator key"[^>]*>([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/\s/g, "");
    assert.ok(key, "the account page shows the key to type into an app");
    const confirmed = await callAction(stack, cookie, actions.get("confirmTwoStepAction")!, { code: codeAt(key) });
    assert.equal(confirmed.result?.ok, true, `set-up confirms: ${JSON.stringify(confirmed.result)}`);
    return { id: user.id, email, key };
  }

  const halfway = (email: string, address: string) => pastEmailedCode(stack, email, address, "203.0.113.90");

  const second = (address: string, cookie: string, code: string) => caller(stack, address)("secondFactorAction", { code }, "203.0.113.91", cookie);

  // Guessing with the person's own second-step cookie.
  const guessed = await personWithTwoStep("guessed");
  const step = await halfway(guessed.email, "127.0.0.40");
  let answered = 0;
  for (let i = 0; i < 20; i++) {
    const wrong = String((Number(codeAt(guessed.key, 30)) + 1 + i) % 1_000_000).padStart(6, "0");
    const r = await second("127.0.0.40", step, wrong);
    attempts++;
    if (issued(r)) sessions++;
    if (!/too many/i.test(r.error ?? "")) answered++;
  }
  const right = await second("127.0.0.40", step, codeAt(guessed.key, 30));
  attempts++;
  if (issued(right)) {
    sessions++;
    problems.push("the right code was taken while the person's second step was limited");
  }
  if (answered > 5) problems.push(`${answered} wrong second steps were answered (the limit is 5)`);

  // Forged second-step cookies, each with the right code.
  const target = await personWithTwoStep("forged");
  const claims = { email: target.email, how: "code" };
  const forged = [
    await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(target.id).setAudience("second-step").setIssuer("retainer-portal")
      .setExpirationTime("1h").sign(new TextEncoder().encode(stack.sessionSecret)), // the raw secret, not the derived key
    new UnsecuredJWT(claims).setSubject(target.id).setAudience("second-step").setIssuer("retainer-portal").setExpirationTime("1h").encode(),
    await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(target.id).setAudience("second-step").setIssuer("retainer-portal")
      .setExpirationTime("10y").sign(new TextEncoder().encode("a-guessed-secret-of-the-right-length!!")),
  ];
  for (const token of forged) {
    const r = await second("127.0.0.41", `__Host-rp_second_step=${token}`, codeAt(target.key, 30));
    attempts++;
    if (issued(r)) {
      sessions++;
      problems.push(`a forged second-step cookie signed in: ${token.slice(0, 20)}…`);
    }
  }

  // Replay: the code that signed the person in, used again in a new second step.
  const replayed = await personWithTwoStep("replayed");
  const code = codeAt(replayed.key, 30);
  const first = await second("127.0.0.42", await halfway(replayed.email, "127.0.0.42"), code);
  assert.ok(issued(first), `the person signs in with the app's code: ${JSON.stringify(first)}`);
  const again = await second("127.0.0.42", await halfway(replayed.email, "127.0.0.42"), code);
  attempts++;
  if (issued(again)) {
    sessions++;
    problems.push("a code was accepted twice");
  }

  // An engineer resets another person's factor.
  const factors = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from private.totp_factors where confirmed_at is not null`)[0].n;
  const before = await factors();
  const reset = await callAction(stack, await cookieFor(stack, "priya"), actions.get("resetStaffSecondFactorAction")!, { userId: target.id, verifiedBy: "They asked nicely" });
  attempts++;
  if (reset.result?.ok !== false) {
    succeeded++;
    problems.push(`an engineer reset a factor: ${JSON.stringify(reset.result)}`);
  }
  const changed = before - (await factors());

  succeeded += sessions;
  report(`second step: ${attempts} attempts (20 wrong codes with the person's own second-step cookie, ${answered} answered before the wait, then the right one; ` +
    `3 forged second-step cookies with the right code; a code replayed; an engineer resetting another person's factor), succeeded: ${succeeded}, sessions issued: ${sessions}, factors changed: ${changed}`);
  assert.deepEqual(problems, []);
  assert.equal(changed, 0);
}
