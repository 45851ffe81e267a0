// Shared by the stress suite: a fresh production stack (`npm start`: the build behind lib/platform/server.mjs,
// on an embedded database with the demo data), sessions minted with the stack's own secret, and server
// actions called over HTTP exactly as the browser calls them (React's encodeReply body, the Next-Action
// header, the action id from the build).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { sessionCookie } from "../support/session-cookie";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";
import { encodeReply } from "../support/server-action";

// tests/stress/run.ts takes the encoder from here along with the rest of the harness.

export interface Stack {
  base: string;
  admin: postgres.Sql;
  sessionSecret: string;
  stateDir: string;
  stop: () => Promise<void>;
}

export async function startStack(opts: { port: number; pgPort: number; env?: Record<string, string> }): Promise<Stack> {
  const stateDir = `/tmp/retainer-portal-stress-${opts.port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/dev/cli.ts", "start"], {
    env: {
      // The app reaches its database through PgBouncer in transaction mode (EMBEDDED_POOLER_PORT, lib/dev/cli.ts),
      // as on hosted Supabase: every attack, the sessions' among them, runs through a real transaction pooler.
      ...process.env, RP_STATE_DIR: stateDir, RP_FRESH: "1", EMBEDDED_PG_PORT: String(opts.pgPort), EMBEDDED_POOLER_PORT: String(opts.pgPort + 1), PORT: String(opts.port),
      APP_URL: `http://localhost:${opts.port}`, LOG_LEVEL: "error", DATABASE_POOL_SIZE: "20", ...opts.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://localhost:${opts.port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 600 || child.exitCode !== null) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  const secrets = JSON.parse(fs.readFileSync(path.join(stateDir, "secrets.json"), "utf8")) as { pgPassword: string; sessionSecret: string };
  const admin = postgres(`postgres://postgres:${secrets.pgPassword}@127.0.0.1:${opts.pgPort}/postgres`, { max: 4, onnotice: () => {} });
  return {
    base, admin, sessionSecret: secrets.sessionSecret, stateDir,
    stop: async () => {
      await admin.end();
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export const PEOPLE = DEMO_EMAILS;

export async function cookieFor(stack: Stack, who: keyof typeof PEOPLE): Promise<string> {
  const email = PEOPLE[who];
  return sessionCookie(stack.admin, stack.sessionSecret, { sub: demoId(email), email });
}

interface ManifestEntry { workers: Record<string, unknown>; exportedName: string }

/** Action ids by exported name, and a page path each can be posted to. */
export function actionIds(): Map<string, { id: string; path: string }> {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, ManifestEntry> };
  const out = new Map<string, { id: string; path: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers)[0];
    const route = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, demoId("client:harbor")) || "/";
    out.set(entry.exportedName, { id, path: route });
  }
  return out;
}

export interface ActionReply {
  status: number;
  result: { ok: boolean; error?: string; fieldErrors?: Record<string, string[]>; data?: unknown } | null;
  redirect: string | null;
}

/** Calls a server action the way useActionState does: (previousState = null, formData). */
export async function callAction(stack: Stack, cookie: string, action: { id: string; path: string }, fields: Record<string, string | File>): Promise<ActionReply> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const body = await encodeReply([null, form]);
  const res = await fetch(`${stack.base}${action.path}`, {
    method: "POST",
    headers: { "next-action": action.id, accept: "text/x-component", cookie, origin: stack.base, ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}) },
    body,
    redirect: "manual",
  });
  const text = await res.text();
  // The action's return value is one RSC row (`<id>:{"ok":…}\n`); long strings travel in separate text rows.
  let result: ActionReply["result"] = null;
  const at = text.indexOf('{"ok":');
  if (at >= 0) {
    const end = text.indexOf("\n", at);
    try {
      result = JSON.parse(text.slice(at, end < 0 ? undefined : end)) as ActionReply["result"];
    } catch {
      result = null;
    }
  }
  return { status: res.status, result, redirect: res.headers.get("x-action-redirect") };
}

/**
 * Calls that must each be refused, counted: `attempt` calls an action as `cookie` and records it as a success
 * (with what it answered) unless the one error contract refused it, or, signed out, the proxy sent it to sign in
 * before any action ran. A server error counts as a success of the attack.
 */
export function refusalTally(stack: Stack) {
  const tally = { attempts: 0, succeeded: 0, problems: [] as string[] };
  const attempt = async (label: string, cookie: string, action: { id: string; path: string }, fields: Record<string, string>) => {
    tally.attempts++;
    const reply = await callAction(stack, cookie, action, fields);
    const refused = reply.result?.ok === false || (cookie === "" && reply.status === 307 && reply.result === null);
    if (!refused || reply.status >= 500) {
      tally.succeeded++;
      tally.problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 160)}`);
    }
  };
  return { tally, attempt };
}
