// Running timers (issue 25): each person's one timer, read as themselves (RLS: their own row only) and written by
// the app as the service role inside the command that authorized it
// (supabase/migrations/20261212000100_running_timers.sql). Its start is the database's clock.
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { Category, RunningTimerRow } from "@/lib/types/hours";

/** The caller's running timer with its client's name and zone, and how long it has run (ms, by the database's clock). */
export async function myRunningTimer(tx: Tx): Promise<RunningTimerRow | null> {
  const [row] = await tx<RunningTimerRow[]>`
    select t.client_id as "clientId", c.name as "clientName", c.timezone, t.roadmap_item_id as "roadmapItemId", r.title as "roadmapTitle",
           t.description, t.category, t.billable, (extract(epoch from (now() - t.started_at)) * 1000)::bigint as "elapsedMs"
    from public.running_timers t
    join public.clients c on c.id = t.client_id
    left join public.roadmap_items r on r.id = t.roadmap_item_id
    where t.user_id = (select auth.uid())`;
  return row ?? null;
}

export interface NewTimer {
  userId: string;
  clientId: string;
  roadmapItemId: string | null;
  description: string;
  category: Category;
  billable: boolean;
}

/** Starts the person's timer; false when one is already running (nothing changed). */
export async function insertTimer(tx: Tx, { timer: t }: { timer: NewTimer }): Promise<boolean> {
  const rows = await serviceStatement<{ userId: string }[]>(tx, tx`
    insert into public.running_timers (user_id, client_id, roadmap_item_id, description, category, billable)
    values (${t.userId}, ${t.clientId}, ${t.roadmapItemId}, ${t.description}, ${t.category}, ${t.billable})
    on conflict (user_id) do nothing returning user_id as "userId"`);
  return rows.length === 1;
}

/** Ends the person's timer (stopped into an entry for its client, or discarded); false when none was running. */
export async function deleteTimer(tx: Tx, { userId, clientId }: { userId: string; clientId?: string }): Promise<boolean> {
  const rows = await serviceStatement<{ userId: string }[]>(tx, tx`
    delete from public.running_timers where user_id = ${userId} ${clientId ? tx`and client_id = ${clientId}` : tx``} returning user_id as "userId"`);
  return rows.length === 1;
}
