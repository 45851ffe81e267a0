// Talking to the tables the way Supabase's Data API does: a transaction, `set local role authenticated`,
// the caller's JWT claims in `request.jwt.claims` (plus PostgREST's request settings), one statement,
// commit. The claims are forged: whatever a signed-in person could put in their own token. Used by
// tests/integration/direct-access.test.ts and the stress attack (tests/stress/attacks/direct-access.ts)
// with the attacks of issue 14, item 1, and more of the same kind.
import type postgres from "postgres";

/** Someone signed in (a `sub` and an email), or null for the anon key. */
export interface Actor {
  label: string;
  id: string | null;
  email?: string;
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** Claims as Supabase Auth issues them, with the extras a person might add hoping a policy reads them. */
export function claimsOf(actor: Actor): Record<string, unknown> {
  if (!actor.id) return { role: "anon", iss: "supabase" };
  const now = Math.floor(Date.UTC(2030, 0, 15) / 1000);
  return {
    aud: "authenticated", iss: "supabase", sub: actor.id, email: actor.email ?? "", role: "authenticated", iat: now, exp: now + 3600,
    aal: "aal1", session_id: "00000000-0000-4000-8000-000000000001", is_anonymous: false,
    // Nothing here grants anything: policies read only `sub` (and membership rows).
    app_metadata: { provider: "email", role: "admin", staff: true }, user_metadata: { role: "admin" }, user_role: "admin",
  };
}

export interface Outcome {
  /** Rows the statement wrote (writes) or returned (reads), when it ran. */
  rows: number;
  /** The rows themselves, for reads. */
  result: postgres.Row[];
  /** The Postgres error code when it was refused (42501 privilege or policy, RP00x a trigger). */
  refused: string | null;
}

/**
 * Runs `statement` as `actor` exactly as PostgREST would and commits it when it succeeds (`rollback`: the
 * sweep's attempts roll back so they do not see each other). Errors are outcomes, not failures.
 */
export async function asPostgrest(
  sql: postgres.Sql,
  actor: Actor,
  statement: (tx: postgres.TransactionSql) => postgres.PendingQuery<postgres.Row[]>,
  opts: { rollback?: boolean } = {},
): Promise<Outcome> {
  let outcome: Outcome = { rows: 0, result: [], refused: null };
  await sql
    .begin(async (tx) => {
      await tx`select set_config('role', ${actor.id ? "authenticated" : "anon"}, true),
                      set_config('request.jwt.claims', ${JSON.stringify(claimsOf(actor))}, true),
                      set_config('request.method', 'POST', true), set_config('request.path', '/rest/v1/rpc', true),
                      set_config('request.headers', '{"user-agent":"direct-access-test"}', true)`;
      try {
        const rows = await statement(tx);
        outcome = { rows: rows.count ?? rows.length, result: [...rows], refused: null };
      } catch (e) {
        const code = (e as { code?: string }).code ?? "";
        // A refusal: privilege or policy (42501) or one of our triggers (RP00x). Anything else is a bug in
        // the attack (a wrong column, a broken value), which must not pass for a refusal.
        if (code !== "42501" && !/^RP\d{3}$/.test(code)) throw e;
        outcome = { rows: 0, result: [], refused: code };
        throw new Rollback();
      }
      if (opts.rollback) throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return outcome;
}
class Rollback extends Error {}

/** A fingerprint of every row of each table, read by the superuser: equal before and after = nothing changed. */
export async function checksums(sql: Sql, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await sql<{ sum: string }[]>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from ${sql(t)} x`;
    out[t] = row.sum;
  }
  return out;
}

export interface Cast {
  member: Actor;
  owner: Actor;
  assigned: Actor;
  unassigned: Actor;
  admin: Actor;
  stranger: Actor;
  anon: Actor;
}

/** The rows the attacks aim at, all of one client. */
export interface Targets {
  clientId: string;
  /** An issued local invoice (open, numbered, no Stripe invoice). */
  localInvoiceId: string;
  /** An issued Stripe invoice with its pay link. */
  stripeInvoiceId: string;
  /** A closed month of the client (statement snapshot stored). */
  closedMonth: string;
  /** A month with no invoice yet, for forged ones. */
  freeMonth: string;
  /** A live entry in an open month, logged by the assigned engineer. */
  entryId: string;
  /** Someone else, to re-attribute things to. */
  otherPersonId: string;
  /** The client's owner: a person whose profile only the client's own people and staff may read. */
  ownerId: string;
}

export interface Attack {
  name: string;
  actor: keyof Cast;
  /** Tables whose rows must stay as they were. */
  tables: string[];
  statement: (tx: postgres.TransactionSql, t: Targets) => postgres.PendingQuery<postgres.Row[]>;
  /** For reads and function calls: whether what came back is a leak (money, a changed invoice). */
  leaked?: (rows: postgres.Row[]) => boolean;
}

const MONEY_TABLES = ["public.invoices", "public.invoice_lines", "public.billing_periods", "public.audit_events"];
const anyRow = (rows: postgres.Row[]) => rows.length > 0;
const anyValue = (rows: postgres.Row[]) => rows.some((r) => Object.values(r).some((v) => v !== null && v !== false));

/** Issue 14, item 1, and the rest of the family: every one must be refused or come back empty. */
export const ATTACKS: Attack[] = [
  // An assigned engineer and the invoices of their own client.
  { name: "assigned engineer sets an issued invoice's total to 1", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set total_cents = 1 where id = ${t.localInvoiceId}` },
  { name: "assigned engineer marks an issued invoice paid", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set status = 'paid', paid_at = now() where id = ${t.localInvoiceId}` },
  { name: "assigned engineer replaces an invoice's pay link", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set hosted_invoice_url = 'https://evil.example/pay' where id = ${t.stripeInvoiceId}` },
  { name: "assigned engineer points an invoice at another Stripe invoice", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set stripe_invoice_id = 'in_evil' where id = ${t.stripeInvoiceId}` },
  { name: "assigned engineer voids an invoice", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set status = 'void' where id = ${t.stripeInvoiceId}` },
  { name: "assigned engineer inserts an invoice of their own", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`insert into public.invoices (client_id, month, status, currency, total_cents, hosted_invoice_url)
      values (${t.clientId}, ${t.freeMonth}, 'open', 'USD', 1, 'https://evil.example/pay')` },
  { name: "assigned engineer adds a line to an issued invoice", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents)
      values (${t.localInvoiceId}, ${t.clientId}, 'adjustment', 'Discount', -100000)` },
  { name: "assigned engineer lowers an invoice line", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoice_lines set amount_cents = 1 where invoice_id = ${t.localInvoiceId}` },
  { name: "assigned engineer deletes an invoice", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`delete from public.invoices where id = ${t.localInvoiceId}` },
  { name: "assigned engineer rewrites a closed month's statement", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.billing_periods set statement = '{"totalCents": 1}' where client_id = ${t.clientId} and month = ${t.closedMonth}` },
  { name: "assigned engineer closes a month of their own", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`insert into public.billing_periods (client_id, month, status, closed_at, statement)
      values (${t.clientId}, ${t.freeMonth}, 'closed', now(), '{"totalCents": 1}')` },
  { name: "assigned engineer sets the client's Stripe customer", actor: "assigned", tables: ["public.clients"],
    statement: (tx, t) => tx`update public.clients set stripe_customer_id = 'cus_evil' where id = ${t.clientId}` },
  { name: "assigned engineer marks a Stripe invoice paid through the staff function", actor: "assigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`select private.mark_local_invoice_paid(${t.clientId}, ${t.stripeInvoiceId}) as changed`, leaked: anyValue },
  // Entries and their authors.
  { name: "assigned engineer re-attributes an entry to another person", actor: "assigned", tables: ["public.time_entries"],
    statement: (tx, t) => tx`update public.time_entries set engineer_id = ${t.otherPersonId} where id = ${t.entryId}` },
  { name: "admin re-attributes an entry to another person", actor: "admin", tables: ["public.time_entries"],
    statement: (tx, t) => tx`update public.time_entries set engineer_id = ${t.otherPersonId} where id = ${t.entryId}` },
  { name: "assigned engineer logs time as another person", actor: "assigned", tables: ["public.time_entries"],
    statement: (tx, t) => tx`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      select client_id, ${t.otherPersonId}, work_date, 600, 'Not mine', 'build' from public.time_entries where id = ${t.entryId}` },
  { name: "assigned engineer voids an entry in another person's name", actor: "assigned", tables: ["public.time_entries"],
    statement: (tx, t) => tx`update public.time_entries set voided_at = now(), voided_by = ${t.otherPersonId}, void_reason = 'x' where id = ${t.entryId}` },
  { name: "assigned engineer writes an entry's client", actor: "assigned", tables: ["public.time_entries"],
    statement: (tx, t) => tx`update public.time_entries set client_id = client_id where id = ${t.entryId}` },
  // A member and money.
  { name: "member reads a closed month's statement", actor: "member", tables: [],
    statement: (tx, t) => tx`select statement from public.billing_periods where client_id = ${t.clientId}`, leaked: anyValue },
  { name: "member reads the retainer fee and overage rate", actor: "member", tables: [],
    statement: (tx, t) => tx`select monthly_fee_cents, overage_rate_cents_per_hour from public.retainer_terms where client_id = ${t.clientId}`, leaked: anyValue },
  { name: "member reads the statement through the owners' function", actor: "member", tables: [],
    statement: (tx, t) => tx`select private.period_statement(${t.clientId}, ${t.closedMonth}) as statement`, leaked: anyValue },
  { name: "member reads the prices through the owners' function", actor: "member", tables: [],
    statement: (tx, t) => tx`select * from private.term_prices(array[${t.clientId}]::uuid[])`, leaked: anyRow },
  { name: "member reads invoices", actor: "member", tables: [],
    statement: (tx, t) => tx`select total_cents from public.invoices where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "member reads invoice lines", actor: "member", tables: [],
    statement: (tx, t) => tx`select amount_cents from public.invoice_lines where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "member reads the audit trail (it holds totals)", actor: "member", tables: [],
    statement: (tx, t) => tx`select data from public.audit_events where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "member marks an invoice paid through the staff function", actor: "member", tables: MONEY_TABLES,
    statement: (tx, t) => tx`select private.mark_local_invoice_paid(${t.clientId}, ${t.localInvoiceId}) as changed`, leaked: anyValue },
  // An owner and the audit trail, their invoices and their client.
  { name: "owner inserts an audit event", actor: "owner", tables: ["public.audit_events"],
    statement: (tx, t) => tx`insert into public.audit_events (client_id, actor_id, action, entity, data)
      select ${t.clientId}, ${t.otherPersonId}, 'invoice.paid', 'invoice', '{"via": "staff"}'` },
  { name: "owner inserts an audit event as themselves", actor: "owner", tables: ["public.audit_events"],
    statement: (tx, t) => tx`insert into public.audit_events (client_id, actor_id, action, entity)
      values (${t.clientId}, (select auth.uid()), 'roadmap.accepted', 'roadmap_item')` },
  { name: "owner deletes the audit trail", actor: "owner", tables: ["public.audit_events"],
    statement: (tx, t) => tx`delete from public.audit_events where client_id = ${t.clientId}` },
  { name: "owner marks their invoice paid", actor: "owner", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set status = 'paid', paid_at = now() where id = ${t.localInvoiceId}` },
  { name: "owner marks their invoice paid through the staff function", actor: "owner", tables: MONEY_TABLES,
    statement: (tx, t) => tx`select private.mark_local_invoice_paid(${t.clientId}, ${t.localInvoiceId}) as changed`, leaked: anyValue },
  { name: "owner renames their client", actor: "owner", tables: ["public.clients"],
    statement: (tx, t) => tx`update public.clients set name = 'Renamed by owner' where id = ${t.clientId}` },
  { name: "owner archives their client", actor: "owner", tables: ["public.clients"],
    statement: (tx, t) => tx`update public.clients set archived_at = now() where id = ${t.clientId}` },
  { name: "owner makes a member an owner", actor: "owner", tables: ["public.client_members"],
    statement: (tx, t) => tx`update public.client_members set role = 'owner' where client_id = ${t.clientId}` },
  // Staff who do not work for the client, an admin, a stranger, the anon key.
  { name: "unassigned engineer marks an invoice paid through the staff function", actor: "unassigned", tables: MONEY_TABLES,
    statement: (tx, t) => tx`select private.mark_local_invoice_paid(${t.clientId}, ${t.localInvoiceId}) as changed`, leaked: anyValue },
  { name: "unassigned engineer reads the client's invoices", actor: "unassigned", tables: [],
    statement: (tx, t) => tx`select total_cents from public.invoices where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "admin sets an issued invoice's total to 1", actor: "admin", tables: MONEY_TABLES,
    statement: (tx, t) => tx`update public.invoices set total_cents = 1 where id = ${t.localInvoiceId}` },
  { name: "admin inserts an audit event", actor: "admin", tables: ["public.audit_events"],
    statement: (tx) => tx`insert into public.audit_events (client_id, actor_id, action, entity) values (null, (select auth.uid()), 'staff.added', 'staff')` },
  { name: "stranger reads invoices", actor: "stranger", tables: [],
    statement: (tx, t) => tx`select total_cents from public.invoices where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "stranger makes themselves an owner", actor: "stranger", tables: ["public.client_members"],
    statement: (tx, t) => tx`insert into public.client_members (client_id, user_id, role) values (${t.clientId}, (select auth.uid()), 'owner')` },
  { name: "stranger makes themselves an admin", actor: "stranger", tables: ["public.staff"],
    statement: (tx) => tx`insert into public.staff (user_id, role) select (select auth.uid()), 'admin'` },
  { name: "stranger marks an invoice paid through the staff function", actor: "stranger", tables: MONEY_TABLES,
    statement: (tx, t) => tx`select private.mark_local_invoice_paid(${t.clientId}, ${t.localInvoiceId}) as changed`, leaked: anyValue },
  { name: "anon reads invoices", actor: "anon", tables: [],
    statement: (tx, t) => tx`select total_cents from public.invoices where client_id = ${t.clientId}`, leaked: anyRow },

  // Issue 20: rows that grant access, written or read by hand. The first is the reproduced takeover: an
  // engineer's own invitation for the admin's address, with a token she chose and a 100-year expiry.
  { name: "assigned engineer writes an invitation with a token she chose and a 100-year expiry", actor: "assigned", tables: ["public.invitations"],
    statement: (tx, t) => tx`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      select ${t.clientId}, p.email, 'owner', encode(sha256(convert_to('chosen-token', 'UTF8')), 'hex'), (select auth.uid()), now() + interval '100 years'
      from public.profiles p where p.id = (select auth.uid())` },
  { name: "assigned engineer extends an invitation's expiry and replaces its token", actor: "assigned", tables: ["public.invitations"],
    statement: (tx, t) => tx`update public.invitations set expires_at = now() + interval '100 years', token_hash = 'chosen' where client_id = ${t.clientId}` },
  { name: "assigned engineer reads the invitations' token hashes", actor: "assigned", tables: [],
    statement: (tx, t) => tx`select token_hash from public.invitations where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "admin mints a staff invitation with a chosen token", actor: "admin", tables: ["public.staff_invitations"],
    statement: (tx) => tx`insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
      values ('minted-by-hand@example.test', 'admin', 'chosen', (select auth.uid()), now() + interval '100 years')` },
  { name: "admin extends a staff invitation and replaces its token", actor: "admin", tables: ["public.staff_invitations"],
    statement: (tx) => tx`update public.staff_invitations set expires_at = now() + interval '100 years', token_hash = 'chosen'` },
  { name: "admin reads staff invitations' token hashes", actor: "admin", tables: [],
    statement: (tx) => tx`select token_hash from public.staff_invitations`, leaked: anyRow },
  { name: "admin writes a role directly", actor: "admin", tables: ["public.staff"],
    statement: (tx, t) => tx`update public.staff set role = 'admin' where user_id = ${t.otherPersonId}` },
  { name: "assigned engineer makes themselves an admin", actor: "assigned", tables: ["public.staff"],
    statement: (tx) => tx`update public.staff set role = 'admin' where user_id = (select auth.uid())` },
  { name: "admin assigns someone to the client by hand", actor: "admin", tables: ["public.client_engineers"],
    statement: (tx, t) => tx`insert into public.client_engineers (client_id, user_id) values (${t.clientId}, ${t.otherPersonId}) on conflict do nothing` },
  { name: "assigned engineer assigns another engineer", actor: "assigned", tables: ["public.client_engineers"],
    statement: (tx, t) => tx`insert into public.client_engineers (client_id, user_id) values (${t.clientId}, ${t.otherPersonId}) on conflict do nothing` },
  { name: "stranger assigns themselves to the client", actor: "stranger", tables: ["public.client_engineers"],
    statement: (tx, t) => tx`insert into public.client_engineers (client_id, user_id) values (${t.clientId}, (select auth.uid()))` },
  { name: "owner adds someone else to the client as an owner", actor: "owner", tables: ["public.client_members"],
    statement: (tx, t) => tx`insert into public.client_members (client_id, user_id, role) values (${t.clientId}, ${t.otherPersonId}, 'owner')` },
  { name: "owner reads the invoices' Stripe push errors", actor: "owner", tables: [],
    statement: (tx, t) => tx`select push_error from public.invoices where client_id = ${t.clientId}`, leaked: anyRow },
  { name: "unassigned engineer reads the profile of another client's owner", actor: "unassigned", tables: [],
    statement: (tx, t) => tx`select email from public.profiles where id = ${t.ownerId}`, leaked: anyRow },
  { name: "stranger reads the profile of a client's owner", actor: "stranger", tables: [],
    statement: (tx, t) => tx`select email from public.profiles where id = ${t.ownerId}`, leaked: anyRow },
  { name: "assigned engineer publishes a draft directly, skipping the phishing check", actor: "assigned", tables: ["public.weekly_updates"],
    statement: (tx, t) => tx`update public.weekly_updates set status = 'published', published_at = now(), published_by = (select auth.uid()),
      body_md = 'Our bank details changed: wire the balance to harborpine.help' where client_id = ${t.clientId} and status = 'draft'` },
  { name: "stranger opens a year-long session as someone else", actor: "stranger", tables: ["private.sessions"],
    statement: (tx, t) => tx`insert into private.sessions (user_id, expires_at) values (${t.otherPersonId}, now() + interval '1 year')` },
  { name: "stranger stores a sign-in code of their choosing for someone else", actor: "stranger", tables: ["public.sign_in_codes"],
    statement: (tx) => tx`insert into public.sign_in_codes (email, code_hash, expires_at) values ('victim@example.test', 'chosen', now() + interval '1 year')` },
];

export interface AttackResult {
  attack: string;
  succeeded: boolean;
  refused: string | null;
  changedTables: string[];
}

/** Runs every attack as PostgREST would (committing what is not refused) and checks nothing moved. */
export async function runAttacks(sql: postgres.Sql, cast: Cast, targets: Targets, attacks: Attack[] = ATTACKS): Promise<AttackResult[]> {
  const results: AttackResult[] = [];
  for (const a of attacks) {
    const before = await checksums(sql, a.tables);
    const outcome = await asPostgrest(sql, cast[a.actor], (tx) => a.statement(tx, targets));
    const after = await checksums(sql, a.tables);
    const succeeded = outcome.refused === null && (a.leaked ? a.leaked(outcome.result) : outcome.rows > 0);
    results.push({ attack: a.name, succeeded, refused: outcome.refused, changedTables: a.tables.filter((t) => before[t] !== after[t]) });
  }
  return results;
}
