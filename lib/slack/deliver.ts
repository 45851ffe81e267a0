import "server-only";
// Posts due Slack messages (issue 23): each decrypted URL (it can only be Slack's, lib/slack/url) gets the message
// as JSON, with a timeout and no redirects. 2xx: sent. Anything else is retried with the webhooks' backoff (1 min,
// 5 min, 30 min, 2 h, 12 h), then failed; the connection shows the last error. Never throws into what queued it.
import { asService } from "@/lib/db";
import { dueSlackMessages, recordSlackOutcome } from "@/lib/db/slack";
import { WEBHOOK_BACKOFF_SECONDS, WEBHOOK_MAX_ATTEMPTS } from "@/lib/domain/webhook-events";
import { testSettingsAllowed } from "@/lib/platform/embedded";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";
import { openSecret } from "@/lib/platform/secret-box";
import { isSlackWebhookUrl, slackPostUrl } from "@/lib/domain/slack-url";

const log = logger("slack");

/** One POST to Slack. Never throws. */
export async function postToSlack(url: string, payload: Record<string, unknown>, timeoutMs = 5_000): Promise<{ ok: boolean; error: string | null }> {
  if (!isSlackWebhookUrl(url)) return { ok: false, error: "The stored address is not a Slack webhook: connect Slack again." };
  const origin = testSettingsAllowed() ? env().SLACK_API_ORIGIN : undefined;
  try {
    const res = await fetch(slackPostUrl(url, origin), {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), redirect: "manual", signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await res.text()).slice(0, 200);
    if (res.status >= 200 && res.status < 300) return { ok: true, error: null };
    // Slack names the problem in the body: no_service (the webhook was removed), channel_not_found, invalid_payload…
    return { ok: false, error: `Slack answered ${res.status}${text ? `: ${text}` : ""}.` };
  } catch (e) {
    return { ok: false, error: (e as Error).name === "TimeoutError" ? `Slack did not answer within ${timeoutMs / 1000} s.` : `Slack could not be reached (${(e as Error).message.slice(0, 120)}).` };
  }
}

export interface SlackReport { sent: number; retrying: number; failed: number }

/** Sends what is due, up to `limit` messages in this run, each in its own transaction. */
export async function deliverSlack({ limit }: { limit: number }): Promise<SlackReport> {
  const report: SlackReport = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const done = await asService(async (tx) => {
      const [due] = await dueSlackMessages(tx, { limit: 1 });
      if (!due) return false;
      const url = due.sealedUrl ? openSecret("slack-webhook-url", due.sealedUrl) : null;
      const outcome = url ? await postToSlack(url, due.payload) : { ok: false, error: "The Slack connection cannot be read (the server secret changed?): connect Slack again." };
      const attempt = due.attempts + 1;
      const retryInSeconds = outcome.ok || attempt >= WEBHOOK_MAX_ATTEMPTS || !url ? null : WEBHOOK_BACKOFF_SECONDS[attempt - 1];
      await recordSlackOutcome(tx, { id: due.id, clientId: due.clientId, ok: outcome.ok, error: outcome.error, retryInSeconds });
      if (outcome.ok) report.sent++;
      else if (retryInSeconds === null) report.failed++;
      else report.retrying++;
      if (!outcome.ok) log.warn({ clientId: due.clientId, delivery: due.id, error: outcome.error }, "slack message not delivered");
      return true;
    });
    if (!done) break;
  }
  return report;
}
