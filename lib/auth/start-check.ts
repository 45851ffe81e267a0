// Sign-in limits count code requests per email and per client IP. A server that cannot know the client's IP
// counts per email only, so one caller could have codes sent to any number of addresses: never silently. A
// production server with local sign-in refuses to start instead (instrumentation.ts runs this once at start).
// The IP is known when `npm run serve` (lib/platform/server.mjs) passes each request's socket address, or
// when TRUSTED_PROXY names the proxy that writes it (lib/auth/client-ip). Hosted sign-in (Supabase Auth)
// never uses the IP: the app asks Supabase for the code, and Supabase limits OTP emails itself.
//
// The database settings (lib/db/connection-settings) are checked here too: a production server refuses to
// start with a TLS setting that cannot tell who answers, and logs an explicit opt-out.
//
// Pure and free of `server-only`: instrumentation imports it outside the React server graph.
import fs from "node:fs";
import { databaseSettings } from "@/lib/db/connection-settings";

const readText = (file: string) => fs.readFileSync(file, "utf8");

/** What the check reads, passed in: the process's environment and whether server.mjs runs the app. */
export interface StartFacts {
  /** A production server (`next start`, `npm run serve`), not `next dev`. */
  production: boolean;
  /** The header name lib/platform/server.mjs passes the socket address in; undefined under plain `next start`. */
  peerHeader: string | undefined;
  /** The process environment at start (read whole: `process.env.NEXT_PUBLIC_*` would be the build's values). */
  env: Readonly<Record<string, string | undefined>>;
}

export const FIXES =
  "Start it with `npm run serve` (it tells the app each request's socket address), or, behind a load balancer " +
  "or proxy, set TRUSTED_PROXY to the number of proxies in front (1-5), or TRUSTED_PROXY=vercel on Vercel.";

/** Why this server must not start, as a sentence for the operator; null when it may. */
export function startRefusal({ production, peerHeader, env }: StartFacts): string | null {
  if (!production) return null;
  const database = databaseSettings({ ...env, NODE_ENV: "production" }, readText);
  if (database.refusal) return database.refusal;
  const trusted = env.TRUSTED_PROXY ?? "";
  if (trusted !== "" && trusted !== "vercel" && !/^[1-5]$/.test(trusted)) {
    return `Refusing to start: TRUSTED_PROXY is ${JSON.stringify(trusted)}, but it must be a number of proxies from 1 to 5, or vercel.`;
  }
  const hosted = Boolean(env.NEXT_PUBLIC_SUPABASE_URL && env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY);
  if (hosted || trusted !== "" || peerHeader) return null;
  return (
    "Refusing to start: this server cannot know its callers' IP addresses (it was started with `next start` and " +
    "TRUSTED_PROXY is not set), so sign-in code requests would be limited per email only and anyone could have " +
    `codes sent to any number of addresses. ${FIXES}`
  );
}

/**
 * Node only: stops the process, with the sentence on stderr, when startRefusal says so. instrumentation.ts
 * imports this module in the Node runtime alone (the Edge runtime has no process.exit).
 */
export function enforceStartCheck(production: boolean, env: StartFacts["env"]): void {
  const refusal = startRefusal({ production, peerHeader: (globalThis as { __rpPeerHeader?: string }).__rpPeerHeader, env });
  if (!refusal) {
    // Opt-outs and defaults an operator should know about (TLS off on purpose, a pooler declared); settings
    // that refuse were reported above, so this second read only runs on a server that starts.
    if (production) for (const note of databaseSettings({ ...env, NODE_ENV: "production" }, readText).notes) process.stderr.write(`[retainer-portal] ${note}\n`);
    return;
  }
  process.stderr.write(`${refusal}\n`);
  process.exit(1);
}
