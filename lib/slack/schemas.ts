// Connecting a client's Slack (issue 23): the incoming-webhook URL Slack gave them (its own host only) and what
// to post there.
import { z } from "zod";
import { clientIdField, checkbox } from "@/lib/schemas/fields";
import { isSlackWebhookUrl, SLACK_URL_MESSAGE } from "@/lib/domain/slack-url";
import { SLACK_EVENTS, type SlackEvent } from "@/lib/types/slack";

export const connectSlackSchema = z.object({
  clientId: clientIdField,
  url: z.string({ error: SLACK_URL_MESSAGE }).trim().max(300, SLACK_URL_MESSAGE).refine(isSlackWebhookUrl, SLACK_URL_MESSAGE),
  "event.update.published": checkbox,
  "event.extra_hours.requested": checkbox,
  "event.invoice.issued": checkbox,
}).transform((v, ctx) => {
  const events = SLACK_EVENTS.filter((e) => v[`event.${e}`]) as SlackEvent[];
  if (!events.length) {
    ctx.addIssue({ code: "custom", path: ["event.update.published"], message: "Choose at least one thing to post in Slack." });
    return z.NEVER;
  }
  return { clientId: v.clientId, url: v.url, events };
});

export const slackClientSchema = z.object({ clientId: clientIdField });
