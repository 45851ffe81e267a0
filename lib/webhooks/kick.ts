import "server-only";
// After a response is sent, deliver the webhooks a change queued (the cron catches whatever this misses).
// Outside a request (a job, a test) there is no "after": the cron delivers.
import { after } from "next/server";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { logger } from "@/lib/platform/log";

export function kickWebhookDelivery() {
  try {
    after(() => deliverWebhooks({ limit: 20 }).catch((err) => logger("webhooks").error({ err }, "delivery failed")));
  } catch {
    // not in a request
  }
}
