// "Explain this invoice": the invoice, its lines, the month's statement, every billable entry of the month with
// where its hours went (rollover, included, overage), which month each fee is for (billed in advance or with its
// month), the adjustments of earlier months it carries, and what the invoice reads as on the client's day (`now`
// from the app clock). A 404 for an id that is not one of this client's.
import { asUser } from "@/lib/db";
import { listEntries } from "@/lib/db/entries";
import { billedFees, getInvoice, invoiceLines, periodStatement } from "@/lib/db/invoices";
import { listInvoiceReminders } from "@/lib/db/reminders";
import { listQuestions } from "@/lib/db/reviews";
import { getPracticeSettings } from "@/lib/db/settings";
import { localDate } from "@/lib/domain/dates";
import { displayStatus } from "@/lib/domain/invoice-status";
import { nextReminder, remindable } from "@/lib/domain/reminders";
import { explainEntries } from "@/lib/domain/ledger";
import type { ClientPage } from "@/lib/pages/access";
import { orNotFound, requireId } from "@/lib/pages/found";
import { found } from "@/lib/platform/errors";

export async function viewInvoice({ claims, client }: ClientPage, invoiceId: string, now: Date) {
  requireId(invoiceId);
  const clientId = client.id;
  const today = localDate(now, client.timezone);
  const { invoice, lines, statement, entries, sentReminders, practice, fees, questions } = await orNotFound(asUser(claims, async (tx) => {
    const invoice = found(await getInvoice(tx, { clientId, invoiceId }), "That invoice");
    return {
      invoice,
      lines: await invoiceLines(tx, { invoiceId }),
      statement: await periodStatement(tx, { clientId, month: invoice.month }),
      entries: await listEntries(tx, { clientId, month: invoice.month }),
      sentReminders: await listInvoiceReminders(tx, { invoiceId }),
      practice: await getPracticeSettings(tx),
      fees: await billedFees(tx, { clientId }),
      questions: await listQuestions(tx, { clientId, month: invoice.month }),
    };
  }));
  const ownFee = fees.find((f) => f.month === invoice.month) ?? null;
  const ladder = { ladder: practice?.reminderDays ?? [], dueDate: invoice.dueDate ?? today, today, sent: sentReminders.map((r) => r.rungDays) };
  return {
    invoice, displayStatus: displayStatus(invoice, today), lines, statement, rows: explainEntries(statement, entries),
    /** Reminders of the ladder sent (the day each went, in the client's zone), and the next one while it stays unpaid. */
    reminders: {
      today,
      sent: sentReminders.map((r) => ({ rungDays: r.rungDays, on: localDate(r.sentAt, client.timezone) })),
      next: practice && remindable(invoice, practice) ? nextReminder(ladder) : null,
      /** Stripe sends this invoice's reminders instead (the practice turned them on). */
      byStripe: Boolean(practice?.stripeSendsReminders && invoice.stripeInvoiceId && invoice.status === "open"),
    },
    /** The fees this invoice carries, each with the month it is for (a later month: billed in advance). */
    fees: lines.filter((l) => l.kind === "retainer_fee").map((l) => ({ ...l, month: l.forMonth ?? invoice.month, inAdvance: (l.forMonth ?? invoice.month) > invoice.month })),
    /** The fee of the invoice's own month when another invoice carried it (in advance): that invoice. */
    ownFeeElsewhere: ownFee && ownFee.invoiceId !== invoice.id ? ownFee : null,
    /** Earlier months re-priced by corrections, credited or charged on this invoice. */
    adjustments: lines.filter((l) => l.kind === "adjustment"),
    /** Corrections recorded this month against closed months: they count in the month they correct. */
    corrections: entries.filter((e) => !e.voidedAt && e.billable && e.adjustsEntryId),
    /** The owners' questions on this month's entries (issue 23): those still open when it closed are disputed. */
    questions,
  };
}
