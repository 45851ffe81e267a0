// Every actor × every table × select/insert/update/delete, against client A's rows, under the real
// policies. Each attempt runs as the actor (role + claims, as the app does) inside a transaction that is
// rolled back, so attempts never see each other. The expected sets are what DESIGN.md §3 implies, narrowed
// to what the pages do (issue 14: writes of money, invoices, memberships and the audit trail are the
// service role's; tests/integration/direct-access.test.ts goes column by column).
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
type ActorName = "anon" | "memberA" | "ownerA" | "ownerB" | "unassigned" | "assigned" | "admin";
const ACTORS: ActorName[] = ["anon", "memberA", "ownerA", "ownerB", "unassigned", "assigned", "admin"];
type Op = "select" | "insert" | "update" | "delete";

let cast: Cast;
const ids: Record<string, string> = {};

function user(name: ActorName): TestUser | null {
  return name === "anon" ? null : (cast[name] as TestUser);
}

/** Runs fn as the actor and rolls back. Returns rows affected/seen, or "denied" when Postgres refuses. */
async function attempt(actor: ActorName, fn: (tx: postgres.TransactionSql, me: string) => Promise<postgres.RowList<postgres.Row[]>>) {
  const u = user(actor);
  let result = 0 as number | "denied";
  await admin
    .begin(async (tx) => {
      await tx`select set_config('role', ${u ? "authenticated" : "anon"}, true),
                      set_config('request.jwt.claims', ${JSON.stringify(u ? u.claims : { role: "anon" })}, true)`;
      try {
        const rows = await fn(tx, u?.id ?? "00000000-0000-4000-8000-000000000000");
        result = rows.count ?? rows.length; // affected rows for writes, rows seen for reads
      } catch (e) {
        const code = (e as { code?: string }).code;
        // 42501: no grant or a with-check violation. Anything else is a test bug, not a denial.
        if (code !== "42501") throw e;
        result = "denied";
      }
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result;
}
class Rollback extends Error {}

interface TableSpec {
  table: string;
  select: (tx: postgres.TransactionSql) => Promise<postgres.RowList<postgres.Row[]>>;
  insert?: (tx: postgres.TransactionSql, me: string) => Promise<postgres.RowList<postgres.Row[]>>;
  update?: (tx: postgres.TransactionSql, me: string) => Promise<postgres.RowList<postgres.Row[]>>;
  delete?: (tx: postgres.TransactionSql, me: string) => Promise<postgres.RowList<postgres.Row[]>>;
  allowed: Partial<Record<Op, ActorName[]>>;
}

const READERS_A: ActorName[] = ["memberA", "ownerA", "assigned", "admin"];
const STAFF_A: ActorName[] = ["assigned", "admin"];
const ALL_STAFF: ActorName[] = ["unassigned", "assigned", "admin"];

const specs = (): TableSpec[] => [
  {
    table: "practice_settings",
    select: (tx) => tx`select id from public.practice_settings`,
    insert: (tx) => tx`insert into public.practice_settings (id) values (true) returning id`,
    update: (tx) => tx`update public.practice_settings set name = 'x' returning id`,
    delete: (tx) => tx`delete from public.practice_settings returning id`,
    allowed: { select: ["memberA", "ownerA", "ownerB", ...ALL_STAFF], update: ["admin"] },
  },
  {
    table: "profiles",
    select: (tx) => tx`select id from public.profiles where id = ${cast.ownerA.id}`,
    insert: (tx) => tx`insert into public.profiles (id, email) values (${cast.ownerB.id}, 'x@y.z') returning id`,
    update: (tx) => tx`update public.profiles set full_name = 'x' where id = ${cast.ownerA.id} returning id`,
    delete: (tx) => tx`delete from public.profiles where id = ${cast.ownerA.id} returning id`,
    // Client A's owner: the people of client A and its staff; an engineer of other clients does not (issue 20).
    // …and ownerA updates their own name (issue 28, item 7); nobody else's row.
    allowed: { select: ["memberA", "ownerA", ...STAFF_A], update: ["ownerA"] },
  },
  {
    table: "staff",
    select: (tx) => tx`select user_id from public.staff where user_id = ${cast.assigned.id}`,
    insert: (tx) => tx`insert into public.staff (user_id, role) values (${cast.ownerB.id}, 'engineer') returning user_id`,
    update: (tx) => tx`update public.staff set role = 'engineer' where user_id = ${cast.assigned.id} returning user_id`,
    delete: (tx) => tx`delete from public.staff where user_id = ${cast.assigned.id} returning user_id`,
    // Roles are written by the app as the service role after its admin check: no signed-in role writes one.
    allowed: { select: ALL_STAFF, delete: ["admin"] },
  },
  {
    table: "clients",
    select: (tx) => tx`select id from public.clients where id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.clients (name, slug, timezone, currency) values ('N', ${`n-${randomUUID().slice(0, 8)}`}, 'UTC', 'USD') returning id`,
    update: (tx) => tx`update public.clients set name = 'Renamed' where id = ${cast.clientA} returning id`,
    delete: (tx) => tx`delete from public.clients where id = ${cast.clientA} returning id`,
    allowed: { select: READERS_A, insert: ["admin"], update: STAFF_A },
  },
  {
    table: "client_engineers",
    select: (tx) => tx`select user_id from public.client_engineers where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.client_engineers (client_id, user_id) values (${cast.clientA}, ${cast.unassigned.id}) returning user_id`,
    update: (tx) => tx`update public.client_engineers set created_at = now() where client_id = ${cast.clientA} returning user_id`,
    delete: (tx) => tx`delete from public.client_engineers where client_id = ${cast.clientA} returning user_id`,
    allowed: { select: READERS_A, delete: ["admin"] },
  },
  {
    table: "client_members",
    select: (tx) => tx`select user_id from public.client_members where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.client_members (client_id, user_id, role) values (${cast.clientA}, ${cast.ownerB.id}, 'member') returning user_id`,
    update: (tx) => tx`update public.client_members set role = 'owner' where client_id = ${cast.clientA} and user_id = ${cast.memberA.id} returning user_id`,
    delete: (tx) => tx`delete from public.client_members where client_id = ${cast.clientA} and user_id = ${cast.memberA.id} returning user_id`,
    allowed: { select: READERS_A },
  },
  {
    table: "invitations",
    select: (tx) => tx`select id from public.invitations where client_id = ${cast.clientA}`,
    insert: (tx, me) => tx`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      values (${cast.clientA}, 'n@x.test', 'member', ${randomUUID()}, ${me}, now() + interval '1 day') returning id`,
    update: (tx) => tx`update public.invitations set expires_at = now() where id = ${ids.invitation} returning id`,
    delete: (tx) => tx`delete from public.invitations where id = ${ids.invitation} returning id`,
    // Minted by the app as the service role (token, expiry); staff read them and withdraw a pending one.
    allowed: { select: STAFF_A, delete: STAFF_A },
  },
  {
    // Admins only; acceptance is the service role's (or the first-sign-in trigger's), never a user's.
    table: "staff_invitations",
    select: (tx) => tx`select id from public.staff_invitations where id = ${ids.staffInvitation}`,
    insert: (tx, me) => tx`insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
      values (${`new-staff-${randomUUID().slice(0, 8)}@x.test`}, 'admin', ${randomUUID()}, ${me}, now() + interval '1 day') returning id`,
    update: (tx) => tx`update public.staff_invitations set role = 'admin', expires_at = now() + interval '2 days' where id = ${ids.staffInvitation} returning id`,
    delete: (tx) => tx`delete from public.staff_invitations where id = ${ids.staffInvitation} returning id`,
    allowed: { select: ["admin"], delete: ["admin"] },
  },
  {
    table: "staff_invitations (marking one accepted)",
    select: (tx) => tx`select id from public.staff_invitations where id = ${ids.staffInvitation}`,
    update: (tx, me) => tx`update public.staff_invitations set accepted_at = now(), accepted_by = ${me} where id = ${ids.staffInvitation} returning id`,
    allowed: { select: ["admin"] },
  },
  {
    table: "retainer_terms",
    select: (tx) => tx`select id from public.retainer_terms where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour)
      values (${cast.clientA}, '2031-01-01', 600, 100000, 15000) returning id`,
    update: (tx) => tx`update public.retainer_terms set included_minutes = 1 where id = ${ids.terms} returning id`,
    delete: (tx) => tx`delete from public.retainer_terms where id = ${ids.terms} returning id`,
    allowed: { select: READERS_A, insert: STAFF_A, update: STAFF_A },
  },
  {
    table: "billing_periods",
    select: (tx) => tx`select month from public.billing_periods where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.billing_periods (client_id, month) values (${cast.clientA}, '2031-02-01') returning month`,
    update: (tx) => tx`update public.billing_periods set statement = '{}' where client_id = ${cast.clientA} and month = '2030-01-01' returning month`,
    delete: (tx) => tx`delete from public.billing_periods where client_id = ${cast.clientA} returning month`,
    allowed: { select: READERS_A },
  },
  {
    table: "time_entries",
    select: (tx) => tx`select id from public.time_entries where client_id = ${cast.clientA}`,
    insert: (tx, me) => tx`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientA}, ${me}, '2030-01-05', 30, 'x', 'build') returning id`,
    update: (tx) => tx`update public.time_entries set description = 'changed' where id = ${ids.entry} returning id`,
    delete: (tx) => tx`delete from public.time_entries where id = ${ids.entry} returning id`,
    allowed: { select: READERS_A, insert: STAFF_A, update: STAFF_A },
  },
  {
    table: "roadmap_items",
    select: (tx) => tx`select id from public.roadmap_items where client_id = ${cast.clientA}`,
    insert: (tx, me) => tx`insert into public.roadmap_items (client_id, title, status, proposed_by)
      values (${cast.clientA}, 'Idea', 'proposed', ${me}) returning id`,
    update: (tx) => tx`update public.roadmap_items set title = 'x' where id = ${ids.item} returning id`,
    delete: (tx) => tx`delete from public.roadmap_items where id = ${ids.item} returning id`,
    allowed: { select: READERS_A, insert: ["ownerA", ...STAFF_A], update: STAFF_A },
  },
  {
    table: "roadmap_comments",
    select: (tx) => tx`select id from public.roadmap_comments where client_id = ${cast.clientA}`,
    insert: (tx, me) => tx`insert into public.roadmap_comments (client_id, item_id, author_id, body)
      values (${cast.clientA}, ${ids.item}, ${me}, 'hi') returning id`,
    update: (tx) => tx`update public.roadmap_comments set body = 'edited' where id = ${ids.comment} returning id`,
    delete: (tx) => tx`delete from public.roadmap_comments where id = ${ids.comment} returning id`,
    allowed: { select: READERS_A, insert: READERS_A },
  },
  {
    table: "weekly_updates (published)",
    select: (tx) => tx`select id from public.weekly_updates where id = ${ids.published}`,
    insert: (tx) => tx`insert into public.weekly_updates (client_id, week_start) values (${cast.clientA}, '2031-03-03') returning id`,
    update: (tx) => tx`update public.weekly_updates set title = 'x' where id = ${ids.published} returning id`,
    delete: (tx) => tx`delete from public.weekly_updates where id = ${ids.published} returning id`,
    allowed: { select: READERS_A, insert: STAFF_A },
  },
  {
    table: "weekly_updates (draft)",
    select: (tx) => tx`select id from public.weekly_updates where id = ${ids.draft}`,
    update: (tx) => tx`update public.weekly_updates set title = 'x' where id = ${ids.draft} returning id`,
    allowed: { select: STAFF_A, update: STAFF_A },
  },
  {
    table: "invoices",
    select: (tx) => tx`select id from public.invoices where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.invoices (client_id, month, currency, total_cents) values (${cast.clientA}, '2031-04-01', 'USD', 0) returning id`,
    update: (tx) => tx`update public.invoices set status = 'paid' where id = ${ids.invoice} returning id`,
    delete: (tx) => tx`delete from public.invoices where id = ${ids.invoice} returning id`,
    allowed: { select: ["ownerA", ...STAFF_A] },
  },
  {
    table: "invoice_lines",
    select: (tx) => tx`select id from public.invoice_lines where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents)
      values (${ids.invoice}, ${cast.clientA}, 'adjustment', 'x', 1) returning id`,
    update: (tx) => tx`update public.invoice_lines set amount_cents = 0 where client_id = ${cast.clientA} returning id`,
    delete: (tx) => tx`delete from public.invoice_lines where client_id = ${cast.clientA} returning id`,
    allowed: { select: ["ownerA", ...STAFF_A] },
  },
  // Reminders of unpaid invoices (issue 27): read like the invoices; written only by the cron (service role).
  {
    table: "invoice_reminders",
    select: (tx) => tx`select rung_days from public.invoice_reminders where client_id = ${cast.clientA}`,
    insert: (tx) => tx`insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients)
      values (${ids.invoice}, ${cast.clientA}, 7, 7, 0) returning rung_days`,
    update: (tx) => tx`update public.invoice_reminders set rung_days = 14 where client_id = ${cast.clientA} returning rung_days`,
    delete: (tx) => tx`delete from public.invoice_reminders where client_id = ${cast.clientA} returning rung_days`,
    allowed: { select: ["ownerA", ...STAFF_A] },
  },
  {
    table: "audit_events",
    select: (tx) => tx`select id from public.audit_events where client_id = ${cast.clientA}`,
    // No `returning`, so the insert is refused for want of the privilege, not of reading the row back.
    insert: (tx, me) => tx`insert into public.audit_events (client_id, actor_id, action, entity) values (${cast.clientA}, ${me}, 'x', 'y')`,
    update: (tx) => tx`update public.audit_events set action = 'tampered' where client_id = ${cast.clientA} returning id`,
    delete: (tx) => tx`delete from public.audit_events where client_id = ${cast.clientA} returning id`,
    allowed: { select: ["ownerA", ...STAFF_A] },
  },
  // Payment instructions (issue 27): staff read them all; an owner the general text and those of the currencies
  // their invoices are in (client A's is USD, client B has none); members nothing. Admins replace them on
  // /settings (delete, then insert); nobody updates a row in place.
  {
    table: "payment_instructions (the currency of client A's invoices)",
    select: (tx) => tx`select currency from public.payment_instructions where currency = 'USD'`,
    insert: (tx) => tx`insert into public.payment_instructions (currency, body) values ('XTS', 'x') returning currency`,
    update: (tx) => tx`update public.payment_instructions set body = 'x' where currency = 'USD' returning currency`,
    delete: (tx) => tx`delete from public.payment_instructions where currency = 'USD' returning currency`,
    allowed: { select: ["ownerA", ...ALL_STAFF], insert: ["admin"], delete: ["admin"] },
  },
  {
    table: "payment_instructions (the general text)",
    select: (tx) => tx`select currency from public.payment_instructions where currency is null`,
    allowed: { select: ["ownerA", "ownerB", ...ALL_STAFF] },
  },
  {
    table: "payment_instructions (a currency nobody is invoiced in)",
    select: (tx) => tx`select currency from public.payment_instructions where currency = 'EUR'`,
    allowed: { select: ALL_STAFF },
  },
  ...["stripe_events", "outbox", "sign_in_codes", "rate_limit_hits"].map(
    (table): TableSpec => ({
      table,
      select: (tx) => tx`select 1 from ${tx("public." + table)}`,
      delete: (tx) => tx`delete from ${tx("public." + table)} returning 1`,
      allowed: {},
    }),
  ),
];

beforeAll(async () => {
  cast = await createCast();
  const a = cast.clientA;
  const [inv] = await admin`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
    values (${a}, 'pending@x.test', 'member', ${randomUUID()}, ${cast.admin.id}, now() + interval '1 day') returning id`;
  const [staffInvitation] = await admin`insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
    values (${`pending-staff-${randomUUID().slice(0, 8)}@x.test`}, 'engineer', ${randomUUID()}, ${cast.admin.id}, now() + interval '1 day') returning id`;
  const [terms] = await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour)
    values (${a}, '2030-01-01', 1200, 400000, 20000) returning id`;
  await admin`insert into public.billing_periods (client_id, month) values (${a}, '2030-01-01')`;
  const [item] = await admin`insert into public.roadmap_items (client_id, title, status) values (${a}, 'Build', 'planned') returning id`;
  const [entry] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, roadmap_item_id)
    values (${a}, ${cast.assigned.id}, '2030-01-03', 90, 'work', 'build', ${item.id}) returning id`;
  const [comment] = await admin`insert into public.roadmap_comments (client_id, item_id, author_id, body) values (${a}, ${item.id}, ${cast.ownerA.id}, 'Nice') returning id`;
  const [published] = await admin`insert into public.weekly_updates (client_id, week_start, status, published_at) values (${a}, '2030-01-06', 'published', now()) returning id`;
  const [draft] = await admin`insert into public.weekly_updates (client_id, week_start) values (${a}, '2030-01-13') returning id`;
  const [invoice] = await admin`insert into public.invoices (client_id, month, currency, total_cents) values (${a}, '2030-01-01', 'USD', 400000) returning id`;
  await admin`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents) values (${invoice.id}, ${a}, 'retainer_fee', 'Fee', 400000)`;
  await admin`insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients) values (${invoice.id}, ${a}, 3, 3, 1)`;
  await admin`insert into public.audit_events (client_id, actor_id, action, entity) values (${a}, ${cast.assigned.id}, 'entry.created', 'time_entry')`;
  await admin`insert into public.outbox (kind, to_email, subject, body_text) values ('x', 'a@b.c', 's', 'b')`;
  await admin`insert into public.stripe_events (id, type) values (${`evt_${randomUUID()}`}, 'invoice.paid')`;
  await admin`insert into public.rate_limit_hits (bucket) values ('x')`;
  await admin`insert into public.sign_in_codes (email, code_hash, expires_at) values ('a@b.c', 'h', now())`;
  await admin`insert into public.payment_instructions (currency, body) values ('USD', 'ACH'), ('EUR', 'SEPA'), (null, 'SWIFT')
    on conflict (currency) do nothing`;
  Object.assign(ids, { invitation: inv.id, staffInvitation: staffInvitation.id, terms: terms.id, item: item.id, entry: entry.id, comment: comment.id,
    published: published.id, draft: draft.id, invoice: invoice.id });
});

describe("RLS matrix: actor × table × operation", () => {
  it("gives every actor exactly the access DESIGN.md implies", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const spec of specs()) {
      for (const op of ["select", "insert", "update", "delete"] as Op[]) {
        const fn = spec[op];
        if (!fn) continue;
        for (const actor of ACTORS) {
          const outcome = await attempt(actor, fn);
          const got = outcome !== "denied" && outcome > 0;
          const want = (spec.allowed[op] ?? []).includes(actor);
          checked++;
          if (got !== want) mismatches.push(`${spec.table} ${op} by ${actor}: expected ${want ? "allowed" : "denied"}, got ${outcome}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(400);
  });

  it("shows a member of client B none of client A's rows on any tenant table", async () => {
    const tables = ["clients", "client_members", "client_engineers", "retainer_terms", "billing_periods", "time_entries",
      "roadmap_items", "roadmap_comments", "weekly_updates", "invoices", "invoice_lines", "audit_events", "invitations"];
    for (const t of tables) {
      const col = t === "clients" ? "id" : "client_id";
      const seen = await attempt("ownerB", (tx) => tx`select 1 from ${tx("public." + t)} where ${tx(col)} = ${cast.clientA}`);
      expect(seen, t).toBe(0);
    }
  });

  it("refuses a query that skips asUser/asService: the app login has no table privileges", async () => {
    const app = (await import("postgres")).default(process.env.DATABASE_URL!, { max: 1 });
    await expect(app`select id from public.clients limit 1`).rejects.toMatchObject({ code: "42501" });
    await expect(app`select id from auth.users limit 1`).rejects.toMatchObject({ code: "42501" });
    await app.end();
  });
});
