import "server-only";
// Sends due webhook deliveries (issue 22): each leased (lib/db/webhooks.ts), signed, POSTed to the address that
// was checked (lib/webhooks/address.ts) with a timeout and no redirects, and its outcome recorded: 2xx delivered;
// anything else retried with backoff (1 min, 5 min, 30 min, 2 h, 12 h), then failed. At least once: a receiver
// deduplicates on Webhook-Id. In order per endpoint: its next event waits for the one before.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { asService } from "@/lib/db";
import { leaseDueDeliveries, recordWebhookOutcome, type DueDelivery } from "@/lib/db/webhooks";
import { signedPayload, WEBHOOK_BACKOFF_SECONDS, WEBHOOK_MAX_ATTEMPTS } from "@/lib/domain/webhook-events";
import { loopbackAllowed, resolveDestination } from "@/lib/webhooks/address";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";

const log = logger("webhooks");

export const webhookSignature = (secret: string, timestamp: number, body: string) =>
  `t=${timestamp},v1=${createHmac("sha256", secret).update(signedPayload(timestamp, body)).digest("hex")}`;

interface Attempt { ok: boolean; status: number | null; error: string | null }

/** One POST of a delivery. Never throws: the outcome says what happened. */
export async function sendWebhook(d: Pick<DueDelivery, "url" | "secret" | "payload">, opts: { allowLoopback: boolean; timeoutMs: number }): Promise<Attempt> {
  let destination;
  try {
    destination = await resolveDestination(d.url, opts.allowLoopback);
  } catch (e) {
    return { ok: false, status: null, error: (e as Error).message.slice(0, 500) };
  }
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const { url, address, family } = destination;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Attempt>((resolve) => {
    const req = client.request(url, {
      method: "POST",
      // Connect to the address that was checked, whatever DNS says now; TLS still verifies the URL's host name.
      lookup: (_host, _options, callback) => callback(null, address, family),
      headers: {
        "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "RetainerPortal-Webhooks/1",
        "webhook-id": String(d.payload.id), "webhook-timestamp": String(timestamp), "webhook-signature": webhookSignature(d.secret, timestamp, body),
      },
      timeout: opts.timeoutMs,
    }, (res) => {
      res.resume();
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status, error: null } : { ok: false, status, error: `The receiver answered ${status}.` });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`No answer within ${opts.timeoutMs / 1000} s.`)));
    req.on("error", (e) => resolve({ ok: false, status: null, error: e.message.slice(0, 500) }));
    req.end(body);
  });
}

export interface WebhookReport { delivered: number; retrying: number; failed: number }

/** Sends what is due, up to `limit` attempts in this run. */
export async function deliverWebhooks({ limit = 100 }: { limit?: number } = {}): Promise<WebhookReport> {
  const opts = { allowLoopback: loopbackAllowed(), timeoutMs: env().WEBHOOK_TIMEOUT_MS };
  const report: WebhookReport = { delivered: 0, retrying: 0, failed: 0 };
  let attempts = 0;
  while (attempts < limit) {
    const batch = await asService((tx) => leaseDueDeliveries(tx, { limit: Math.min(10, limit - attempts), leaseSeconds: Math.ceil(opts.timeoutMs / 1000) + 30 }));
    if (!batch.length) break;
    attempts += batch.length;
    // One per endpoint in a batch: they go out side by side.
    const outcomes = await Promise.all(batch.map(async (d) => ({ d, attempt: await sendWebhook(d, opts) })));
    await asService(async (tx) => {
      for (const { d, attempt } of outcomes) {
        const tries = d.attempts + 1;
        const retryInSeconds = attempt.ok || tries >= WEBHOOK_MAX_ATTEMPTS ? null : WEBHOOK_BACKOFF_SECONDS[tries - 1];
        await recordWebhookOutcome(tx, { deliveryId: d.id, ok: attempt.ok, status: attempt.status, error: attempt.error, retryInSeconds });
        if (attempt.ok) report.delivered++;
        else if (retryInSeconds === null) report.failed++;
        else report.retrying++;
        if (!attempt.ok) log.warn({ deliveryId: d.id, endpointId: d.endpointId, tries, error: attempt.error }, retryInSeconds === null ? "webhook failed for good" : "webhook failed, will retry");
      }
    });
  }
  return report;
}
