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
});
