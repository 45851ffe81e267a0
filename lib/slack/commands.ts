// A client's Slack connection, as commands (lib/commands/command.ts): its owners and staff connect, test and
// disconnect it. The URL is sealed before it is stored (lib/platform/secret-box) and never shown again.
import { command, type Refresh } from "@/lib/commands/command";
import { deleteSlackConnection, saveSlackConnection } from "@/lib/db/slack";
import { AppError } from "@/lib/platform/errors";
import { sealSecret } from "@/lib/platform/secret-box";
import { postToSlack } from "@/lib/slack/deliver";
import { slackMessage } from "@/lib/slack/queue";
import { connectSlackSchema, slackClientSchema } from "@/lib/slack/schemas";
import { slackUrlHint } from "@/lib/domain/slack-url";

const settings = ({ client }: { client: { id: string } }): Refresh[] => [`/clients/${client.id}/settings`];

/**
 * Connects (or replaces) the client's Slack webhook after one test message reaches it: a URL Slack refuses is
 * reported on its field and nothing is stored.
 */
export const connectSlack = command({
  name: "slack.connect", schema: connectSlackSchema, scope: "billing", forbidden: "Only the client's owners and the practice connect Slack.",
  message: "Slack is connected: a test message is in the channel.",
  run: async ({ tx, viewer, client, input }) => {
    const test = await postToSlack(input.url, slackMessage(client, { title: "Retainer Portal is connected to this channel", body: "Published updates, requests for extra hours and invoices will appear here.", href: `/clients/${client.id}` }));
    if (!test.ok) throw new AppError("invalid", `Slack did not take the test message: ${test.error}`, { url: [`Slack did not take the test message: ${test.error}`] });
    await saveSlackConnection(tx, { clientId: client.id, actorId: viewer.userId, sealedUrl: sealSecret("slack-webhook-url", input.url), urlHint: slackUrlHint(input.url), events: input.events });
  },
  refresh: settings,
});

export const disconnectSlack = command({
  name: "slack.disconnect", schema: slackClientSchema, scope: "billing", forbidden: "Only the client's owners and the practice disconnect Slack.",
  message: "Slack is disconnected.",
  run: async ({ tx, viewer, client }) => {
    if (!(await deleteSlackConnection(tx, { clientId: client.id, actorId: viewer.userId }))) throw new AppError("conflict", "Slack was not connected.");
  },
  refresh: settings,
});
