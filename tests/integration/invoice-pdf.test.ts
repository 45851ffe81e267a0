// Invoice mail and PDFs (issue 27): a local close through the real close code issues the invoice, queues an
// email to the owners and the billing contact (each once) with the PDF attached, and the PDF's text, extracted
// with pdf-parse, says what the stored invoice says: number, every line and amount as formatted, the total, the
// due date, how to pay, and Japanese and Māori names in their own letters (the font covers them: no tofu).
// A Stripe close queues no such email (Stripe sends its own). The PDF views refuse what the pages refuse.
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { closeMonthTx } from "@/lib/billing/close";
import { asService, asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { loadViewer } from "@/lib/db/viewer";
import { seesMoney } from "@/lib/domain/access";
import { formatDate, formatMoney } from "@/lib/format";
import { deliverPending } from "@/lib/mail/send";
import type { ClientPage } from "@/lib/pages/access";
import { invoicePdfForMail, viewInvoicePdf, viewStatementPdf } from "@/lib/pages/pdf";
import { renderInvoicePdf } from "@/lib/pdf/invoice";
import { viewPrintInvoice } from "@/lib/pages/print-invoice";
import { addMember, admin, assignEngineer, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";
import { startSmtpDouble } from "../doubles/smtp";

const NOW = new Date("2031-02-03T00:00:00Z");
const DEC = "2030-12-01";
const JAN = "2031-01-01";
const CLIENT_NAME = "株式会社さくら Tāmaki Makaurau";
const ADDRESS = "12 Quay Street\nTāmaki Makaurau Auckland 1010";
const HOW_TO_PAY = "Bank transfer to Rivera Engineering Ltd\nAccount 12-3456-7890123-00\nReference: 消費税 included";

let saved: { settings: Record<string, unknown>; instructions: { currency: string | null; body: string }[] };
let smtp: Awaited<ReturnType<typeof startSmtpDouble>>;
let client: string;
let stripeClient: string;
let owner: TestUser, owner2: TestUser, member: TestUser, stranger: TestUser, eng: TestUser;
let billingEmail: string;
const invoices: Record<string, string> = {};

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}
async function accessAs(user: TestUser, clientId: string): Promise<ClientPage> {
  const { claims, viewer } = await session(user);
  const { client: c, isStaff, dataVersion } = await asUser(claims, (tx) => getClientAccess(tx, { clientId }).then((row) => row!));
  const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
  return { claims, viewer, client: c, isStaff, memberRole, dataVersion, seesMoney: seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff }) };
}
const notFound404 = { digest: expect.stringContaining("404") };

/** The PDF's text as a reader's copy-paste gets it, whitespace collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}
const flat = (s: string) => s.replace(/\s+/g, " ");

async function billableClient(name: string, currency: string, zone: string) {
  const id = await createClient({ name, currency, timezone: zone });
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour,
      overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months)
    values (${id}, ${DEC}, 1200, 400000, 22500, 15, 600, 2)`;
  await assignEngineer(id, eng);
  // December: 18h of 20h, so 2h roll over; January: 23h 20m of 22h available, 80m over, billed as 90m.
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category) values
    (${id}, ${eng.id}, '2030-12-10', 1080, 'Kaupapa Māori data model', 'build'),
    (${id}, ${eng.id}, '2031-01-12', 1400, '請求書のテンプレート', 'build')`;
  return id;
}

beforeAll(async () => {
  smtp = await startSmtpDouble();
  saved = {
    settings: (await admin`select name, address, invoice_email, days_until_due, invoice_footer from public.practice_settings`)[0],
    instructions: await admin<{ currency: string | null; body: string }[]>`select currency, body from public.payment_instructions`,
  };
  await admin`update public.practice_settings set name = 'Rivera Engineering', address = ${ADDRESS}, invoice_email = 'billing@rivera.test',
    days_until_due = 14, invoice_footer = 'Thank you. ありがとうございます。'`;
  await admin`insert into public.payment_instructions (currency, body) values ('NZD', ${HOW_TO_PAY})
    on conflict (currency) do update set body = excluded.body`;

  eng = await createStaff("eng-pdf", "engineer");
  [owner, owner2, member, stranger] = await Promise.all([createUser("owner-pdf"), createUser("owner2-pdf"), createUser("member-pdf"), createUser("stranger-pdf")]);
  client = await billableClient(CLIENT_NAME, "NZD", "Pacific/Auckland");
  billingEmail = `Accounts-${client.slice(0, 8)}@test.local`;
  // The second owner's address is also given as the billing contact, in other case: one email to it.
  await admin`update public.clients set billing_email = ${owner2.email.toUpperCase()} where id = ${client}`;
  await addMember(client, owner, "owner");
  await addMember(client, owner2, "owner");
  await addMember(client, member, "member");
  stripeClient = await billableClient("Harbor & Pine (Stripe)", "USD", "America/Los_Angeles");
  await addMember(stripeClient, stranger, "owner");
  await admin`update public.clients set billing_email = ${billingEmail} where id = ${stripeClient}`;

  for (const month of [DEC, JAN]) {
    const r = await asService((tx) => closeMonthTx(tx, client, month, { actorId: null, now: NOW, invoicing: "local" }));
    expect(r.outcome).toBe("closed");
    invoices[month] = r.invoiceId!;
  }
  const s = await asService((tx) => closeMonthTx(tx, stripeClient, JAN, { actorId: null, now: NOW, invoicing: "stripe" }));
  invoices.stripe = s.invoiceId!;
});

afterAll(async () => {
  const s = saved.settings as { name: string; address: string; invoice_email: string; days_until_due: number; invoice_footer: string };
  await admin`update public.practice_settings set name = ${s.name}, address = ${s.address}, invoice_email = ${s.invoice_email},
    days_until_due = ${s.days_until_due}, invoice_footer = ${s.invoice_footer}`;
  await admin`delete from public.payment_instructions where true`;
  if (saved.instructions.length) await admin`insert into public.payment_instructions ${admin(saved.instructions, "currency", "body")}`;
  await smtp.close();
});

describe("the invoice PDF", () => {
  it("says what the stored invoice says: number, lines and amounts, total, due date, how to pay, hours with rollover", async () => {
    const [inv] = await admin<{ number: string; total_cents: number; due_date: string; currency: string }[]>`
      select number, total_cents, to_char(due_date, 'YYYY-MM-DD') as due_date, currency from public.invoices where id = ${invoices[JAN]}`;
    const lines = await admin<{ description: string; amount_cents: number }[]>`
      select description, amount_cents from public.invoice_lines where invoice_id = ${invoices[JAN]} order by position`;
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(Number(inv.total_cents)).toBe(400000 + 33750); // 90 billed minutes at 225.00/h

    const { filename, pdf } = await viewInvoicePdf(await accessAs(owner, client), invoices[JAN]);
    expect(filename).toBe(`${inv.number}.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf);
    expect(text).toContain(inv.number);
    for (const l of lines) {
      expect(text).toContain(l.description);
      expect(text).toContain(formatMoney(l.amount_cents, inv.currency));
    }
    expect(text).toContain(`Total due (NZD) ${formatMoney(Number(inv.total_cents), "NZD")}`);
    expect(text).toContain(formatMoney(433750, "NZD"));
    expect(text).toContain(`Please pay by ${formatDate(inv.due_date)}.`);
    expect(text).toContain("1–31 January 2031"); // the supply period
    expect(text).toContain(flat(HOW_TO_PAY));
    // The hours add up on paper: 2h rolled in from December, 80m over billed as 90m.
    expect(text).toMatch(/Rolled over in .*2h/);
    expect(text).toContain("Billed as 1h 30m");
    // Japanese and macrons come out as themselves (the font has them; a missing glyph extracts as nothing).
    expect(text).toContain(CLIENT_NAME);
    expect(text).toContain("Tāmaki Makaurau Auckland 1010");
    expect(text).toContain("消費税");
    expect(text).toContain("ありがとうございます");
  });

  it("renders a 40-line invoice across pages, every amount on it, in well under a second", async () => {
    const view = await viewPrintInvoice(await session(owner), invoices[JAN]);
    const lines = Array.from({ length: 40 }, (_, i) => ({
      ...view.lines[0], id: `l${i}`, position: i, kind: "adjustment" as const, amountCents: -(i + 1) * 125,
      description: `Adjustment ${i + 1}: a correction recorded after the month was invoiced, long enough to wrap onto a second line in its column`,
    }));
    await renderInvoicePdf(view); // the first render of a process parses the fonts once
    const started = performance.now();
    const pdf = await renderInvoicePdf({ ...view, lines });
    const ms = performance.now() - started;
    const text = await pdfText(pdf);
    for (const l of lines) expect(text).toContain(formatMoney(l.amountCents, "NZD"));
    expect(text).toContain("Adjustment 40:");
    expect(text).toMatch(/page 1 of [2-9]/);
    expect(ms).toBeLessThan(1500);
    console.info(`40-line invoice: ${pdf.length} bytes, ${ms.toFixed(0)} ms`);
    expect(pdf.length).toBeLessThan(200_000); // the font is subset: a few dozen kB, not 5 MB
  });

  it("is refused as the invoice page refuses: a member, another client's owner, another client's invoice under this client", async () => {
    await expect(viewInvoicePdf(await accessAs(member, client), invoices[JAN])).rejects.toMatchObject(notFound404);
    // An owner of both clients, naming the Stripe client's invoice under this client's URL.
    await addMember(stripeClient, owner, "owner");
    await expect(viewInvoicePdf(await accessAs(owner, client), invoices.stripe)).rejects.toMatchObject(notFound404);
    await expect(viewInvoicePdf(await accessAs(stranger, stripeClient), invoices[JAN])).rejects.toMatchObject(notFound404);
    await expect(viewInvoicePdf(await accessAs(owner, client), "not-an-id")).rejects.toMatchObject(notFound404);
  });
});

describe("the statement PDF", () => {
  it("prints the month's hours and, for an owner, what it was invoiced", async () => {
    const { filename, pdf } = await viewStatementPdf(await accessAs(owner, client), "2031-01", NOW);
    expect(filename).toMatch(/-statement-2031-01\.pdf$/);
    const text = await pdfText(pdf);
    expect(text).toContain("Statement");
    expect(text).toContain("January 2031");
    expect(text).toContain(CLIENT_NAME);
    expect(text).toMatch(/Rolled over in 2h/);
    expect(text).toMatch(/Overage billed 1h 20m over, rounded up 1h 30m/);
    expect(text).toContain(`Total invoiced (NZD) ${formatMoney(433750, "NZD")}`);
  });

  it("shows a member the hours without any amount, as the statements page does; 404 for a month without a statement", async () => {
    const text = await pdfText((await viewStatementPdf(await accessAs(member, client), "2031-01", NOW)).pdf);
    expect(text).toMatch(/Used 23h 20m/);
    expect(text).not.toMatch(/NZ\$|Total/);
    await expect(viewStatementPdf(await accessAs(owner, client), "2029-01", NOW)).rejects.toMatchObject(notFound404);
    await expect(viewStatementPdf(await accessAs(owner, client), "2031-13", NOW)).rejects.toMatchObject(notFound404);
  });
});

describe("the issue email", () => {
  it("is queued by the local close for each owner and the billing contact once, and none for the Stripe close", async () => {
    const rows = await admin<{ to_email: string; attach_invoice_id: string; kind: string }[]>`
      select to_email, attach_invoice_id, kind from public.outbox where client_id = ${client} and kind = 'invoice.issued' and attach_invoice_id = ${invoices[JAN]}`;
    expect(rows.map((r) => r.to_email).sort()).toEqual([owner.email, owner2.email].map((e) => e.toLowerCase()).sort());
    const stripeRows = await admin`select 1 from public.outbox where client_id = ${stripeClient}`;
    expect(stripeRows.length).toBe(0);
  });

  it("goes to the billing contact too when it is an address of its own", async () => {
    await admin`update public.clients set billing_email = ${billingEmail} where id = ${client}`;
    const feb = await billableClient("Kiwi Co-op Ōtautahi", "NZD", "Pacific/Auckland");
    await admin`update public.clients set billing_email = ${billingEmail} where id = ${feb}`;
    await addMember(feb, owner, "owner");
    const r = await asService((tx) => closeMonthTx(tx, feb, DEC, { actorId: null, now: NOW, invoicing: "local" }));
    const to = await admin<{ to_email: string }[]>`select to_email from public.outbox where attach_invoice_id = ${r.invoiceId} order by to_email`;
    expect(to.map((t) => t.to_email).sort()).toEqual([billingEmail.toLowerCase(), owner.email.toLowerCase()].sort());
  });

  it("arrives over SMTP with the invoice's PDF attached (application/pdf, named by its number), rendered from the stored invoice", async () => {
    await deliverPending({ smtpUrl: smtp.url, from: "Rivera Engineering <no-reply@test.local>", limit: 1000 });
    const mail = smtp.received.find((m) => m.to.includes(owner.email.toLowerCase()) && m.raw.includes("January 2031"));
    expect(mail).toBeDefined();
    const [{ number }] = await admin<{ number: string }[]>`select number from public.invoices where id = ${invoices[JAN]}`;
    const part = mail!.raw.split(/\r?\n--/).find((p) => /Content-Type: application\/pdf/i.test(p));
    expect(part).toBeDefined();
    const headers = part!.slice(0, part!.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
    expect(headers).toMatch(new RegExp(`filename="?${number}\\.pdf"?`));
    expect(headers).toMatch(/Content-Disposition: attachment/i);
    const pdf = Buffer.from(part!.slice(part!.search(/\r?\n\r?\n/)).replace(/\s+/g, ""), "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf);
    expect(text).toContain(number);
    expect(text).toContain(CLIENT_NAME);
    expect(text).toContain(formatMoney(433750, "NZD"));
    // The same document the owner downloads.
    expect(text).toBe(await pdfText((await invoicePdfForMail(invoices[JAN])).pdf));
    const [sent] = await admin<{ status: string }[]>`select status from public.outbox where to_email = ${owner.email.toLowerCase()} and attach_invoice_id = ${invoices[JAN]}`;
    expect(sent.status).toBe("sent");
  });
});
