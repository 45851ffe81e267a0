// The prune (lib/domain/retention.ts has the periods): what the app no longer needs, deleted or emptied, as the
// service role, counted per kind. `now` is the app's clock (tests fix it). Each statement is one range on a time
// column, counted in SQL so a large prune never carries its rows back to the app.
import type { PendingQuery, Row } from "postgres";
import type { Tx } from "@/lib/db";
import { RETENTION, type RetentionReport } from "@/lib/domain/retention";

export async function pruneExpired(tx: Tx, { now }: { now: Date }): Promise<RetentionReport> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const gone = async (statement: PendingQuery<Row[]>) => (await tx<{ n: number }[]>`with d as (${statement}) select count(*)::int as n from d`)[0].n;
  const r = RETENTION;
  return {
    rateLimitHits: await gone(tx`delete from public.rate_limit_hits where at < ${before(r.rateLimitHitsDays)} returning 1`),
    signInCodes: await gone(tx`delete from public.sign_in_codes where expires_at < ${before(r.signInCodesDays)} returning 1`),
    webauthnChallenges: await gone(tx`delete from private.webauthn_challenges where expires_at < ${now} returning 1`),
    endedSessions: await gone(tx`
      delete from private.sessions where least(coalesce(revoked_at, 'infinity'), expires_at) < ${before(r.endedSessionsDays)} returning 1`),
    mailBodies: await gone(tx`
      update public.outbox set body_text = '', body_html = null
      where body_text <> '' and status <> 'pending' and coalesce(sent_at, created_at) < ${before(r.mailBodiesDays)} returning 1`),
    mailRows: await gone(tx`delete from public.outbox where status <> 'pending' and coalesce(sent_at, created_at) < ${before(r.mailRowsDays)} returning 1`),
    deliveries:
      await gone(tx`delete from public.webhook_deliveries where status <> 'pending' and coalesce(delivered_at, created_at) < ${before(r.deliveriesDays)} returning 1`)
      + await gone(tx`delete from public.slack_deliveries where status <> 'pending' and coalesce(sent_at, created_at) < ${before(r.deliveriesDays)} returning 1`),
    // Append-only for every role: only this function deletes, and nothing younger than 400 days (16.4.2).
    securityEvents: (await tx<{ n: number }[]>`select private.prune_security_events(${before(r.securityEventsDays)}) as n`)[0].n,
    inboundEmails: await gone(tx`delete from public.inbound_emails where received_at < ${before(r.inboundEmailsDays)} returning 1`),
    jobRuns: await gone(tx`delete from public.job_runs where started_at < ${before(r.jobRunsDays)} returning 1`),
    stripeEvents: await gone(tx`delete from public.stripe_events where received_at < ${before(r.stripeEventsDays)} returning 1`),
    importFiles: await gone(tx`delete from public.import_files where uploaded_at < ${before(r.importFileBytesDays)} returning 1`),
  };
}
