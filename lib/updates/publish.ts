// Publishing a weekly update: the update and an email to every member of the client, in one transaction,
// once its title and body pass the phishing filter (check.ts), whoever wrote them. A refusal changes no row.
import { withServiceRole, type Tx } from "@/lib/db";
import { memberEmails, publishUpdate } from "@/lib/db/updates";
import { enqueueMails } from "@/lib/mail/outbox";
import { updatePublishedMail } from "@/lib/mail/templates";
import type { ClientRef } from "@/lib/types/clients";
import { AppError } from "@/lib/platform/errors";
import { refuseFlagged } from "@/lib/updates/check";

/** Publishes a draft and emails every member of the client, in one transaction. */
export async function publish(tx: Tx, actorId: string, client: ClientRef, updateId: string, input: { title: string; bodyMd: string }, appUrl: string) {
  refuseFlagged(input, appUrl);
  const weekStart = await publishUpdate(tx, { actorId, clientId: client.id, updateId, input });
  if (!weekStart) throw new AppError("conflict", "This update is already published.");
  const recipients = await memberEmails(tx, { clientId: client.id });
  await withServiceRole(tx, () => enqueueMails(tx, recipients.map((r) => updatePublishedMail({
    to: r.email, clientId: client.id, clientName: client.name, updateId, weekStart, title: input.title, bodyMd: input.bodyMd,
  }))));
}
