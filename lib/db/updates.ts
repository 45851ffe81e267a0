import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import type { RoadmapChangeInput, WeekEntryInput } from "@/lib/domain/weekly";
import type { UpdateRow } from "@/lib/types/updates";

export async function latestPublishedUpdate(tx: Tx, { clientId }: { clientId: string }): Promise<UpdateRow | null> {
  const [row] = await tx<UpdateRow[]>`
    select id, to_char(week_start, 'YYYY-MM-DD') as "weekStart", title, body_md as "bodyMd", published_at as "publishedAt"
    from public.weekly_updates
    where client_id = ${clientId} and status = 'published'
    order by week_start desc limit 1`;
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------

export interface WeeklyUpdateRow {
  id: string;
  clientId: string;
  weekStart: string;
  status: "draft" | "published";
  title: string;
  bodyMd: string;
  facts: Record<string, unknown>;
  citations: { highlight: string; entryIds: string[] }[];
  source: "ai" | "template" | "manual";
  model: string | null;
  promptVersion: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

const updateSelect = (tx: Tx) => tx`
  select id, client_id as "clientId", to_char(week_start, 'YYYY-MM-DD') as "weekStart", status, title, body_md as "bodyMd",
         facts, citations, source, model, prompt_version as "promptVersion", published_at as "publishedAt", updated_at as "updatedAt"
  from public.weekly_updates`;

/** Updates the caller may see (members: published only, by RLS), newest week first; optionally one status, one page. */
export function listUpdates(tx: Tx, { clientId, status, limit, offset = 0 }: { clientId: string; status?: "draft" | "published"; limit?: number; offset?: number }) {
  return tx<WeeklyUpdateRow[]>`
    ${updateSelect(tx)} where client_id = ${clientId} ${status ? tx`and status = ${status}` : tx``}
    order by week_start desc ${limit === undefined ? tx`` : tx`limit ${limit}`} offset ${offset}`;
}

export async function getUpdate(tx: Tx, { clientId, updateId }: { clientId: string; updateId: string }): Promise<WeeklyUpdateRow | null> {
  const [row] = await tx<WeeklyUpdateRow[]>`${updateSelect(tx)} where client_id = ${clientId} and id = ${updateId}`;
  return row ?? null;
}

export async function findUpdateForWeek(tx: Tx, { clientId, weekStart }: { clientId: string; weekStart: string }) {
  const [row] = await tx<WeeklyUpdateRow[]>`${updateSelect(tx)} where client_id = ${clientId} and week_start = ${weekStart}`;
  return row ?? null;
}

/**
 * The week's entries (voided ones too; the facts drop them) with their roadmap item and who wrote each, for
 * the prompt: the client's role first (a person who is both is quoted as the client's, the less trusted),
 * then the practice's, else 'unknown' (the person left, or RLS hides them).
 */
export function weekEntries(tx: Tx, { clientId, weekStart }: { clientId: string; weekStart: string }) {
  return tx<WeekEntryInput[]>`
    select e.id, to_char(e.work_date, 'YYYY-MM-DD') as "workDate", e.minutes, e.category, e.description, e.billable,
           e.voided_at is not null as voided, e.roadmap_item_id as "roadmapItemId", r.title as "roadmapTitle",
           coalesce(em.role, es.role, 'unknown') as "authorRole",
           case when r.id is null then null else coalesce(rm.role, rs.role, 'unknown') end as "roadmapProposedByRole"
    from public.time_entries e
      left join public.client_members em on em.client_id = e.client_id and em.user_id = e.engineer_id
      left join public.staff es on es.user_id = e.engineer_id
      left join public.roadmap_items r on r.id = e.roadmap_item_id
      left join public.client_members rm on rm.client_id = r.client_id and rm.user_id = r.proposed_by
      left join public.staff rs on rs.user_id = r.proposed_by
    where e.client_id = ${clientId} and e.work_date >= ${weekStart} and e.work_date < (${weekStart}::date + 7)`;
}

/** Status changes of roadmap items during the week, the week taken in the client's zone, with who proposed each. */
export function roadmapChanges(tx: Tx, { clientId, zone, weekStart }: { clientId: string; zone: string; weekStart: string }) {
  return tx<RoadmapChangeInput[]>`
    select a.entity_id as "itemId", r.title, a.action, a.data #>> '{before,status}' as "fromStatus",
           a.data #>> '{after,status}' as "toStatus", a.at, coalesce(rm.role, rs.role, 'unknown') as "proposedByRole"
    from public.audit_events a join public.roadmap_items r on r.id::text = a.entity_id
      left join public.client_members rm on rm.client_id = r.client_id and rm.user_id = r.proposed_by
      left join public.staff rs on rs.user_id = r.proposed_by
    where a.client_id = ${clientId} and a.entity = 'roadmap_item'
      and a.action in ('roadmap.moved', 'roadmap.accepted', 'roadmap.dropped')
      and a.at >= (${weekStart}::date::timestamp at time zone ${zone})
      and a.at < ((${weekStart}::date + 7)::timestamp at time zone ${zone})
    order by a.at`;
}

export interface DraftInput {
  weekStart: string;
  title: string;
  bodyMd: string;
  facts: unknown;
  citations: unknown;
  source: "ai" | "template" | "manual";
  model: string | null;
  promptVersion: string | null;
}

/** Creates or replaces the week's draft and returns its id; null when the week is published (never overwritten). */
export async function upsertDraft(tx: Tx, { actorId, clientId, draft: d }: { actorId: string; clientId: string; draft: DraftInput }): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.weekly_updates (client_id, week_start, status, title, body_md, facts, citations, source, model, prompt_version)
    values (${clientId}, ${d.weekStart}, 'draft', ${d.title}, ${d.bodyMd}, ${tx.json(d.facts as never)}, ${tx.json(d.citations as never)},
            ${d.source}, ${d.model}, ${d.promptVersion})
    on conflict (client_id, week_start) do update set
      title = excluded.title, body_md = excluded.body_md, facts = excluded.facts, citations = excluded.citations,
      source = excluded.source, model = excluded.model, prompt_version = excluded.prompt_version, updated_at = now()
    where weekly_updates.status = 'draft'
    returning id`;
  if (!row) return null;
  await recordAudit(tx, { clientId, actorId, action: "update.drafted", entity: "weekly_update", entityId: row.id, data: { weekStart: d.weekStart, source: d.source, model: d.model } });
  return row.id;
}

/** Saves a draft's words; false when it is not a draft (any more). */
export async function saveDraft(
  tx: Tx,
  { actorId, clientId, updateId, input }: { actorId: string; clientId: string; updateId: string; input: { title: string; bodyMd: string } },
): Promise<boolean> {
  const rows = await tx`
    update public.weekly_updates set title = ${input.title}, body_md = ${input.bodyMd}, updated_at = now()
    where id = ${updateId} and client_id = ${clientId} and status = 'draft' returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: "update.edited", entity: "weekly_update", entityId: updateId });
  return true;
}

/**
 * Publishes a draft the caller may edit. The caller's transaction first locks the draft under their own RLS
 * (staff of the client, a draft still); the status and the publish stamp are then written as the service role:
 * `authenticated` may not publish directly, so nothing reaches the client without the app's check of its words
 * (lib/updates/publish.ts). Returns the week published; null when there was no draft to publish.
 */
export async function publishUpdate(
  tx: Tx,
  { actorId, clientId, updateId, input }: { actorId: string; clientId: string; updateId: string; input: { title: string; bodyMd: string } },
): Promise<string | null> {
  const [draft] = await tx<{ weekStart: string }[]>`
    select to_char(week_start, 'YYYY-MM-DD') as "weekStart" from public.weekly_updates
    where id = ${updateId} and client_id = ${clientId} and status = 'draft' and client_id in (select private.staffed_client_ids())
    for update`;
  if (!draft) return null;
  await serviceStatement(tx, tx`
    update public.weekly_updates set title = ${input.title}, body_md = ${input.bodyMd}, status = 'published',
      published_at = now(), published_by = ${actorId}, updated_at = now()
    where id = ${updateId} and client_id = ${clientId} and status = 'draft'`);
  await recordAudit(tx, { clientId, actorId, action: "update.published", entity: "weekly_update", entityId: updateId, data: { weekStart: draft.weekStart, title: input.title } });
  return draft.weekStart;
}

/** Whether Claude may draft the client's updates; false when no row changed. */
export async function setAiDrafting(tx: Tx, { actorId, clientId, enabled }: { actorId: string; clientId: string; enabled: boolean }): Promise<boolean> {
  const rows = await tx`update public.clients set ai_drafting_enabled = ${enabled} where id = ${clientId} returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: enabled ? "client.ai_drafting_on" : "client.ai_drafting_off", entity: "client", entityId: clientId });
  return true;
}
