import "server-only";
import type postgres from "postgres";
import { asServiceOn, asUserOn, openConnection, type Claims, type Tx } from "@/lib/db/connection";
import fs from "node:fs";
import { databaseSettings } from "@/lib/db/connection-settings";
import { env } from "@/lib/platform/env";

export { pgCode, withServiceRole, type Claims, type Tx } from "@/lib/db/connection";

// The app logs in as a role with no table privileges of its own (retainer_app / authenticator). Every
// query runs inside asUser (role `authenticated` + the caller's claims, so RLS applies) or asService
// (role `service_role`, for webhooks, cron jobs and sign-in bookkeeping). Nothing else reaches a table.

const globalForDb = globalThis as unknown as { __rpSql?: postgres.Sql };

export function sql(): postgres.Sql {
  if (!globalForDb.__rpSql) {
    // The start check (instrumentation.ts) refused to start on a refusal; here only the settings are taken.
    const { max, prepare, ssl } = databaseSettings(process.env, (file) => fs.readFileSync(file, "utf8"));
    globalForDb.__rpSql = openConnection(env().DATABASE_URL, { max, prepare, ssl });
  }
  return globalForDb.__rpSql;
}

/** One transaction as the signed-in user: RLS decides what it can see and change. */
export function asUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asUserOn(sql(), claims, fn);
}

/** One transaction as the service role (bypasses RLS): only for work no user performs directly. */
export function asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asServiceOn(sql(), fn);
}
