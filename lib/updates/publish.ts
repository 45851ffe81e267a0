// Publishing a weekly update: the update and a notification to every member of the client (with the update as
// its email, by each one's preference), in one transaction, once its title and body pass the phishing filter
// (check.ts), whoever wrote them. A refusal changes no row. Drafts notify nobody.
import type { Tx } from "@/lib/db";
import { publishUpdate } from "@/lib/db/updates";
import { updatePublishedMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/notify";
import { tellSlack } from "@/lib/slack/queue";
import { updateExcerpt } from "@/lib/updates/render";
import { replyAddressFor } from "@/lib/updates/reply-address";
import type { ClientRef } from "@/lib/types/clients";
import { AppError } from "@/lib/platform/errors";
import { refuseFlagged } from "@/lib/updates/check";

/** Publishes a draft and tells every member of the client, in one transaction. */
export async function publish(tx: Tx, actorId: string, client: ClientRef, updateId: string, input: { title: string; bodyMd: string }, appUrl: string) {
  refuseFlagged(input, appUrl);
  const weekStart = await publishUpdate(tx, { actorId, clientId: client.id, updateId, input });
  if (!weekStart) throw new AppError("conflict", "This update is already published.");
  const notice = {
    title: `Weekly update: ${input.title}`, body: updateExcerpt(input.bodyMd),
    href: `/clients/${client.id}/updates#u-${updateId}`,
  };
  await tellSlack(tx, client, "update.published", `update:${updateId}`, notice);
  await notify(tx, {
    client, kind: "update.published", actorId, audience: { members: true }, key: `update:${updateId}`, ...notice,
    mail: (to) => updatePublishedMail({
      to: to.email, clientId: client.id, clientName: client.name, updateId, weekStart, title: input.title, bodyMd: input.bodyMd, replyTo: replyAddressFor(to.notificationId),
    }),
  });
}
