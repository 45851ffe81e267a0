// A database of its own in the test cluster, with the real bootstrap and migrations. For tests that need
// the whole practice to themselves: the last-admin rule counts every admin, and the shared test database
// holds many (every createCast() adds one). Roles are cluster-wide, so retainer_app logs in here too.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import type { Claims, Tx } from "@/lib/db";
import { asServiceOn, asUserOn, openConnection } from "@/lib/db/connection";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { retarget, serialSchemaWork } from "./test-db";

const options = { onnotice: () => {} } as const;

export async function isolatedDatabase(label: string) {
  const name = `rp_${label.replace(/[^a-z0-9]/g, "_")}_${randomUUID().slice(0, 8)}`;
  const root = postgres(inject("adminUrl"), { ...options, max: 1 });
  await root.unsafe(`create database ${name}`);
  await root.end();
  const adminUrl = retarget(inject("adminUrl"), name);
  const appUrl = retarget(inject("appUrl"), name);
  await serialSchemaWork(async () => {
    await applyBootstrap(adminUrl);
    await migrate(adminUrl);
  });

  const admin = postgres(adminUrl, { ...options, max: 2 });
  // The app's own connection settings (int8 as a safe number, undefined as null): lib code run here behaves as in
  // the app (a close sums amounts; with int8 as strings it would concatenate them).
  const app = openConnection(appUrl, { max: 4 });

  /** One transaction as the signed-in user (what lib/db's asUser does, on this database). */
  const asUser = <T>(claims: Claims, fn: (tx: Tx) => Promise<T>) => asUserOn(app, claims, fn);

  const asService = <T>(fn: (tx: Tx) => Promise<T>) => asServiceOn(app, fn);

  /** A person who has signed in (auth user → profile, as the local provider's sign-in does). */
  async function signIn(email: string, fullName = "") {
    const [row] = await admin<{ id: string }[]>`
      insert into auth.users (email, raw_user_meta_data, email_confirmed_at, last_sign_in_at)
      values (${email}, ${admin.json({ full_name: fullName })}, now(), now())
      returning id`;
    return { id: row.id, email: email.toLowerCase(), claims: { sub: row.id, email: email.toLowerCase(), role: "authenticated" as const } };
  }

  return {
    name, adminUrl, appUrl, admin, app, asUser, asService, signIn,
    async drop() {
      await Promise.all([admin.end(), app.end()]);
      const root2 = postgres(inject("adminUrl"), { ...options, max: 1 });
      await root2.unsafe(`drop database if exists ${name} with (force)`);
      await root2.end();
    },
  };
}

export type IsolatedDatabase = Awaited<ReturnType<typeof isolatedDatabase>>;
