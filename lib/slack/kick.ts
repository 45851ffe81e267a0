import "server-only";
// After a response is sent, post the Slack messages a change queued (the send-mail cron catches whatever this misses).
// Outside a request (a job, a test) there is no "after": the cron posts.
import { after } from "next/server";
import { deliverSlack } from "@/lib/slack/deliver";
import { logger } from "@/lib/platform/log";

export function kickSlackDelivery() {
  try {
    after(() => deliverSlack({ limit: 20 }).catch((err) => logger("slack").error({ err }, "delivery failed")));
  } catch {
    // not in a request
  }
}
