// Extra hours approved in advance (issue 23): the rules of asking and deciding, over lib/db/extra-hours. The
// engineer (or an owner) asks for N hours in a month that is not closed, from the retainer's first month to a
// year ahead; an owner's own request is their approval. Owners approve or decline an open request; nobody
// decides their own; a request whose month closed has lapsed. Each change is audited, and who decides (the
// owners) or who asked is notified (lib/notifications), in the same transaction.
import type { Tx } from "@/lib/db";
import { decideExtraHours, getExtraHours, insertExtraHours, withdrawExtraHours } from "@/lib/db/extra-hours";
import { closedMonths } from "@/lib/db/periods";
import { getItem } from "@/lib/db/roadmap";
import { listTerms } from "@/lib/db/terms";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { termsFor } from "@/lib/domain/retainer";
import { formatMinutes, formatMonth } from "@/lib/format";
import { decisionLinkPath } from "@/lib/extra-hours/link";
import { extraHoursDecidedMail, extraHoursRequestedMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/notify";
import { tellSlack } from "@/lib/slack/queue";
import { AppError, found } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";

const invalid = (field: string, message: string) => new AppError("invalid", message, { [field]: [message] });

export interface ExtraHoursAsk {
  month: string;
  minutes: number;
  roadmapItemId: string | null;
  reason: string;
  quotedCents: number | null;
  poNumber: string | null;
}

/** Asks for extra hours; an owner's own request is approved at once (the owner is the one who decides). */
export async function askForExtraHours(tx: Tx, viewer: Viewer, client: ClientRow, owner: boolean, ask: ExtraHoursAsk, now: Date): Promise<{ id: string; approved: boolean }> {
  const current = monthOf(localDate(now, client.timezone));
  const [terms, closed] = await Promise.all([listTerms(tx, { clientId: client.id }), closedMonths(tx, { clientId: client.id })]);
  if (!terms.length) throw invalid("month", "Set the retainer terms first: extra hours are added to a retainer month.");
  if (ask.month < terms[0].effectiveMonth) throw invalid("month", `The retainer starts in ${formatMonth(terms[0].effectiveMonth)}: choose that month or a later one.`);
  if (closed.some((c) => c.month === ask.month)) throw invalid("month", `${formatMonth(ask.month)} is closed: choose an open month.`);
  if (ask.month > addMonths(current, 12)) throw invalid("month", "Choose a month within the next year.");
  if (ask.roadmapItemId && !(await getItem(tx, { clientId: client.id, itemId: ask.roadmapItemId }))) throw invalid("roadmapItemId", "Choose an item from the list.");
  if (!owner && ask.poNumber) throw invalid("poNumber", "The owner gives the PO number when they approve.");

  const id = await insertExtraHours(tx, {
    request: {
      clientId: client.id, month: ask.month, minutes: ask.minutes, roadmapItemId: ask.roadmapItemId, reason: ask.reason,
      quotedCents: ask.quotedCents, requestedBy: viewer.userId, approved: owner ? { poNumber: ask.poNumber } : null,
    },
  });
  if (!owner) {
    const rate = termsFor(terms, ask.month)!.overageRateCentsPerHour;
    const requestedBy = viewer.fullName || viewer.email;
    const notice = {
      title: `${requestedBy} asks for ${formatMinutes(ask.minutes)} of extra hours in ${formatMonth(ask.month)}`, body: ask.reason,
      href: `/clients/${client.id}/extra-hours#r-${id}`,
    };
    await tellSlack(tx, client, "extra_hours.requested", `extra_hours:${id}`, notice);
    await notify(tx, {
      client, kind: "extra_hours.requested", actorId: viewer.userId, audience: { owners: true }, key: `extra_hours:${id}`, ...notice,
      mail: (to) => extraHoursRequestedMail({
        to: to.email, clientId: client.id, clientName: client.name, requestId: id, month: ask.month, minutes: ask.minutes, reason: ask.reason,
        price: ask.quotedCents === null ? { rateCentsPerHour: rate } : { quotedCents: ask.quotedCents }, currency: client.currency, requestedBy,
        links: {
          approve: decisionLinkPath({ clientId: client.id, requestId: id, userId: to.userId, decision: "approve" }),
          decline: decisionLinkPath({ clientId: client.id, requestId: id, userId: to.userId, decision: "decline" }),
        },
      }),
    });
  }
  return { id, approved: owner };
}

/** An owner approves or declines an open request (never their own); whoever asked hears of it. */
export async function decide(tx: Tx, viewer: Viewer, client: ClientRow, { requestId, decision, poNumber, note }: {
  requestId: string; decision: "approve" | "decline"; poNumber: string | null; note: string | null;
}): Promise<"approved" | "declined"> {
  const request = found(await getExtraHours(tx, { clientId: client.id, requestId }), "That request");
  if (request.status !== "open") throw new AppError("conflict", `That request was ${request.status} already.`);
  if (request.requestedBy === viewer.userId) throw new AppError("forbidden", "You asked for these hours: another owner decides.");
  if ((await closedMonths(tx, { clientId: client.id })).some((c) => c.month === request.month)) {
    throw new AppError("conflict", `${formatMonth(request.month)} is closed: the request lapsed.`);
  }
  if (decision === "decline" && poNumber) throw invalid("poNumber", "A PO number goes with an approval.");
  const status = decision === "approve" ? "approved" : "declined";
  if (!(await decideExtraHours(tx, { clientId: client.id, requestId, status, decidedBy: viewer.userId, poNumber, note }))) {
    throw new AppError("conflict", "That request was decided a moment ago: reload to see how.");
  }
  const decidedBy = viewer.fullName || viewer.email;
  await notify(tx, {
    client, kind: `extra_hours.${status}`, actorId: viewer.userId, audience: { users: [request.requestedBy] }, key: `extra_hours:${requestId}:${status}`,
    title: `${decidedBy} ${status} ${formatMinutes(request.minutes)} of extra hours in ${formatMonth(request.month)}`, body: note ?? "",
    href: `/clients/${client.id}/extra-hours#r-${requestId}`,
    mail: (to) => extraHoursDecidedMail({
      to: to.email, clientId: client.id, clientName: client.name, requestId, month: request.month, minutes: request.minutes,
      approved: status === "approved", decidedBy, poNumber, note,
    }),
  });
  return status;
}

/** Whoever asked, or the client's staff, withdraw an open request. */
export async function withdraw(tx: Tx, viewer: Viewer, client: ClientRow, owner: boolean, requestId: string) {
  const request = found(await getExtraHours(tx, { clientId: client.id, requestId }), "That request");
  if (owner && request.requestedBy !== viewer.userId) throw new AppError("forbidden", "Only whoever asked, or the engineer, can withdraw it: decline it instead.");
  if (request.status !== "open" || !(await withdrawExtraHours(tx, { clientId: client.id, requestId, actorId: viewer.userId }))) {
    throw new AppError("conflict", `That request was ${request.status} already.`);
  }
}
