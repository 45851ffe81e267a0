// Issue 14, item 3: sign-in limits per IP must count the caller, not a header the caller writes. Code
// requests and code guesses across many emails with a rotated X-Forwarded-For all land in the caller's own
// bucket; callers on other addresses keep theirs (no bucket every caller shares).
import assert from "node:assert/strict";
import http from "node:http";
import { randomUUID } from "node:crypto";
import { encodeReply } from "../../support/server-action";
import { actionIds, type Stack } from "../harness";

const LIMIT = 5; // SIGNIN_MAX_REQUESTS and SIGNIN_MAX_FAILURES on the stress stack (the defaults)

export interface Reply { status: number; redirect: string | null; error: string | null; setCookie: string[] }

/** A caller on its own loopback address (Linux routes all of 127/8 to lo), sending a header of its choosing. */
export function caller(stack: Stack, localAddress: string) {
  const actions = actionIds();
  const url = new URL(stack.base);
  return async (name: string, fields: Record<string, string>, forwardedFor: string, cookie?: string): Promise<Reply> => {
    const action = actions.get(name)!;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const encoded = new Response((await encodeReply([null, form])) as FormData | string);
    const body = Buffer.from(await encoded.arrayBuffer());
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1", port: url.port, path: action.path, method: "POST", localAddress,
        headers: {
          host: url.host, "next-action": action.id, accept: "text/x-component", origin: stack.base, "x-forwarded-for": forwardedFor, ...(cookie ? { cookie } : {}),
          "content-type": encoded.headers.get("content-type") ?? "text/plain;charset=UTF-8", "content-length": body.length,
        },
      }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          const error = /"error":"([^"]*)"/.exec(text)?.[1] ?? null;
          resolve({
            status: res.statusCode ?? 0, redirect: (res.headers["x-action-redirect"] as string | undefined) ?? null, error,
            setCookie: res.headers["set-cookie"] ?? [],
          });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  };
}

/**
 * The cookie of a sign-in in progress (lib/auth/pending) as a script forges it: any address, any request id. A code
 * is checked against the pair, so a forged one names no request unless its id leaked.
 */
export const pendingCookie = (email: string, request: string | null) =>
  `__Host-rp_signin=${Buffer.from(JSON.stringify({ email, request })).toString("base64url")}`;

/** The pending sign-in cookie a reply set (a code request's), as a Cookie header. */
export const pendingFrom = (reply: Reply): string => reply.setCookie.map((c) => c.split(";")[0]).find((c) => c.startsWith("__Host-rp_signin=")) ?? "";

const rotated = (i: number) => `${(i * 37) % 223 + 1}.${i % 250}.${(i * 7) % 250}.${i % 200 + 1}`;

/**
 * A person with a second factor passes the emailed code in a browser of `localAddress` (as an attacker who reads
 * their mailbox would): the second-step cookie that browser now holds (a Cookie header). No session exists yet.
 */
export async function pastEmailedCode(stack: Stack, email: string, localAddress: string, forwardedFor: string): Promise<string> {
  const browser = caller(stack, localAddress);
  const asked = await browser("requestCodeAction", { email }, forwardedFor);
  const [mail] = await stack.admin<{ body_text: string }[]>`
    select body_text from public.outbox where to_email = ${email} and kind = 'sign_in_code' order by created_at desc limit 1`;
  const verified = await browser("verifyCodeAction", { code: /^(\d{6})$/m.exec(mail.body_text)![1] }, forwardedFor, pendingFrom(asked));
  assert.match(verified.redirect ?? "", /\/login\/second-factor/, "a person with a second factor is sent to the second step");
  assert.ok(!verified.setCookie.some((c) => c.startsWith("__Host-rp_session=")), "no session before the second step");
  const step = verified.setCookie.map((c) => /^__Host-rp_second_step=[^;]+/.exec(c)?.[0]).find(Boolean);
  assert.ok(step, "the second step is this browser's");
  return step!;
}

export async function clientIps(stack: Stack, report: (line: string) => void) {
  const run = Date.now();
  const attacker = caller(stack, "127.0.0.2");
  let requested = 0;
  for (let i = 0; i < 30; i++) {
    const r = await attacker("requestCodeAction", { email: `victim-${run}-${i}@ip.stress.test` }, rotated(i));
    if (r.redirect) requested++; // a code was sent (the form moves on to /login/verify)
  }
  let guessed = 0;
  for (let i = 0; i < 20; i++) {
    const forged = pendingCookie(`victim-${run}-${i}@ip.stress.test`, randomUUID());
    const r = await attacker("verifyCodeAction", { code: String(100000 + i) }, rotated(100 + i), forged);
    if (!/too many/i.test(r.error ?? "")) guessed++; // a guess the limit let through
  }
  // Another caller, on another address, is not locked out by the attacker.
  const neighbour = caller(stack, "127.0.0.3");
  const other = await neighbour("requestCodeAction", { email: `neighbour-${run}@ip.stress.test` }, "1.2.3.4");
  const neighbourServed = Boolean(other.redirect);

  const succeeded = Math.max(0, requested - LIMIT) + Math.max(0, guessed - LIMIT);
  report(`rotated X-Forwarded-For: 50 attempts (30 code requests, 20 code guesses, each from a new forged address), ${requested} requests and ${guessed} guesses let through (the limit is ${LIMIT} each), succeeded beyond the limit: ${succeeded}, another address still served: ${neighbourServed ? "yes" : "no"}, rows changed: 0`);
  assert.equal(succeeded, 0);
  assert.ok(neighbourServed, "a caller on another address has its own bucket");
}
