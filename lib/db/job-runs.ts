// Runs of the scheduled jobs (/api/cron/*): written as the service role, read by admins (RLS).
import type { Tx } from "@/lib/db";

export type JobName = "close-months" | "send-mail" | "send-reminders" | "send-webhooks" | "send-digests" | "prune";

export interface JobRunRow {
  job: JobName;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  summary: Record<string, unknown>;
  error: string | null;
}

export async function startJobRun(tx: Tx, { job }: { job: JobName }): Promise<string> {
  const [row] = await tx<{ id: string }[]>`insert into public.job_runs (job) values (${job}) returning id`;
  return row.id;
}

export async function finishJobRun(tx: Tx, { id, ok, summary, error }: { id: string; ok: boolean; summary: Record<string, unknown>; error: string | null }) {
  await tx`update public.job_runs set finished_at = now(), ok = ${ok}, summary = ${tx.json(summary as never)}, error = ${error}
           where id = ${id}`;
}

/** Each job's newest run, and its newest successful one when that is older (admins only, by RLS). */
export function latestJobRuns(tx: Tx) {
  return tx<(JobRunRow & { lastOkAt: Date | null })[]>`
    select distinct on (r.job) r.job, r.started_at as "startedAt", r.finished_at as "finishedAt", r.ok, r.summary, r.error,
      (select max(o.started_at) from public.job_runs o where o.job = r.job and o.ok) as "lastOkAt"
    from public.job_runs r order by r.job, r.started_at desc`;
}
