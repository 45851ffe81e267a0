// Clients, their engineers and their invitations: SQL only. What is refused (not found, not an engineer, already
// a member) is decided by the services in lib/clients and lib/staff, which read these functions' nulls and counts.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import type { LocalDate, Month } from "@/lib/domain/dates";
import type { ClientBilling, ClientRow } from "@/lib/types/clients";
import type { BillingTiming, FirstMonth, RetainerStart } from "@/lib/types/retainer";

const clientColumns = (tx: Tx) =>
  tx`id, name, slug, timezone, currency, billing_email as "billingEmail",
     ai_drafting_enabled as "aiDraftingEnabled", archived_at as "archivedAt", billing_timing as "billingTiming",
     to_char(start_date, 'YYYY-MM-DD') as "startDate"`;

/** Clients the caller can see (RLS decides), active first. */
export function listClients(tx: Tx, { includeArchived = false }: { includeArchived?: boolean } = {}) {
  return tx<ClientRow[]>`
    select ${clientColumns(tx)} from public.clients
    where ${includeArchived ? tx`true` : tx`archived_at is null`}
    order by archived_at nulls first, name`;
}

/** A client the caller can see; null for anything else, including another tenant's id. */
export async function getClient(tx: Tx, { clientId }: { clientId: string }): Promise<ClientRow | null> {
  const [row] = await tx<ClientRow[]>`select ${clientColumns(tx)} from public.clients where id = ${clientId}`;
  return row ?? null;
}

export interface ClientInput {
  name: string;
  timezone: string;
  currency: string;
  billingEmail: string;
  /** Absent on an update: unchanged. */
  billingTiming?: BillingTiming;
  /** Absent on an update: unchanged; null: no start date. */
  startDate?: LocalDate | null;
}

/** Whether a client already has `slug` (only admins create clients, and they see every client). */
export async function slugTaken(tx: Tx, { slug }: { slug: string }): Promise<boolean> {
  const [taken] = await tx`select 1 from public.clients where slug = ${slug}`;
  return Boolean(taken);
}

/** Inserts the client with the slug the service chose; the audit event keeps the input as given. */
export async function insertClient(tx: Tx, { actorId, input, slug }: { actorId: string; input: ClientInput & { slug: string }; slug: string }): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.clients (name, slug, timezone, currency, billing_email, billing_timing, start_date)
    values (${input.name}, ${slug}, ${input.timezone}, ${input.currency}, ${input.billingEmail}, ${input.billingTiming ?? "advance"}, ${input.startDate ?? null})
    returning id`;
  await recordAudit(tx, { clientId: row.id, actorId, action: "client.created", entity: "client", entityId: row.id, data: { after: input } });
  return row.id;
}

/** Changes the client's details and audits before and after; false when the caller sees no such client. */
export async function updateClient(tx: Tx, { actorId, clientId, input }: { actorId: string; clientId: string; input: ClientInput }): Promise<boolean> {
  const before = await getClient(tx, { clientId });
  if (!before) return false;
  const rows = await tx`
    update public.clients set name = ${input.name}, timezone = ${input.timezone}, currency = ${input.currency},
      billing_email = ${input.billingEmail}
      ${input.billingTiming ? tx`, billing_timing = ${input.billingTiming}` : tx``}
      ${input.startDate !== undefined ? tx`, start_date = ${input.startDate}` : tx``}
    where id = ${clientId} returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, {
    clientId, actorId, action: "client.updated", entity: "client", entityId: clientId,
    data: {
      before: { name: before.name, timezone: before.timezone, currency: before.currency, billingEmail: before.billingEmail, billingTiming: before.billingTiming, startDate: before.startDate },
      after: input,
    },
  });
  return true;
}

/** Archives or restores the client; false when no row changed. */
export async function setArchived(tx: Tx, { actorId, clientId, archived }: { actorId: string; clientId: string; archived: boolean }): Promise<boolean> {
  const rows = await tx`
    update public.clients set archived_at = ${archived ? tx`now()` : null}
    where id = ${clientId} returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: archived ? "client.archived" : "client.restored", entity: "client", entityId: clientId });
  return true;
}

export interface PersonRow {
  userId: string;
  email: string;
  fullName: string;
  role: string;
}

export function listMembers(tx: Tx, { clientId }: { clientId: string }) {
  return tx<PersonRow[]>`
    select p.id as "userId", p.email, p.full_name as "fullName", cm.role
    from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} order by cm.role desc, p.full_name, p.email`;
}

/** The client's owners, where mail about its invoices goes, with the client's name for the subject. */
export function listOwnerContacts(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ email: string; clientName: string }[]>`
    select p.email, c.name as "clientName" from public.client_members cm join public.profiles p on p.id = cm.user_id
    join public.clients c on c.id = cm.client_id
    where cm.client_id = ${clientId} and cm.role = 'owner'`;
}

/**
 * Who works on the client: the engineers assigned to it and anyone who logged time for it in the last three
 * months (`since`: a local date from the app's clock; an admin often does the work without an assignment, issue
 * 28 item 9), each once, assigned first.
 */
export function listEngineers(tx: Tx, { clientId, since }: { clientId: string; since: LocalDate }) {
  return tx<(PersonRow & { assigned: boolean })[]>`
    select p.id as "userId", p.email, p.full_name as "fullName", coalesce(s.role, 'engineer') as role,
           ce.user_id is not null as assigned
    from (select ce.user_id from public.client_engineers ce where ce.client_id = ${clientId}
          union
          select e.engineer_id from public.time_entries e
          where e.client_id = ${clientId} and e.work_date >= ${since} and e.voided_at is null) w
    join public.profiles p on p.id = w.user_id
    left join public.client_engineers ce on ce.client_id = ${clientId} and ce.user_id = w.user_id
    left join public.staff s on s.user_id = w.user_id -- staff rows are visible to staff only; members still see who works for them
    order by ce.user_id is null, p.full_name`;
}

export function listStaff(tx: Tx) {
  return tx<PersonRow[]>`
    select p.id as "userId", p.email, p.full_name as "fullName", s.role
    from public.staff s join public.profiles p on p.id = s.user_id order by p.full_name`;
}

/** Whether the person is on the practice's staff (as the caller sees staff rows). */
export async function isStaffMember(tx: Tx, { userId }: { userId: string }): Promise<boolean> {
  const [staff] = await tx`select 1 from public.staff where user_id = ${userId}`;
  return Boolean(staff);
}

/**
 * Assigns an engineer and audits it. The row names another person, so `authenticated` may not write it: the
 * service checked the caller in this transaction (lib/clients/engineers.ts), and the row is written as the
 * service role (issue 20).
 */
export async function insertEngineerAssignment(tx: Tx, { actorId, clientId, userId }: { actorId: string; clientId: string; userId: string }) {
  await serviceStatement(tx, tx`insert into public.client_engineers (client_id, user_id) values (${clientId}, ${userId}) on conflict do nothing`);
  await recordAudit(tx, { clientId, actorId, action: "engineer.assigned", entity: "client", entityId: clientId, data: { userId } });
}

/** Ends an assignment and audits it; false when there was none. */
export async function deleteEngineerAssignment(tx: Tx, { actorId, clientId, userId }: { actorId: string; clientId: string; userId: string }): Promise<boolean> {
  const rows = await tx`delete from public.client_engineers where client_id = ${clientId} and user_id = ${userId} returning 1`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: "engineer.unassigned", entity: "client", entityId: clientId, data: { userId } });
  return true;
}

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  /** Past its expiry now (the database's clock: expiry is real time, not the business date). */
  expired: boolean;
  acceptedAt: Date | null;
}

export function listInvitations(tx: Tx, { clientId }: { clientId: string }) {
  return tx<InvitationRow[]>`
    select id, email, role, expires_at as "expiresAt", expires_at <= now() as expired, accepted_at as "acceptedAt"
    from public.invitations where client_id = ${clientId} order by created_at desc limit 50`;
}

export const INVITATION_TTL_DAYS = 7;

/** Whether someone with that address (lower case) is already a member of the client. */
export async function isMemberEmail(tx: Tx, { clientId, email }: { clientId: string; email: string }): Promise<boolean> {
  const [already] = await tx`
    select 1 from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} and lower(p.email) = ${email}`;
  return Boolean(already);
}

/**
 * Records an invitation whose link token the service minted (lib/auth/tokens: only its keyed hash is passed
 * in), as the service role, with the expiry fixed here: no signed-in person writes a token, an expiry or an
 * inviter (issue 20). An invitation already pending for the address is renewed instead (its role, a new token
 * and expiry): the earlier link stops working, and the list never shows the same person twice. The service
 * checked the caller works for the client and took the client's people lock (lib/clients/invite.ts).
 */
export async function upsertInvitation(
  tx: Tx,
  { actorId, clientId, email, role, tokenHash }: { actorId: string; clientId: string; email: string; role: "owner" | "member"; tokenHash: string },
): Promise<{ id: string; renewed: boolean }> {
  const [pending] = await tx<{ id: string }[]>`
    select id from public.invitations
    where client_id = ${clientId} and lower(email) = ${email} and accepted_at is null
    order by created_at desc limit 1`;
  const [row] = pending
    ? await serviceStatement(tx, tx<{ id: string }[]>`
        update public.invitations set role = ${role}, token_hash = ${tokenHash}, invited_by = ${actorId},
          expires_at = now() + make_interval(days => ${INVITATION_TTL_DAYS})
        where id = ${pending.id} and client_id = ${clientId} and accepted_at is null
        returning id`)
    : await serviceStatement(tx, tx<{ id: string }[]>`
        insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
        values (${clientId}, ${email}, ${role}, ${tokenHash}, ${actorId},
                now() + make_interval(days => ${INVITATION_TTL_DAYS}))
        returning id`);
  await recordAudit(tx, {
    clientId, actorId, action: pending ? "member.invitation_resent" : "member.invited", entity: "invitation", entityId: row.id,
    data: { email, role },
  });
  return { id: row.id, renewed: Boolean(pending) };
}

/**
 * Gives a pending invitation a fresh token (its keyed hash passed in) and a fresh expiry, as the service role,
 * and audits it; null when there is no such pending invitation. The earlier link stops working at once.
 */
export async function renewInvitation(
  tx: Tx,
  { actorId, clientId, invitationId, tokenHash }: { actorId: string; clientId: string; invitationId: string; tokenHash: string },
): Promise<{ email: string; role: "owner" | "member" } | null> {
  const [row] = await serviceStatement(tx, tx<{ email: string; role: "owner" | "member" }[]>`
    update public.invitations set token_hash = ${tokenHash}, invited_by = ${actorId},
      expires_at = now() + make_interval(days => ${INVITATION_TTL_DAYS})
    where id = ${invitationId} and client_id = ${clientId} and accepted_at is null
    returning email, role`);
  if (!row) return null;
  await recordAudit(tx, {
    clientId, actorId, action: "member.invitation_resent", entity: "invitation", entityId: invitationId, data: { email: row.email, role: row.role },
  });
  return row;
}

/** Withdraws a pending invitation of the client (its link stops working); as the caller, under RLS. Null when none. */
export async function deleteInvitation(tx: Tx, { actorId, clientId, invitationId }: { actorId: string; clientId: string; invitationId: string }) {
  const [row] = await tx<{ email: string; role: string }[]>`
    delete from public.invitations where id = ${invitationId} and client_id = ${clientId} and accepted_at is null
    returning email, role`;
  if (!row) return null;
  await recordAudit(tx, {
    clientId, actorId, action: "member.invitation_revoked", entity: "invitation", entityId: invitationId, data: { ...row },
  });
  return row;
}

/** The client and whether the caller works for it, in one round trip; null like getClient. */
export interface ClientAccessRow {
  client: ClientRow;
  /** Works for this client (admin, or engineer assigned). */
  isStaff: boolean;
  /** Moves with every write the client's cached page data depends on (lib/pages/cache). */
  dataVersion: number;
}

/** The data versions (lib/pages/cache) of clients the caller can see, by id. */
export async function clientDataVersions(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, number>> {
  if (!clientIds.length) return new Map();
  const rows = await tx<{ id: string; version: number }[]>`
    select id, private.client_data_version(id) as version from public.clients where id in ${tx(clientIds)}`;
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** The caller's view of one client, as a subquery: no row if RLS hides it. */
export const clientAccessQuery = (tx: Tx, { clientId }: { clientId: string }) => tx`
  select ${clientColumns(tx)}, id in (select private.staffed_client_ids()) as "isStaff",
         private.client_data_version(id) as "dataVersion"
  from public.clients where id = ${clientId}`;

/** Splits a row of clientAccessQuery; null when there was none. */
export function toClientAccess(row: (ClientRow & { isStaff: boolean; dataVersion: number }) | undefined): ClientAccessRow | null {
  if (!row?.id) return null;
  const { id, name, slug, timezone, currency, billingEmail, aiDraftingEnabled, archivedAt, billingTiming, startDate, isStaff, dataVersion } = row;
  return { client: { id, name, slug, timezone, currency, billingEmail, aiDraftingEnabled, archivedAt, billingTiming, startDate }, isStaff, dataVersion };
}

export async function getClientAccess(tx: Tx, { clientId }: { clientId: string }): Promise<ClientAccessRow | null> {
  const [row] = await tx<(ClientRow & { isStaff: boolean; dataVersion: number })[]>`${clientAccessQuery(tx, { clientId })}`;
  return toClientAccess(row);
}

/** Which of these clients the caller works for (admin, or assigned engineer), by the same rule RLS uses; one query. */
export async function staffedAmong(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await tx<{ id: string }[]>`
    select id from unnest(${clientIds}::uuid[]) as id where id in (select private.staffed_client_ids())`;
  return new Set(rows.map((r) => r.id));
}

// Billing (service role: month close and the Stripe push).

/**
 * The client as billing needs it (service role): with the Stripe customer id, which the RLS-facing
 * ClientRow never carries.
 */
export type BillingClient = Pick<ClientRow, "id" | "name" | "slug" | "timezone" | "currency" | "billingEmail"> & { stripeCustomerId: string | null };

export async function getBillingClient(tx: Tx, { clientId }: { clientId: string }): Promise<BillingClient | null> {
  const [c] = await tx<BillingClient[]>`
    select id, name, slug, timezone, currency, billing_email as "billingEmail", stripe_customer_id as "stripeCustomerId"
    from public.clients where id = ${clientId}`;
  return c ?? null;
}

/** Stores the client's Stripe customer once; a customer already stored is kept. */
export async function setStripeCustomerId(tx: Tx, { clientId, stripeCustomerId }: { clientId: string; stripeCustomerId: string }) {
  await tx`update public.clients set stripe_customer_id = ${stripeCustomerId} where id = ${clientId} and stripe_customer_id is null`;
}

/**
 * Every active client with the first month of its terms (null without terms), its billing timing and start, and
 * whether it has any invoice yet, by name: what month close walks.
 */
export async function listActiveClientTermStarts(tx: Tx) {
  const rows = await tx<{ id: string; timezone: string; firstTermMonth: Month | null; timing: BillingTiming; startDate: LocalDate | null; firstMonth: FirstMonth; invoiced: boolean }[]>`
    select c.id, c.timezone, (select to_char(min(effective_month), 'YYYY-MM-DD') from public.retainer_terms t where t.client_id = c.id) as "firstTermMonth",
           c.billing_timing as timing, to_char(c.start_date, 'YYYY-MM-DD') as "startDate",
           coalesce((select first_month from public.practice_settings limit 1), 'prorate') as "firstMonth",
           exists (select 1 from public.invoices i where i.client_id = c.id) as invoiced
    from public.clients c where c.archived_at is null order by c.name`;
  return rows.map(({ startDate, firstMonth, ...r }) => ({ ...r, start: { startDate, firstMonth } satisfies RetainerStart }));
}

/** How several clients are billed: timing, start date and the practice's first-month choice (everyone signed in reads them). */
export async function billingStartsFor(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, ClientBilling>> {
  const rows = clientIds.length === 0 ? [] : await tx<{ id: string; timing: BillingTiming; startDate: LocalDate | null; firstMonth: FirstMonth }[]>`
    select c.id, c.billing_timing as timing, to_char(c.start_date, 'YYYY-MM-DD') as "startDate",
           coalesce((select first_month from public.practice_settings limit 1), 'prorate') as "firstMonth"
    from public.clients c where c.id in ${tx(clientIds)}`;
  return new Map(rows.map((r) => [r.id, { timing: r.timing, start: { startDate: r.startDate, firstMonth: r.firstMonth } }]));
}
