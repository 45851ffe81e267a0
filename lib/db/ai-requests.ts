// What AI saw (issue 26): the record of every request sent to a model about a client
// (supabase/migrations/20261213000200_ai_requests.sql). Written by the app as the service role inside the caller's
// transaction, after the command that drafted authorized it; read as the caller (RLS: owners and the client's staff).
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { AiProduct, AiRequestRow, NewAiRequest } from "@/lib/types/ai";

/**
 * Keeps these records of one draft's requests, linked to the update or handbook page they produced, if any. Each row's time is the
 * database's clock as it is written (clock_timestamp, in attempt order), so a draft's attempts sort as they happened.
 */
export async function insertAiRequests(tx: Tx, { clientId, requestedBy, produced, records }: {
  clientId: string; requestedBy: string; produced: AiProduct | null; records: NewAiRequest[];
}): Promise<void> {
  if (!records.length) return;
  const rows = records.map((r) => ({
    client_id: clientId, requested_by: requestedBy, update_id: produced?.kind === "update" ? produced.id : null,
    handbook_page_id: produced?.kind === "handbook_page" ? produced.id : null, purpose: r.purpose, endpoint: r.endpoint, model: r.model,
    answered_by: r.answeredBy, prompt_version: r.promptVersion, attempt: r.attempt, http_attempts: r.httpAttempts,
    request: r.request, response: r.response, outcome: r.outcome, feedback: r.feedback?.slice(0, 4000) ?? null,
    input_tokens: r.inputTokens, output_tokens: r.outputTokens, masked: r.masked,
  }));
  await serviceStatement(tx, tx`
    insert into public.ai_requests (created_at, client_id, requested_by, update_id, handbook_page_id, purpose, endpoint, model, answered_by, prompt_version,
      attempt, http_attempts, request, response, outcome, feedback, input_tokens, output_tokens, masked)
    select clock_timestamp(), client_id, requested_by, update_id, handbook_page_id, purpose, endpoint, model, answered_by, prompt_version, attempt, http_attempts,
      request, response, outcome, feedback, input_tokens, output_tokens, masked
    from jsonb_populate_recordset(null::public.ai_requests, ${tx.json(rows as never)})`);
}

/**
 * A client's records, newest first, `limit` at a time after the record `before` (keyset on created_at, id); `q` keeps those
 * whose purpose, prompt, answer or feedback contain it (case-insensitive).
 */
export function listAiRequests(tx: Tx, { clientId, q, before, limit }: {
  clientId: string; q: string | null; before: string | null; limit: number;
}) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return tx<AiRequestRow[]>`
    select a.id, a.created_at as "createdAt", a.purpose, a.endpoint, a.model, a.answered_by as "answeredBy", a.prompt_version as "promptVersion",
           a.attempt, a.http_attempts as "httpAttempts", a.request, a.response, a.outcome, a.feedback, a.input_tokens as "inputTokens",
           a.output_tokens as "outputTokens", a.masked, a.update_id as "updateId",
           a.handbook_page_id as "handbookPageId", p.full_name as "requestedByName"
    from public.ai_requests a
    left join public.profiles p on p.id = a.requested_by
    where a.client_id = ${clientId}
      ${before ? tx`and (a.created_at, a.id) < (select b.created_at, b.id from public.ai_requests b where b.id = ${before} and b.client_id = ${clientId})` : tx``}
      ${pattern ? tx`and concat_ws(' ', a.purpose, a.request ->> 'system', a.request #>> '{messages,0,content}', a.response, a.feedback) ilike ${pattern}` : tx``}
    order by a.created_at desc, a.id desc
    limit ${limit}`;
}
