// Publishing a weekly update: the update and an email to every member of the client, in one transaction,
// once its title and body pass the phishing filter (check.ts), whoever wrote them. A refusal changes no row.
import { withServiceRole, type Tx } from "@/lib/db";
import { memberEmails, publishUpdate } from "@/lib/db/updates";
import { formatDate } from "@/lib/format";
import { enqueueMail } from "@/lib/mail/outbox";
import type { ClientRef } from "@/lib/types/clients";
import { refuseFlagged } from "@/lib/updates/check";

/** Publishes a draft and emails every member of the client, in one transaction. */
export async function publish(tx: Tx, actorId: string, client: ClientRef, updateId: string, input: { title: string; bodyMd: string }, appUrl: string) {
  refuseFlagged(input, appUrl);
  const weekStart = await publishUpdate(tx, actorId, client.id, updateId, input);
  const recipients = await memberEmails(tx, { clientId: client.id });
  await withServiceRole(tx, async () => {
    for (const r of recipients) {
      await enqueueMail(tx, {
        kind: "update.published",
        clientId: client.id,
        to: r.email,
        subject: `${client.name}: ${input.title}`,
        text: `Your weekly update for the week of ${formatDate(weekStart, { month: "long", day: "numeric", year: "numeric" })} is ready.\n\n${input.title}\n\n${input.bodyMd}\n\nRead it in the portal: ${appUrl}/clients/${client.id}/updates`,
        dedupeKey: `update:${updateId}:${r.email}`,
      });
    }
  });
}
