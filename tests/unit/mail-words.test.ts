// The words a person reads, template by template (issue 21: mail copy lives in lib/mail/templates.tsx and
// nowhere else, each template tested for what it says). Every case states the subject, the sentences, the
// button and its link, and the amounts as formatted, and checks them in the plain-text version and in the
// HTML (its visible words: tags dropped, entities decoded). The frame every email shares (practice name,
// preferences link, escaping, Markdown) is tested in mail-templates.test.ts.
import { describe, expect, it } from "vitest";
import { renderMail, type RenderedMail } from "@/lib/mail/render";
import {
  invitationMail, invoiceReminderMail, paymentFailedMail, signInCodeMail, staffInvitationMail, updatePublishedMail, usageAlertMail,
  type MailContext, type MailDraft,
} from "@/lib/mail/templates";

const ctx: MailContext = { practiceName: "Rivera Fractional Engineering", appUrl: "https://portal.example.com" };
const CLIENT = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a001";
const UPDATE = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a002";
const INVOICE = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a003";
const PORTAL = ctx.appUrl;

/** The HTML's visible words, as a person reads them in a mail client. */
function visible(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/i, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?(?:strong|b|em|span|a|code)\b[^>]*>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;|&#xA0;/g, " ").replace(/&amp;/g, "&")
    .replace(/[\u200b-\u200f\u034f\u2060\ufeff\u00ad]/g, "")
    .replace(/\s+/g, " ");
}

const oneLine = (text: string) => text.replace(/\s+/g, " ");

interface Case {
  draft: MailDraft;
  kind: string;
  subject: string;
  /** Sentences and phrases a person reads, in both versions. */
  says: string[];
  /** Words that must not be there (money for engineers, the code in the subject…). */
  never?: string[];
  button: { label: string; href: string };
  dedupeKey?: string;
}

const statement = { month: "2026-11-01", usedMinutes: 1935, availableMinutes: 2400, includedMinutes: 2100, rolloverInMinutes: 300 };
const forecast = { credible: true, projectedMinutes: 3300, elapsedDays: 20, daysInMonth: 30, runsOutOn: "2026-11-24", runsOutActual: false, projectedOverageCents: 112500 };
const alert = (over: Partial<Parameters<typeof usageAlertMail>[0]>) => usageAlertMail({
  to: "olivia@harbor.test", owner: true, clientId: CLIENT, clientName: "Harbor Analytics", currency: "USD", alert: "used_80", statement, forecast, ...over,
});
const payment = (over: Partial<Parameters<typeof paymentFailedMail>[0]>) => paymentFailedMail({
  to: "olivia@harbor.test", clientId: CLIENT, clientName: "Harbor Analytics", invoiceId: INVOICE, eventId: "evt_1",
  number: "INV-00004", totalCents: 416875, currency: "USD", payUrl: "https://invoice.stripe.com/i/acct_1/test_1", ...over,
});
const reminder = (over: Partial<Parameters<typeof invoiceReminderMail>[0]>) => invoiceReminderMail({
  to: "aroha@kiwifreight.test", billingContact: false, clientId: CLIENT, clientName: "Kiwi Freight Co.", invoiceId: INVOICE, rungDays: 7,
  number: "INV-00012", totalCents: 780000, currency: "NZD", dueDate: "2026-12-01", daysOverdue: 7, payUrl: null, contactEmail: "billing@rivera.test", ...over,
});
const hours = { label: "See November 2026's hours", href: `${PORTAL}/clients/${CLIENT}/hours` };

const CASES: Record<string, Case> = {
  "sign-in code": {
    draft: signInCodeMail({ to: "aroha@kiwifreight.test", code: "482913", ttlMinutes: 10 }),
    kind: "sign_in_code",
    subject: "Your sign-in code for Rivera Fractional Engineering",
    says: [
      "Your sign-in code",
      "Enter this code on the sign-in page:",
      "482913",
      "It works once and expires in 10 minutes.",
      "Someone asked for a sign-in code for aroha@kiwifreight.test. If it wasn't you, ignore this email: nobody can sign in without the code.",
    ],
    button: { label: "Open the sign-in page", href: `${PORTAL}/login` },
  },
  "invitation to a client, as owner": {
    draft: invitationMail({ to: "new@kiwifreight.test", clientName: "Kiwi Freight Co.", role: "owner", link: `${PORTAL}/invite/tok123`, inviter: "Sam Rivera", clientId: CLIENT }),
    kind: "invitation",
    subject: "Sam Rivera invited you to Kiwi Freight Co. on Rivera Fractional Engineering's client portal",
    says: [
      "Join Kiwi Freight Co.",
      "Sam Rivera invited you to join Kiwi Freight Co. as an owner.",
      "You'll see hours used, the roadmap and weekly updates, plus invoices.",
      "The link signs you in. It works once, for 7 days.",
      "Sam Rivera invited new@kiwifreight.test. If you weren't expecting it, ignore this email: nothing happens until the link is opened.",
    ],
    button: { label: "Accept the invitation", href: `${PORTAL}/invite/tok123` },
  },
  "invitation to a client, as member": {
    draft: invitationMail({ to: "new@kiwifreight.test", clientName: "Kiwi Freight Co.", role: "member", link: `${PORTAL}/invite/tok124`, inviter: "Sam Rivera", clientId: CLIENT }),
    kind: "invitation",
    subject: "Sam Rivera invited you to Kiwi Freight Co. on Rivera Fractional Engineering's client portal",
    says: ["Sam Rivera invited you to join Kiwi Freight Co. as a member.", "You'll see hours used, the roadmap and weekly updates."],
    never: ["invoices", "an owner"],
    button: { label: "Accept the invitation", href: `${PORTAL}/invite/tok124` },
  },
  "staff invitation, as admin": {
    draft: staffInvitationMail({ to: "lead@practice.test", role: "admin", link: `${PORTAL}/invite/tok455`, inviter: "Priya Shah" }),
    kind: "staff_invitation",
    subject: "Priya Shah invited you to join Rivera Fractional Engineering on its client portal",
    says: [
      "Join Rivera Fractional Engineering",
      "Priya Shah invited you to join Rivera Fractional Engineering as an admin.",
      "As an admin you'll see every client, billing, the practice settings and the staff list.",
      "The link signs you in. It works once, for 7 days.",
      "Priya Shah invited lead@practice.test. If you weren't expecting it, ignore this email: nothing happens until the link is opened.",
    ],
    button: { label: "Accept the invitation", href: `${PORTAL}/invite/tok455` },
  },
  "staff invitation, as engineer": {
    draft: staffInvitationMail({ to: "eng@practice.test", role: "engineer", link: `${PORTAL}/invite/tok456`, inviter: "Priya Shah" }),
    kind: "staff_invitation",
    subject: "Priya Shah invited you to join Rivera Fractional Engineering on its client portal",
    says: [
      "Priya Shah invited you to join Rivera Fractional Engineering as an engineer.",
      "As an engineer you'll log time and keep the roadmap and weekly updates of the clients you're assigned.",
    ],
    never: ["As an admin"],
    button: { label: "Accept the invitation", href: `${PORTAL}/invite/tok456` },
  },
  "weekly update published": {
    draft: updatePublishedMail({
      to: "aroha@kiwifreight.test", clientId: CLIENT, clientName: "Kiwi Freight Co.", updateId: UPDATE, weekStart: "2026-11-09",
      title: "ETA texts shipped", bodyMd: "The ETA texts went out to every customer.\n\n### Highlights\n- ETA texts: wired the send",
    }),
    kind: "update.published",
    subject: "Kiwi Freight Co.: ETA texts shipped",
    says: [
      "ETA texts shipped",
      "Kiwi Freight Co. · Week of November 9, 2026",
      "The ETA texts went out to every customer.",
      "Highlights",
      "ETA texts: wired the send",
      "You're a member of Kiwi Freight Co. in Rivera Fractional Engineering's client portal.",
    ],
    button: { label: "Read it in the portal", href: `${PORTAL}/clients/${CLIENT}/updates#u-${UPDATE}` },
    dedupeKey: `update:${UPDATE}:aroha@kiwifreight.test`,
  },
  "usage alert at 80%, to an owner": {
    draft: alert({}),
    kind: "alert.used_80",
    subject: "Harbor Analytics has used 80% of November 2026's hours",
    says: [
      "Harbor Analytics has used 80% of November 2026's hours.",
      "Used: 32h 15m of 40h available (35h included + 5h rolled over).",
      "Forecast for the month: 55h at the pace of the last 20 days; hours run out on November 24.",
      "At this pace, overage would be about $1,125.00.",
      "You own Harbor Analytics's account in Rivera Fractional Engineering's client portal.",
    ],
    button: hours,
    dedupeKey: `alert:${CLIENT}:2026-11-01:used_80:olivia@harbor.test`,
  },
  "usage alert at 100%, to an engineer": {
    draft: alert({ to: "sam@practice.test", owner: false, alert: "used_100", statement: { ...statement, usedMinutes: 2430, rolloverInMinutes: 0, availableMinutes: 2100 }, forecast: { ...forecast, runsOutOn: "2026-11-19", runsOutActual: true } }),
    kind: "alert.used_100",
    subject: "Harbor Analytics has used all of November 2026's hours",
    says: [
      "Used: 40h 30m of 35h available (35h included).",
      "Forecast for the month: 55h at the pace of the last 20 days; hours ran out on November 19.",
      "You work on Harbor Analytics's account in Rivera Fractional Engineering's client portal.",
    ],
    never: ["$", "overage", "rolled over"],
    button: hours,
  },
  "usage alert, forecast over": {
    draft: alert({ alert: "forecast_over" }),
    kind: "alert.forecast_over",
    subject: "Harbor Analytics is on pace to go over November 2026's hours",
    says: ["Harbor Analytics is on pace to go over November 2026's hours.", "At this pace, overage would be about $1,125.00."],
    button: hours,
  },
  "usage alert, gone over before a credible forecast": {
    draft: alert({ alert: "forecast_over", statement: { ...statement, usedMinutes: 2500 }, forecast: { ...forecast, credible: false, elapsedDays: 3, runsOutOn: "2026-11-03", runsOutActual: true } }),
    kind: "alert.forecast_over",
    subject: "Harbor Analytics has gone over November 2026's hours",
    says: ["Used: 41h 40m of 40h available (35h included + 5h rolled over).", "Too early in the month to forecast; hours ran out on November 3."],
    never: ["Forecast for the month", "$"],
    button: hours,
  },
  "payment failed, with Stripe's page": {
    draft: payment({}),
    kind: "invoice.payment_failed",
    subject: "Harbor Analytics: payment of invoice INV-00004 failed",
    says: [
      "The payment of invoice INV-00004 failed",
      "The payment of $4,168.75 for invoice INV-00004 of Harbor Analytics did not go through.",
      `You can pay it with the button below. The invoice is also in the portal: ${PORTAL}/clients/${CLIENT}/invoices/${INVOICE}`,
      "You own Harbor Analytics's account in Rivera Fractional Engineering's client portal.",
    ],
    button: { label: "Pay the invoice", href: "https://invoice.stripe.com/i/acct_1/test_1" },
    dedupeKey: `payment_failed:${INVOICE}:evt_1:olivia@harbor.test`,
  },
  "payment failed, without a number or Stripe's page": {
    draft: payment({ number: null, payUrl: null, totalCents: 99, currency: "EUR" }),
    kind: "invoice.payment_failed",
    subject: "Harbor Analytics: payment of your invoice failed",
    says: ["The payment of your invoice failed", "for your invoice of Harbor Analytics did not go through.", "0.99", "You can pay it from the invoice's page in the portal."],
    never: ["button below", "$"],
    button: { label: "Open the invoice", href: `${PORTAL}/clients/${CLIENT}/invoices/${INVOICE}` },
  },
  "reminder of a local invoice, to an owner": {
    draft: reminder({}),
    kind: "invoice.reminder",
    subject: "Kiwi Freight Co.: invoice INV-00012 is 7 days overdue",
    says: [
      "Invoice INV-00012 is 7 days overdue",
      "Invoice INV-00012 of Kiwi Freight Co., for NZ$7,800.00, was due on December 1, 2026 and has not been paid yet.",
      `How to pay it is on the invoices page of the portal: ${PORTAL}/clients/${CLIENT}/invoices`,
      "If you have paid it in the last few days, thank you: there is nothing more to do.",
      "Questions about this invoice? Write to billing@rivera.test.",
      "You own Kiwi Freight Co.'s account in Rivera Fractional Engineering's client portal.",
    ],
    never: ["Reply to this email", "reply to this email"],
    button: { label: "See how to pay", href: `${PORTAL}/clients/${CLIENT}/invoices` },
    dedupeKey: `invoice_reminder:${INVOICE}:7:aroha@kiwifreight.test`,
  },
  "reminder of a Stripe invoice, late, to the billing contact, no practice email": {
    draft: reminder({ to: "ap@kiwifreight.test", billingContact: true, number: null, rungDays: 14, daysOverdue: 21, payUrl: "https://invoice.stripe.com/i/acct_1/test_2", contactEmail: "" }),
    kind: "invoice.reminder",
    subject: "Kiwi Freight Co.: your invoice is 21 days overdue",
    says: ["Your invoice is 21 days overdue", "You can pay it online with the button below.", "This address is Kiwi Freight Co.'s billing contact in Rivera Fractional Engineering's client portal."],
    never: ["Questions about this invoice", "Reply to this email", "How to pay it"],
    button: { label: "Pay the invoice", href: "https://invoice.stripe.com/i/acct_1/test_2" },
    dedupeKey: `invoice_reminder:${INVOICE}:14:ap@kiwifreight.test`,
  },
};

const rendered = new Map<string, Promise<RenderedMail>>();
const mail = (name: string) => {
  if (!rendered.has(name)) rendered.set(name, renderMail(CASES[name].draft, ctx));
  return rendered.get(name)!;
};

describe.each(Object.keys(CASES))("the %s email", (name) => {
  const c = CASES[name];

  it("is queued as its kind, with its key", () => {
    expect(c.draft.kind).toBe(c.kind);
    if (c.dedupeKey) expect(c.draft.dedupeKey).toBe(c.dedupeKey);
  });

  it("has its subject", async () => {
    expect((await mail(name)).subject).toBe(c.subject);
  });

  it("says it in plain text, with the button's address beside its label", async () => {
    const text = oneLine((await mail(name)).text);
    for (const s of c.says) expect(text).toContain(s);
    for (const s of c.never ?? []) expect(text).not.toContain(s);
    expect(text).toContain(c.button.label);
    expect(text).toContain(c.button.href);
  });

  it("says it in HTML, with the button linking to its page", async () => {
    const { html } = await mail(name);
    const words = visible(html);
    for (const s of c.says) expect(words).toContain(s);
    for (const s of c.never ?? []) expect(words).not.toContain(s);
    const button = new RegExp(`<a[^>]*href="${c.button.href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>[\\s\\S]*?${c.button.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "(?:'|&#x27;)")}`);
    expect(html).toMatch(button);
  });
});
