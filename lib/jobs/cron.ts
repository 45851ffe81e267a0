import "server-only";
// The one way a scheduled job is served: Vercel Cron calls GET, other schedulers POST, both with
// `Authorization: Bearer $CRON_SECRET` (compared as digests, lib/auth/cron). Every run is recorded in job_runs
// (started, finished, what it did or the error it stopped on), so admins can see that the schedule fires.
import { cronAuthorized } from "@/lib/auth/cron";
import { refusedBearer } from "@/lib/auth/events";
import { errorResponse } from "@/lib/commands/route";
import { asService } from "@/lib/db";
import { finishJobRun, startJobRun, type JobName } from "@/lib/db/job-runs";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";
import { kickSlackDelivery } from "@/lib/slack/kick";
import { kickWebhookDelivery } from "@/lib/webhooks/kick";

const log = logger("cron");

export async function runCronJob(request: Request, job: JobName, work: () => Promise<Record<string, unknown>>): Promise<Response> {
  if (!cronAuthorized(request)) {
    await refusedBearer("cron", `${new URL(request.url).pathname} without the cron secret`);
    return errorResponse(new AppError("unauthenticated", "unauthorized: send Authorization: Bearer $CRON_SECRET"));
  }
  const id = await asService((tx) => startJobRun(tx, { job }));
  try {
    const summary = await work();
    await asService((tx) => finishJobRun(tx, { id, ok: true, summary, error: null }));
    if (job !== "send-webhooks") kickWebhookDelivery(); // what the job audited (a close, a payment) may have queued webhooks
    if (job !== "send-mail") kickSlackDelivery(); // or Slack messages (an issued invoice); send-mail posts them itself
    return Response.json(summary);
  } catch (e) {
    log.error({ err: e, job }, "scheduled job failed");
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    await asService((tx) => finishJobRun(tx, { id, ok: false, summary: {}, error })).catch(() => undefined);
    return errorResponse(new AppError("internal", "The job failed; its error is recorded for admins (Billing page) and in the log."));
  }
}
