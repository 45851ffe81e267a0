// Notifications (issue 23): each person's inbox. Reads under the caller's RLS (their own rows, on clients they
// still belong to); every write is the app's (service role) inside the command or job that authorized it
// (supabase/migrations/20261208000300_notifications.sql).
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { EmailMode, NotificationKind, NotificationRow } from "@/lib/types/notifications";

/** Who on a client hears of an event: its owners, all its people, its assigned engineers, and/or named people. */
export interface Audience {
  owners?: boolean;
  members?: boolean;
  engineers?: boolean;
  /** Named people (whoever asked, whoever took part in a thread), if they still belong to the client or are staff. */
  users?: string[];
}

export interface Recipient {
  userId: string;
  email: string;
  mode: EmailMode;
}

/** The people an audience names on a client, each once (as the service role: people do not read each other's profiles). */
export function recipientsOf(tx: Tx, { clientId, audience }: { clientId: string; audience: Audience }) {
  const { owners = false, members = false, engineers = false, users = [] } = audience;
  return serviceStatement<Recipient[]>(tx, tx`
    select p.id as "userId", p.email, p.email_notifications as mode from public.profiles p
    where p.id in (
      select cm.user_id from public.client_members cm
      where cm.client_id = ${clientId} and (${members}::boolean or (${owners}::boolean and cm.role = 'owner'))
      union
      select ce.user_id from public.client_engineers ce where ce.client_id = ${clientId} and ${engineers}::boolean
      union
      select u from unnest(${users}::uuid[]) u
      where exists (select 1 from public.client_members m where m.client_id = ${clientId} and m.user_id = u)
         or exists (select 1 from public.client_engineers e where e.client_id = ${clientId} and e.user_id = u)
         or exists (select 1 from public.staff s where s.user_id = u and s.role = 'admin'))
    order by p.email`);
}

export interface NewNotification {
  clientId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string;
  dedupeKey: string;
  mail: "sent" | "digest" | "none";
}

/** Inserts notifications (one statement); returns, per recipient of a new one, its id (a repeated key adds nothing). */
export async function insertNotifications(tx: Tx, { rows }: { rows: NewNotification[] }): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const values = rows.map((r) => ({
    client_id: r.clientId, user_id: r.userId, kind: r.kind, title: r.title, body: r.body, href: r.href, dedupe_key: r.dedupeKey, mail: r.mail,
  }));
  const inserted = await serviceStatement<{ userId: string; id: string }[]>(tx, tx`
    insert into public.notifications ${tx(values, "client_id", "user_id", "kind", "title", "body", "href", "dedupe_key", "mail")}
    on conflict (dedupe_key) do nothing returning user_id as "userId", id`);
  return new Map(inserted.map((r) => [r.userId, r.id]));
}

/** The signed-in person's notifications, newest first (RLS: their own, on clients they still belong to). */
export function listNotifications(tx: Tx, { limit, unreadOnly = false }: { limit: number; unreadOnly?: boolean }) {
  return tx<NotificationRow[]>`
    select n.id, n.client_id as "clientId", c.name as "clientName", n.kind, n.title, n.body, n.href, n.created_at as "createdAt", n.read_at as "readAt"
    from public.notifications n join public.clients c on c.id = n.client_id
    where n.user_id = (select auth.uid()) and (not ${unreadOnly}::boolean or n.read_at is null)
    order by n.created_at desc, n.id limit ${limit}`;
}

/** How many of the signed-in person's notifications are unread. */
export async function unreadCount(tx: Tx): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.notifications where user_id = (select auth.uid()) and read_at is null`;
  return row.n;
}

/** Marks the person's own notifications read (these ids, or all); returns how many changed. */
export async function markRead(tx: Tx, { userId, ids }: { userId: string; ids: string[] | "all" }): Promise<number> {
  const rows = await serviceStatement<{ id: string }[]>(tx, ids === "all"
    ? tx`update public.notifications set read_at = now() where user_id = ${userId} and read_at is null returning id`
    : tx`update public.notifications set read_at = now() where user_id = ${userId} and read_at is null and id in ${tx(ids.length ? ids : ["00000000-0000-0000-0000-000000000000"])} returning id`);
  return rows.length;
}

/** The person's own email preference. */
export async function setEmailMode(tx: Tx, { userId, mode }: { userId: string; mode: EmailMode }): Promise<boolean> {
  const rows = await tx`update public.profiles set email_notifications = ${mode} where id = ${userId} returning id`;
  return rows.length > 0;
}

/** Whoever has notifications waiting for a digest, with their preference and zone (theirs, else their latest client's). */
export function digestCandidates(tx: Tx) {
  return tx<(Recipient & { zone: string })[]>`
    select p.id as "userId", p.email, p.email_notifications as mode,
      coalesce(p.timezone, (select c.timezone from public.notifications n join public.clients c on c.id = n.client_id
                            where n.user_id = p.id order by n.created_at desc limit 1), 'UTC') as zone
    from public.profiles p where exists (select 1 from public.notifications n where n.user_id = p.id and n.mail = 'digest')`;
}

/**
 * A person's notifications waiting for the digest, locked for this transaction (a second run skips them), on
 * clients they still belong to; the others are marked 'none' (never mailed to someone who left).
 */
export async function takeDigest(tx: Tx, { userId }: { userId: string }) {
  await tx`
    update public.notifications n set mail = 'none'
    where n.user_id = ${userId} and n.mail = 'digest'
      and not exists (select 1 from public.client_members m where m.client_id = n.client_id and m.user_id = n.user_id)
      and not exists (select 1 from public.client_engineers e where e.client_id = n.client_id and e.user_id = n.user_id)
      and not exists (select 1 from public.staff s where s.user_id = n.user_id and s.role = 'admin')`;
  return tx<(Omit<NotificationRow, "readAt">)[]>`
    select n.id, n.client_id as "clientId", c.name as "clientName", n.kind, n.title, n.body, n.href, n.created_at as "createdAt"
    from public.notifications n join public.clients c on c.id = n.client_id
    where n.user_id = ${userId} and n.mail = 'digest'
    order by c.name, n.created_at for update of n skip locked`;
}

export async function markDigest(tx: Tx, { ids, mail }: { ids: string[]; mail: "digested" | "none" }) {
  if (!ids.length) return;
  await tx`update public.notifications set mail = ${mail} where id in ${tx(ids)}`;
}

/** One of the signed-in person's notifications (RLS), or null. */
export async function getNotification(tx: Tx, { id }: { id: string }): Promise<{ id: string; href: string; readAt: Date | null } | null> {
  const [row] = await tx<{ id: string; href: string; readAt: Date | null }[]>`
    select id, href, read_at as "readAt" from public.notifications where id = ${id} and user_id = (select auth.uid())`;
  return row ?? null;
}

/** The signed-in person's email preference. */
export async function emailModeOf(tx: Tx): Promise<EmailMode> {
  const [row] = await tx<{ mode: EmailMode }[]>`select email_notifications as mode from public.profiles where id = (select auth.uid())`;
  return row?.mode ?? "immediately";
}
