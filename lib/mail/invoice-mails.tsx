// The invoice mails (issue 27): the issue email with the invoice's PDF attached, and the reminders of the
// overdue-invoice ladder. Apart from lib/mail/templates because the month close and the reminder job send them:
// this module pulls in no Markdown renderer, so the close runs anywhere the database code does (the crash suite
// imports it outside Next).
import "server-only";
import { formatDate, formatMoney, formatMonth } from "@/lib/format";
import { A, EmailLayout, mailStyles, P, portalUrl, type MailDraft } from "@/lib/mail/layout";

const longDate = (d: string) => formatDate(d, { month: "long", day: "numeric", year: "numeric" });

/**
 * A reminder of an unpaid invoice (issue 27), one per rung of the practice's ladder, to each owner and the
 * client's billing contact. Keyed under `invoiceReminderKeyPrefix(invoiceId)`, so a payment, a void or a move
 * to uncollectible that arrives before it is sent withdraws it. Pays through Stripe's page when there is one,
 * else points at "How to pay" on the portal's invoices page.
 */
export function invoiceReminderMail(opts: {
  to: string; billingContact: boolean; clientId: string; clientName: string; invoiceId: string; rungDays: number;
  number: string | null; totalCents: number; currency: string; dueDate: string; daysOverdue: number; payUrl: string | null; contactEmail: string;
}): MailDraft {
  const invoice = opts.number ? `Invoice ${opts.number}` : "Your invoice";
  const amount = formatMoney(opts.totalCents, opts.currency);
  const late = `${opts.daysOverdue} ${opts.daysOverdue === 1 ? "day" : "days"} overdue`;
  return {
    kind: "invoice.reminder",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `${invoiceReminderKeyPrefix(opts.invoiceId)}${opts.rungDays}:${opts.to}`,
    compose: (ctx) => {
      const invoicesPage = portalUrl(ctx, `/clients/${opts.clientId}/invoices`);
      return {
        subject: `${opts.clientName}: ${opts.number ? `invoice ${opts.number}` : "your invoice"} is ${late}`,
        body: (
          <EmailLayout
            ctx={ctx}
            preview={`${amount} was due on ${longDate(opts.dueDate)}.`}
            heading={`${invoice} is ${late}`}
            action={opts.payUrl ? { label: "Pay the invoice", href: opts.payUrl } : { label: "See how to pay", href: invoicesPage }}
            reason={opts.billingContact
              ? `This address is ${opts.clientName}'s billing contact in ${ctx.practiceName}'s client portal.`
              : `You own ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
          >
            <P>{invoice} of {opts.clientName}, for <strong style={mailStyles.strong}>{amount}</strong>, was due on {longDate(opts.dueDate)} and has not been paid yet.</P>
            {opts.payUrl
              ? <P>You can pay it online with the button below.</P>
              : <P>How to pay it is on the invoices page of the portal: <A href={invoicesPage}>{invoicesPage}</A></P>}
            <P>If you have paid it in the last few days, thank you: there is nothing more to do.</P>
            {opts.contactEmail ? <P>Questions about this invoice? Write to <A href={`mailto:${opts.contactEmail}`}>{opts.contactEmail}</A>.</P> : null}
          </EmailLayout>
        ),
      };
    },
  };
}

export const invoiceReminderKeyPrefix = (invoiceId: string) => `invoice_reminder:${invoiceId}:`;

/**
 * To each owner and the billing contact when a local invoice is issued, with the invoice's PDF attached (the
 * sender renders it from the stored invoice). Stripe invoices never get it: Stripe sends its own.
 */
export function invoiceIssuedMail(opts: {
  to: string; owner: boolean; clientId: string; clientName: string; invoiceId: string; number: string; month: string;
  totalCents: number; currency: string; dueDate: string | null; paid: boolean;
}): MailDraft {
  const amount = formatMoney(opts.totalCents, opts.currency);
  const month = formatMonth(opts.month);
  return {
    kind: "invoice.issued",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `invoice_issued:${opts.invoiceId}:${opts.to}`,
    attachInvoiceId: opts.invoiceId,
    compose: (ctx) => ({
      subject: `${opts.clientName}: invoice ${opts.number} for ${month}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`${amount}${opts.paid ? ", nothing to pay" : opts.dueDate ? `, due ${longDate(opts.dueDate)}` : ""}. The invoice is attached as a PDF.`}
          heading={`Invoice ${opts.number} for ${month}`}
          action={{ label: "Open your invoices", href: portalUrl(ctx, `/clients/${opts.clientId}/invoices`) }}
          reason={opts.owner ? `You own ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.` : `This address is ${opts.clientName}'s billing contact with ${ctx.practiceName}.`}
        >
          <P>
            {ctx.practiceName} issued invoice <strong style={mailStyles.strong}>{opts.number}</strong> to {opts.clientName} for {month}:{" "}
            <strong style={mailStyles.strong}>{amount}</strong>{opts.paid ? "." : opts.dueDate ? `, due ${longDate(opts.dueDate)}.` : "."}
          </P>
          <P>{opts.paid ? "There is nothing to pay." : "The invoice is attached as a PDF, with how to pay it."} The portal shows every invoice and how each total comes about.</P>
        </EmailLayout>
      ),
    }),
  };
}
