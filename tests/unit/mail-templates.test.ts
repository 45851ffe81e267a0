// The email template set (issue 28, item 12): every kind renders HTML and plain text from one template, with
// the practice's name, an absolute link to its page and a link to the person's email preferences; people's
// words are escaped; Markdown becomes HTML and clean text; no subject carries a sign-in code.
// MAIL_PREVIEW_DIR=<dir> also writes each rendered email there (for screenshots: tests/support/mail-screens.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMail, type RenderedMail } from "@/lib/mail/render";
import {
  digestMail, noticeMail, extraHoursDecidedMail, extraHoursRequestedMail, invitationMail, invoiceIssuedMail, invoiceReminderMail, paymentFailedMail, signInCodeMail, twoStepChangedMail,
  staffInvitationMail, updatePublishedMail, usageAlertMail, type MailContext, type MailDraft,
} from "@/lib/mail/templates";
import { EMAIL_PREFERENCES_PATH } from "@/lib/mail/layout";

const ctx: MailContext = { practiceName: "Rivera Fractional Engineering", appUrl: "https://portal.example.com" };
const CLIENT = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a001";
const UPDATE = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a002";
const INVOICE = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a003";
const REQUEST = "7b0f1c52-5a43-4a39-9b57-3c1c4bd0a004";

// What the template draft writes (lib/updates/render.ts): headings, bold figures, lists.
const UPDATE_MD = [
  "This week's work focused on the ETA texts and the carrier sync.",
  "",
  "### Highlights",
  "- ETA texts: wrote the template; wired the send",
  "- Carrier sync: retried failed webhooks",
  "",
  "### By the numbers",
  "- **9h 30m** of work this week (8h billable)",
  "- Shipped: **ETA texts** on Nov 12",
  "- November 2026 so far: 22h 15m of 40h used",
  "",
  "See [the hours](/clients/x/hours) or [a stranger's site](https://evil.example/).",
].join("\n");

const statement = { month: "2026-11-01", usedMinutes: 2430, availableMinutes: 2400, includedMinutes: 2100, rolloverInMinutes: 300 };
const forecast = { credible: true, projectedMinutes: 3300, elapsedDays: 20, daysInMonth: 30, runsOutOn: "2026-11-19", runsOutActual: true, projectedOverageCents: 112500 };

/** One draft of every kind the portal sends. */
const KINDS: Record<string, MailDraft> = {
  sign_in_code: signInCodeMail({ to: "aroha@kiwifreight.test", code: "482913", ttlMinutes: 10 }),
  two_step_changed: twoStepChangedMail({ to: "priya@practice.test", change: "reset", by: "Sam Rivera" }),
  invitation: invitationMail({ to: "new@kiwifreight.test", clientName: "Kiwi Freight Co.", role: "owner", link: "https://portal.example.com/invite/tok123", inviter: "Sam Rivera", clientId: CLIENT }),
  staff_invitation: staffInvitationMail({ to: "eng@practice.test", role: "engineer", link: "https://portal.example.com/invite/tok456", inviter: "Priya Shah" }),
  "update.published": updatePublishedMail({ to: "aroha@kiwifreight.test", clientId: CLIENT, clientName: "Kiwi Freight Co.", updateId: UPDATE, weekStart: "2026-11-09", title: "ETA texts shipped", bodyMd: UPDATE_MD }),
  "alert.used_100": usageAlertMail({ to: "olivia@harbor.test", owner: true, clientId: CLIENT, clientName: "Harbor Analytics", currency: "USD", alert: "used_100", statement, forecast }),
  "invoice.reminder": invoiceReminderMail({ to: "aroha@kiwi.test", billingContact: false, clientId: CLIENT, clientName: "Kiwi Freight", invoiceId: INVOICE, rungDays: 3, number: "INV-00012", totalCents: 780000, currency: "NZD", dueDate: "2026-12-01", daysOverdue: 3, payUrl: null, contactEmail: "" }),
  "invoice.payment_failed": paymentFailedMail({ to: "olivia@harbor.test", clientId: CLIENT, clientName: "Harbor Analytics", invoiceId: INVOICE, eventId: "evt_1", number: "INV-00004", totalCents: 416875, currency: "USD", payUrl: "https://invoice.stripe.com/i/acct_1/test_1" }),
  "invoice.issued": invoiceIssuedMail({ to: "aroha@kiwi.test", owner: true, clientId: CLIENT, clientName: "Kiwi Freight Co.", invoiceId: INVOICE, number: "INV-00012", month: "2026-11-01", totalCents: 433750, currency: "NZD", dueDate: "2026-12-15", paid: false }),
  "extra_hours.requested": extraHoursRequestedMail({
    to: "aroha@kiwi.test", clientId: CLIENT, clientName: "Kiwi Freight Co.", requestId: REQUEST, month: "2026-11-01", minutes: 1200,
    reason: "Customs API cut-over before the peak & the audit", price: { quotedCents: 400000 }, currency: "NZD", requestedBy: "Priya Shah",
    links: { approve: `/clients/${CLIENT}/extra-hours/decide?r=${REQUEST}&d=approve&e=1&t=sig`, decline: `/clients/${CLIENT}/extra-hours/decide?r=${REQUEST}&d=decline&e=1&t=sig` },
  }),
  "roadmap.commented": noticeMail({
    to: "olivia@harbor.test", clientId: CLIENT, clientName: "Harbor Analytics", kind: "roadmap.commented", key: "comment:1",
    title: "Sam Rivera commented on “Loyalty export”", body: "Yes: a CSV on the 1st of each month.", href: `/clients/${CLIENT}/roadmap/${REQUEST}#comments`,
  }),
  "notifications.digest": digestMail({
    to: "olivia@harbor.test", userId: REQUEST, day: "2026-11-19", items: [
      { clientName: "Harbor Analytics", title: "Sam Rivera commented on “Loyalty export”", body: "Yes, monthly.", href: `/clients/${CLIENT}/roadmap/${REQUEST}` },
      { clientName: "Kiwi Freight Co.", title: "Invoice INV-00012 for November 2026 is issued: NZ$4,337.50", body: "", href: `/clients/${CLIENT}/invoices/${INVOICE}` },
    ],
  }),
  "extra_hours.approved": extraHoursDecidedMail({
    to: "priya@practice.test", clientId: CLIENT, clientName: "Kiwi Freight Co.", requestId: REQUEST, month: "2026-11-01", minutes: 1200, approved: true,
    decidedBy: "Aroha Ngata", poNumber: "PO-2291", note: null,
  }),
};

const rendered = new Map<string, RenderedMail>();
async function mail(kind: string): Promise<RenderedMail> {
  if (!rendered.has(kind)) rendered.set(kind, await renderMail(KINDS[kind], ctx));
  return rendered.get(kind)!;
}

/** The page each kind links to. */
const PAGE: Record<string, string> = {
  sign_in_code: "https://portal.example.com/login",
  two_step_changed: "https://portal.example.com/account#two-step",
  invitation: "https://portal.example.com/invite/tok123",
  staff_invitation: "https://portal.example.com/invite/tok456",
  "update.published": `https://portal.example.com/clients/${CLIENT}/updates#u-${UPDATE}`,
  "alert.used_100": `https://portal.example.com/clients/${CLIENT}/hours`,
  "invoice.payment_failed": "https://invoice.stripe.com/i/acct_1/test_1",
  "invoice.reminder": `https://portal.example.com/clients/${CLIENT}/invoices`,
  "invoice.issued": `https://portal.example.com/clients/${CLIENT}/invoices`,
  "extra_hours.requested": `https://portal.example.com/clients/${CLIENT}/extra-hours#r-${REQUEST}`,
  "extra_hours.approved": `https://portal.example.com/clients/${CLIENT}/extra-hours#r-${REQUEST}`,
  "roadmap.commented": `https://portal.example.com/clients/${CLIENT}/roadmap/${REQUEST}#comments`,
  "notifications.digest": "https://portal.example.com/inbox",
};

const MARKDOWN_MARKERS = /###|\*\*|^#|\]\(/m;

describe.each(Object.keys(KINDS))("the %s email", (kind) => {
  it("is a whole HTML document with the practice's name, a button to its page and the preferences link", async () => {
    const { html } = await mail(kind);
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain(ctx.practiceName);
    expect(html).toContain(`href="${PAGE[kind]}"`);
    expect(html).toContain(`href="${ctx.appUrl}${EMAIL_PREFERENCES_PATH}"`);
    expect(html).toContain(">Email preferences<");
  });

  it("has a plain-text version with the same link and no Markdown or HTML", async () => {
    const { text } = await mail(kind);
    expect(text).toContain(ctx.practiceName);
    expect(text).toContain(PAGE[kind]);
    expect(text).toContain(`Email preferences ${ctx.appUrl}${EMAIL_PREFERENCES_PATH}`);
    expect(text).not.toMatch(MARKDOWN_MARKERS);
    expect(text).not.toMatch(/<[a-z!/]/i);
  });

  it("has a one-line subject without a six-digit code", async () => {
    const { subject } = await mail(kind);
    expect(subject).not.toMatch(/\d{6}/);
    expect(subject).not.toMatch(/\n/);
    expect(subject.length).toBeGreaterThan(10);
  });
});

describe("the extra hours emails", () => {
  it("ask the owner with the hours, the month, the reason (escaped in HTML) and the quoted price", async () => {
    const m = await mail("extra_hours.requested");
    expect(m.subject).toBe("Kiwi Freight Co.: approve 20h of extra hours in November 2026?");
    expect(m.text).toContain("Priya Shah asks for 20h beyond what November 2026 already allows:");
    expect(m.text).toContain("Customs API cut-over before the peak & the audit");
    expect(m.html).toContain("Customs API cut-over before the peak &amp; the audit");
    expect(m.text).toContain("NZ$4,000.00 for the 20h, quoted (billed for the part used)");
    expect(m.text).toContain("Nothing changes until an owner approves.");
  });

  it("tell whoever asked what the owner decided, with the PO number", async () => {
    const m = await mail("extra_hours.approved");
    expect(m.subject).toBe("Kiwi Freight Co. approved 20h of extra hours in November 2026");
    expect(m.text).toContain("November 2026's ceiling is 20h higher");
    expect(m.text).toContain("PO number: PO-2291");
  });
});

describe("the sign-in code email", () => {
  it("names the practice in the subject and keeps the code in the body only", async () => {
    const m = await mail("sign_in_code");
    expect(m.subject).toBe("Your sign-in code for Rivera Fractional Engineering");
    expect(m.text).toMatch(/^482913$/m); // alone on its line, where tests and people find it
    expect(m.html).toContain(">482913<");
    // The preview line shows on lock screens too.
    const preview = /<div[^>]*data-skip-in-text[^>]*>([^<]*)/.exec(m.html)![1];
    expect(preview).toContain("Rivera Fractional Engineering");
    expect(preview).not.toContain("482913");
  });
});

describe("the weekly update email", () => {
  it("renders the Markdown as HTML: headings, bold figures, lists", async () => {
    const { html } = await mail("update.published");
    expect(html).toMatch(/<h3[^>]*>Highlights<\/h3>/);
    expect(html).toMatch(/<strong[^>]*>9h 30m<\/strong>/);
    expect(html).toMatch(/<li[^>]*>ETA texts: wrote the template; wired the send<\/li>/);
    expect(html).not.toContain("###");
    expect(html).not.toContain("**");
  });

  it("reads as clean text", async () => {
    const { text } = await mail("update.published");
    expect(text).toMatch(/^Highlights$/m);
    expect(text).toContain("- 9h 30m of work this week (8h billable)");
    expect(text).toContain("- Shipped: ETA texts on Nov 12");
  });

  it("makes portal links absolute and leaves other links as plain words, as the page does", async () => {
    const { html, text } = await mail("update.published");
    expect(html).toContain('href="https://portal.example.com/clients/x/hours"');
    expect(html).not.toContain("evil.example");
    expect(text).toContain("a stranger's site.");
    expect(text).not.toContain("evil.example");
  });
});

describe("the usage alert", () => {
  it("states the figures and tells owners the projected overage", async () => {
    const { subject, text } = await mail("alert.used_100");
    expect(subject).toBe("Harbor Analytics has used all of November 2026's hours");
    expect(text).toContain("Used: 40h 30m of 40h available (35h included + 5h rolled over).");
    expect(text).toContain("Forecast for the month: 55h at the pace of the last 20 days; hours ran out on November 19.");
    expect(text).toContain("At this pace, overage would be about $1,125.00.");
  });

  it("never shows money to an engineer", async () => {
    const m = await renderMail(usageAlertMail({ to: "sam@practice.test", owner: false, clientId: CLIENT, clientName: "Harbor Analytics", currency: "USD", alert: "used_100", statement, forecast }), ctx);
    expect(m.text).not.toContain("$");
  });
});

describe("people's words", () => {
  const SCRIPT = `<script>alert("x")</script>`;
  const IMG = `<img src=x onerror="alert(1)">`;

  it("are escaped in a client name, in the HTML and the subject stays text", async () => {
    const m = await renderMail(invitationMail({ to: "a@b.test", clientName: `Acme ${SCRIPT}${IMG}`, role: "member", link: "https://portal.example.com/invite/t", inviter: `Eve ${IMG}`, clientId: CLIENT }), ctx);
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toMatch(/<img/i);
    expect(m.html).toContain("&lt;script&gt;");
    expect(m.html).toContain("&lt;img src=x onerror=");
    expect(m.subject).toContain(`Acme ${SCRIPT}`); // a subject is plain text: shown, never run
  });

  it("are escaped in an update's title and highlights; raw HTML in Markdown is dropped", async () => {
    const m = await renderMail(updatePublishedMail({
      to: "a@b.test", clientId: CLIENT, clientName: `Kiwi ${SCRIPT}`, updateId: UPDATE, weekStart: "2026-11-09",
      title: `Week ${IMG}`, bodyMd: `### Highlights\n- ${IMG} shipped\n- ${SCRIPT}\n- <b onmouseover="x">bold</b>\n- [click](javascript:alert(1))`,
    }), ctx);
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toMatch(/<img/i);
    expect(m.html).not.toMatch(/<[^>]*\son(error|mouseover)=/i); // as an attribute; as escaped text it is harmless
    expect(m.html).not.toContain("javascript:");
    expect(m.html).toContain("Week &lt;img src=x onerror=");
    expect(m.html).toContain("Kiwi &lt;script&gt;");
  });

  it("are escaped in the practice's own name", async () => {
    const m = await renderMail(signInCodeMail({ to: "a@b.test", code: "111111", ttlMinutes: 10 }), { ...ctx, practiceName: `Evil ${SCRIPT}` });
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("Evil &lt;script&gt;");
  });
});

describe("previews for screenshots", () => {
  it.runIf(process.env.MAIL_PREVIEW_DIR)("writes every kind to MAIL_PREVIEW_DIR", async () => {
    const dir = process.env.MAIL_PREVIEW_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    for (const kind of Object.keys(KINDS)) {
      const m = await mail(kind);
      fs.writeFileSync(path.join(dir, `${kind}.html`), m.html);
      fs.writeFileSync(path.join(dir, `${kind}.txt`), `Subject: ${m.subject}\n\n${m.text}\n`);
    }
  });
});

describe("the invoice issued email", () => {
  it("names the invoice, its amount and due date, says the PDF is attached, and asks the sender to attach it", async () => {
    const m = await mail("invoice.issued");
    expect(m.subject).toBe("Kiwi Freight Co.: invoice INV-00012 for November 2026");
    expect(m.text).toContain("issued invoice INV-00012 to Kiwi Freight Co. for November 2026: NZ$4,337.50, due December 15, 2026.");
    expect(m.text).toContain("The invoice is attached as a PDF");
    expect(KINDS["invoice.issued"].attachInvoiceId).toBe(INVOICE);
  });
});
