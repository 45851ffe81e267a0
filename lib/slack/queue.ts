// Tells a client's Slack channel (issue 23), in the transaction of the change: a published update, a request for
// extra hours, an issued invoice. Queued only when the client connected Slack for that event; posted after the
// commit (lib/slack/deliver). People's words are escaped for Slack's markup, so a title cannot ping a channel or
// forge a link.
import type { Tx } from "@/lib/db";
import { queueSlackMessage } from "@/lib/db/slack";
import { env } from "@/lib/platform/env";
import type { ClientRef } from "@/lib/types/clients";
import type { SlackEvent } from "@/lib/types/slack";

/** Slack's three control characters, escaped as its docs ask; mentions and links only come from us. */
export const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackMessage(client: Pick<ClientRef, "name">, { title, body, href }: { title: string; body?: string; href: string }, appUrl = env().APP_URL) {
  const url = `${appUrl.replace(/\/+$/, "")}${href}`;
  const excerpt = (body ?? "").replace(/\s+/g, " ").trim();
  const clipped = excerpt.length > 280 ? `${excerpt.slice(0, 279)}…` : excerpt;
  const text = `${escapeSlack(client.name)}: ${escapeSlack(title)}`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*<${url}|${escapeSlack(title)}>*${clipped ? `\n${escapeSlack(clipped)}` : ""}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${escapeSlack(client.name)} · Retainer Portal` }] },
    ],
  };
}

export function tellSlack(tx: Tx, client: ClientRef, event: SlackEvent, key: string, message: { title: string; body?: string; href: string }): Promise<boolean> {
  return queueSlackMessage(tx, { clientId: client.id, event, key, payload: slackMessage(client, message) });
}
