// The owners' review of ended months (issue 23): confirmations, and questions on entries with their threads.
// Reads under the caller's RLS (the client's people and staff); every write is the app's (service role) inside the
// command that authorized it (supabase/migrations/20261208000200_monthly_sign_off.sql).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import type { EntryQuestion } from "@/lib/types/reviews";

/** Per client and month: how many owners the client has and how many confirmed the month (as the service role: the cron's view). */
export async function reviewCounts(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<{ owners: Map<string, number>; confirmed: Map<string, number> }> {
  if (!clientIds.length) return { owners: new Map(), confirmed: new Map() };
  const [owners, confirmed] = await Promise.all([
    tx<{ clientId: string; n: number }[]>`
      select client_id as "clientId", count(*)::int as n from public.client_members where role = 'owner' and client_id in ${tx(clientIds)} group by 1`,
    tx<{ key: string; n: number }[]>`
      select c.client_id || ':' || to_char(c.month, 'YYYY-MM-DD') as key, count(*)::int as n
      from public.month_confirmations c join public.client_members m on m.client_id = c.client_id and m.user_id = c.user_id and m.role = 'owner'
      where c.client_id in ${tx(clientIds)} group by 1`,
  ]);
  return { owners: new Map(owners.map((r) => [r.clientId, r.n])), confirmed: new Map(confirmed.map((r) => [r.key, r.n])) };
}

/** Who confirmed the client's months: month → names (and ids). */
export function monthConfirmations(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ month: string; userId: string; name: string; confirmedAt: Date }[]>`
    select to_char(c.month, 'YYYY-MM-DD') as month, c.user_id as "userId", coalesce(nullif(p.full_name, ''), p.email) as name, c.confirmed_at as "confirmedAt"
    from public.month_confirmations c left join public.profiles p on p.id = c.user_id
    where c.client_id = ${clientId} order by c.confirmed_at`;
}

export async function insertConfirmation(tx: Tx, { clientId, month, userId }: { clientId: string; month: string; userId: string }): Promise<boolean> {
  const rows = await serviceStatement<{ month: string }[]>(tx, tx`
    insert into public.month_confirmations (client_id, month, user_id) values (${clientId}, ${month}, ${userId})
    on conflict do nothing returning month`);
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId: userId, action: "month.confirmed", entity: "billing_period", entityId: month, data: { month } });
  return true;
}

/** The client's questions on entries of `month` (every month when null), open first, each with its thread. */
export async function listQuestions(tx: Tx, { clientId, month }: { clientId: string; month: string | null }): Promise<EntryQuestion[]> {
  const questions = await tx<Omit<EntryQuestion, "messages">[]>`
    select q.id, q.entry_id as "entryId", to_char(q.month, 'YYYY-MM-DD') as month, q.status, q.opened_by as "openedBy",
           coalesce(nullif(o.full_name, ''), o.email) as "openedByName", q.opened_at as "openedAt",
           coalesce(nullif(r.full_name, ''), r.email) as "resolvedByName", q.resolved_at as "resolvedAt",
           to_char(e.work_date, 'YYYY-MM-DD') as "entryDate", e.minutes as "entryMinutes", e.description as "entryDescription"
    from public.entry_questions q
    join public.time_entries e on e.id = q.entry_id
    left join public.profiles o on o.id = q.opened_by
    left join public.profiles r on r.id = q.resolved_by
    where q.client_id = ${clientId} ${month ? tx`and q.month = ${month}` : tx``}
    order by (q.status = 'open') desc, q.opened_at desc limit 200`;
  if (!questions.length) return [];
  const messages = await tx<{ questionId: string; authorName: string; body: string; createdAt: Date }[]>`
    select m.question_id as "questionId", coalesce(nullif(p.full_name, ''), p.email) as "authorName", m.body, m.created_at as "createdAt"
    from public.entry_question_messages m left join public.profiles p on p.id = m.author_id
    where m.question_id in ${tx(questions.map((q) => q.id))} order by m.created_at, m.id`;
  return questions.map((q) => ({ ...q, messages: messages.filter((m) => m.questionId === q.id).map(({ questionId: _q, ...m }) => m) }));
}

/** Open questions of these clients' months (the close preview lists them): "client:month" → count. */
export async function openQuestionCounts(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, number>> {
  if (!clientIds.length) return new Map();
  const rows = await tx<{ key: string; n: number }[]>`
    select client_id || ':' || to_char(month, 'YYYY-MM-DD') as key, count(*)::int as n
    from public.entry_questions where status = 'open' and client_id in ${tx(clientIds)} group by 1`;
  return new Map(rows.map((r) => [r.key, r.n]));
}

export async function getQuestion(tx: Tx, { clientId, questionId }: { clientId: string; questionId: string }) {
  const [row] = await tx<{ id: string; entryId: string; month: string; status: "open" | "resolved"; openedBy: string; openedByEmail: string | null }[]>`
    select q.id, q.entry_id as "entryId", to_char(q.month, 'YYYY-MM-DD') as month, q.status, q.opened_by as "openedBy", p.email as "openedByEmail"
    from public.entry_questions q left join public.profiles p on p.id = q.opened_by
    where q.client_id = ${clientId} and q.id = ${questionId}`;
  return row ?? null;
}

/** An entry's open question, if it has one. */
export async function openQuestionOf(tx: Tx, { clientId, entryId }: { clientId: string; entryId: string }): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`select id from public.entry_questions where client_id = ${clientId} and entry_id = ${entryId} and status = 'open'`;
  return row?.id ?? null;
}

export async function insertQuestion(tx: Tx, { clientId, entryId, month, userId, body }: { clientId: string; entryId: string; month: string; userId: string; body: string }): Promise<string> {
  const [q] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.entry_questions (client_id, entry_id, month, opened_by) values (${clientId}, ${entryId}, ${month}, ${userId}) returning id`);
  await serviceStatement(tx, tx`
    insert into public.entry_question_messages (question_id, client_id, author_id, body) values (${q.id}, ${clientId}, ${userId}, ${body})`);
  await recordAudit(tx, { clientId, actorId: userId, action: "entry.questioned", entity: "time_entry", entityId: entryId, data: { questionId: q.id, body } });
  return q.id;
}

export async function insertQuestionMessage(tx: Tx, { clientId, questionId, userId, body }: { clientId: string; questionId: string; userId: string; body: string }): Promise<string> {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.entry_question_messages (question_id, client_id, author_id, body) values (${questionId}, ${clientId}, ${userId}, ${body}) returning id`);
  await recordAudit(tx, { clientId, actorId: userId, action: "entry.question_answered", entity: "entry_question", entityId: questionId, data: { body } });
  return row.id;
}

/** Resolves an open question; false when it was no longer open. */
export async function resolveQuestion(tx: Tx, { clientId, questionId, userId }: { clientId: string; questionId: string; userId: string }): Promise<boolean> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    update public.entry_questions set status = 'resolved', resolved_by = ${userId}, resolved_at = now()
    where id = ${questionId} and client_id = ${clientId} and status = 'open' returning id`);
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId: userId, action: "entry.question_resolved", entity: "entry_question", entityId: questionId, data: {} });
  return true;
}

export interface OpenQuestionRow {
  clientId: string;
  questionId: string;
  month: string;
  entryDescription: string;
  openedByName: string;
  openedAt: Date;
}

/** Open questions on entries of these clients, oldest first: what waits for the engineer (the engineer home). */
export function openQuestionsFor(tx: Tx, { clientIds }: { clientIds: string[] }) {
  if (!clientIds.length) return Promise.resolve([] as OpenQuestionRow[]);
  return tx<OpenQuestionRow[]>`
    select q.client_id as "clientId", q.id as "questionId", to_char(q.month, 'YYYY-MM-DD') as month, e.description as "entryDescription",
           coalesce(nullif(p.full_name, ''), p.email) as "openedByName", q.opened_at as "openedAt"
    from public.entry_questions q join public.time_entries e on e.id = q.entry_id left join public.profiles p on p.id = q.opened_by
    where q.client_id in ${tx(clientIds)} and q.status = 'open' order by q.opened_at limit 50`;
}
