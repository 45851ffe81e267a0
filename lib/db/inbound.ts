// Inbound email (issue 23): the notification a reply address names, and the record of every message received.
// Service role only (the inbound route runs as the service: no one is signed in).
import type { Tx } from "@/lib/db";

export interface ReplyTarget {
  notificationId: string;
  clientId: string;
  userId: string;
  kind: string;
  dedupeKey: string;
  email: string;
  name: string;
  member: boolean;
}

/** The notification a reply token names, with its recipient's address and whether they still belong to the client. */
export async function replyTarget(tx: Tx, { notificationId }: { notificationId: string }): Promise<ReplyTarget | null> {
  const [row] = await tx<ReplyTarget[]>`
    select n.id as "notificationId", n.client_id as "clientId", n.user_id as "userId", n.kind, n.dedupe_key as "dedupeKey",
      p.email, coalesce(nullif(p.full_name, ''), p.email) as name,
      exists (select 1 from public.client_members m where m.client_id = n.client_id and m.user_id = n.user_id) as member
    from public.notifications n join public.profiles p on p.id = n.user_id where n.id = ${notificationId}`;
  return row ?? null;
}

/** Whether a message with this Message-ID already became a comment. */
export async function replyAlreadyTaken(tx: Tx, { messageId }: { messageId: string }): Promise<boolean> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from public.inbound_emails where message_id = ${messageId} and outcome = 'comment'`;
  return row.n > 0;
}

export async function recordInbound(tx: Tx, { row }: { row: {
  clientId: string | null; messageId: string | null; from: string | null; outcome: "comment" | "refused"; reason: string | null; commentId: string | null;
} }): Promise<void> {
  await tx`
    insert into public.inbound_emails (client_id, message_id, from_address, outcome, reason, comment_id)
    values (${row.clientId}, ${row.messageId?.slice(0, 300) ?? null}, ${row.from?.slice(0, 320) ?? null}, ${row.outcome}, ${row.reason?.slice(0, 300) ?? null}, ${row.commentId})
    on conflict do nothing`;
}
