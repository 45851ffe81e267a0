// Every table × column × role privilege of the migrated database against the allow-list in the repo
// (supabase/privileges.json): a grant nobody listed fails here, and so does a listed one that is gone.
// Beside it, the walls no edit of the list may move: what `authenticated` and `anon` must never hold.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { admin } from "../support/fixtures";
import { catalogPrivileges, formatPrivileges, normalize, type Privileges } from "../support/privileges";

const ALLOW_LIST = path.join(process.cwd(), "supabase", "privileges.json");

describe("privilege catalog", () => {
  it("matches supabase/privileges.json exactly, object by object and role by role", async () => {
    const { $comment, ...listed } = JSON.parse(fs.readFileSync(ALLOW_LIST, "utf8")) as Privileges & { $comment: string };
    const actual = await catalogPrivileges(admin);
    const maps = Object.values(actual) as Privileges[keyof Privileges][];
    const objects = maps.flatMap((m) => Object.values(m));
    const grants = objects.flatMap((byRole) => Object.values(byRole).flat()).length;
    console.info(`privilege catalog: ${grants} grants on ${objects.length} objects compared with the allow-list`);
    if (JSON.stringify(normalize(listed)) !== JSON.stringify(actual)) {
      // The whole catalog in the list's format: review the difference, then list it with its migration.
      console.info(`supabase/privileges.json would read:\n${formatPrivileges(actual, $comment)}`);
    }
    expect(actual).toEqual(normalize(listed));
  });

  it("gives anon nothing but the schemas and Supabase's auth helpers", async () => {
    const { tables, sequences, functions } = await catalogPrivileges(admin);
    const anon = (m: Record<string, Record<string, string[]>>) => Object.entries(m).filter(([, r]) => r.anon).map(([o]) => o);
    expect(anon(tables)).toEqual([]);
    expect(anon(sequences)).toEqual([]);
    expect(anon(functions).every((f) => f.startsWith("auth."))).toBe(true);
  });

  it("never lets authenticated write money, invoice state or the audit trail, re-attribute an entry, or read amounts a member must not see", async () => {
    const [row] = await admin<Record<string, boolean>[]>`
      select
        -- has_any_column_privilege: an INSERT or UPDATE grant on a single column counts too.
        bool_or(case when p in ('INSERT', 'UPDATE') then has_any_column_privilege('authenticated', t, p)
                     else has_table_privilege('authenticated', t, p) end) as "writes money, invoices or audit",
        has_column_privilege('authenticated', 'public.time_entries', 'engineer_id', 'UPDATE') as "updates an entry's author",
        has_column_privilege('authenticated', 'public.time_entries', 'client_id', 'UPDATE') as "moves an entry to another client",
        has_column_privilege('authenticated', 'public.billing_periods', 'statement', 'SELECT') as "reads statement snapshots",
        has_column_privilege('authenticated', 'public.retainer_terms', 'monthly_fee_cents', 'SELECT') as "reads fees",
        has_column_privilege('authenticated', 'public.retainer_terms', 'overage_rate_cents_per_hour', 'SELECT') as "reads overage rates",
        has_column_privilege('authenticated', 'public.clients', 'stripe_customer_id', 'SELECT') as "reads Stripe customers",
        has_column_privilege('authenticated', 'public.clients', 'stripe_customer_id', 'UPDATE') as "sets Stripe customers"
      from unnest(array['public.invoices', 'public.invoice_lines', 'public.billing_periods', 'public.audit_events',
                        'public.stripe_events', 'public.outbox']::text[]) t
      cross join unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`;
    expect(row).toEqual({
      "writes money, invoices or audit": false,
      "updates an entry's author": false,
      "moves an entry to another client": false,
      "reads statement snapshots": false,
      "reads fees": false,
      "reads overage rates": false,
      "reads Stripe customers": false,
      "sets Stripe customers": false,
    });
  });

  // Issue 20: an engineer inserted an invitation with a token and expiry of her choosing and signed in as the
  // admin. No role a signed-in person holds may write a secret, an expiry, a role or another person's id.
  it("lets authenticated write no column that grants access: no secret, expiry, role or someone else's id", async () => {
    const writable = await admin<{ table: string; column: string; privilege: string }[]>`
      select n.nspname || '.' || c.relname as table, a.attname as column, p.privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      cross join unnest(array['INSERT', 'UPDATE']) p(privilege)
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
        and has_column_privilege('authenticated', c.oid, a.attnum, p.privilege)
      order by 1, 2, 3`;
    // The tables that say who may get in or do what: nothing of them is the signed-in person's to write.
    const ACCESS_TABLES = ["public.invitations", "public.staff_invitations", "private.sessions", "public.sign_in_codes",
      "public.client_members", "public.staff", "public.client_engineers", "public.profiles", "auth.users"];
    // People name themselves and choose how they are emailed (their own row only, by policy): a name, a time zone
    // and an email preference grant nothing.
    const DISPLAY_ONLY = ["public.profiles.full_name", "public.profiles.timezone", "public.profiles.email_notifications"];
    expect(writable.filter((w) => ACCESS_TABLES.includes(w.table) && !DISPLAY_ONLY.includes(`${w.table}.${w.column}`))).toEqual([]);

    // Anywhere else, a column that holds a secret, an expiry, a role or a person is writable only where a
    // policy pins it to the writer (`= auth.uid()`), named here with that policy's column.
    const SENSITIVE = /token|hash|secret|code|expire|role|user_id|_by$|engineer_id|author_id|owner/;
    const PINNED_TO_SELF: Record<string, string> = {
      "public.time_entries.engineer_id": "INSERT", "public.time_entries.voided_by": "UPDATE",
      "public.roadmap_items.proposed_by": "INSERT", "public.roadmap_comments.author_id": "INSERT",
    };
    const sensitive = writable.filter((w) => SENSITIVE.test(w.column));
    expect(sensitive.filter((w) => PINNED_TO_SELF[`${w.table}.${w.column}`] !== w.privilege)).toEqual([]);
    for (const [key, privilege] of Object.entries(PINNED_TO_SELF)) {
      const [schema, table, column] = key.split(".");
      const policies = await admin<{ check: string }[]>`
        select coalesce(with_check, '') as check from pg_policies
        where schemaname = ${schema} and tablename = ${table} and cmd = ${privilege} and 'authenticated' = any(roles)`;
      expect(policies.length, key).toBeGreaterThan(0);
      // Every permissive policy for that command pins the column to the caller (or leaves it null).
      for (const p of policies) expect(p.check, key).toMatch(new RegExp(`${column} = \\( SELECT auth\\.uid\\(\\)`));
    }
  });
});
