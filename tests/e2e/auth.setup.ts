// Signs each demo account in once through the real code flow and saves the session for the other specs. The stages
// that run again on the same build (the sign-off spec's servers, the calendar dates: E2E_SESSIONS=minted) give each
// account a live session as sign-in makes one (a private.sessions row and the signed cookie naming it, from the
// server's own secret) instead of driving the sign-in pages a ninth time: the main stage signs in through them.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { test as setup } from "@playwright/test";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/jwt";
import { sessionCookie } from "../support/session-cookie";
import { ACCOUNTS, authFile, randomIp, signIn } from "./helpers";

const minted = process.env.E2E_SESSIONS === "minted";

/** The e2e server's database and session secret, as its runner wrote them (lib/dev/cli.ts, localSecrets). */
function serverSecrets() {
  const stateDir = process.env.E2E_STATE_DIR ?? "/tmp/retainer-portal-e2e";
  const secrets = JSON.parse(fs.readFileSync(path.join(stateDir, "secrets.json"), "utf8")) as { pgPassword: string; sessionSecret: string };
  const adminUrl = `postgres://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT ?? "25339"}/postgres`;
  return { adminUrl, sessionSecret: secrets.sessionSecret };
}

async function mintSession(who: keyof typeof ACCOUNTS) {
  const { adminUrl, sessionSecret } = serverSecrets();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [user] = await admin<{ id: string; email: string }[]>`select id, email from auth.users where email = ${ACCOUNTS[who]}`;
    const cookie = await sessionCookie(admin, sessionSecret, { sub: user.id, email: user.email });
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    const expires = Math.floor(Date.now() / 1000) + SESSION_ABSOLUTE_SECONDS;
    const state = { cookies: [{ name, value, domain: "localhost", path: "/", expires, httpOnly: true, secure: true, sameSite: "Lax" as const }], origins: [] };
    fs.mkdirSync(path.dirname(authFile(who)), { recursive: true });
    fs.writeFileSync(authFile(who), JSON.stringify(state, null, 2));
  } finally {
    await admin.end();
  }
}

for (const who of ["sam", "priya", "olivia", "marco", "aroha"] as const) {
  setup(`sign in as ${who}`, async ({ browser }) => {
    if (minted) return mintSession(who);
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
    const page = await context.newPage();
    await signIn(page, ACCOUNTS[who]);
    await context.storageState({ path: authFile(who) });
    await context.close();
  });
}
