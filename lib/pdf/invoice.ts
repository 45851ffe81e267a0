// An invoice as a PDF, drawn from the same view data as the printed invoice page (lib/pages/print-invoice:
// viewPrintInvoice), so the two never say different things: the practice's details, the bill-to block, number,
// issue and due dates, the supply period, the lines, the totals, the hours with rollover in and out, how to pay
// (or Stripe's pay link) and the footer. Pure: view data in, PDF bytes out.
//
// The totals are rows (invoiceTotals): net, tax per rate and gross slot in as more rows, drawn by the same block.
import { formatDate, formatInstant, formatMinutes, formatMoney } from "@/lib/format";
import type { PrintInvoiceView } from "@/lib/pages/print-invoice";
import { printedLine } from "@/lib/pages/print-invoice";
import {
  box, contentWidth, ensureSpace, figures, finish, hr, INK, label, MARGIN, MUTED, newDocument, paperFor, safeFilename, table, type Doc, type FigureRow,
} from "@/lib/pdf/document";

type Line = PrintInvoiceView["lines"][number];
/** The printed invoice's view data (its lines as a plain list). */
export type InvoicePdfView = Omit<PrintInvoiceView, "lines"> & { lines: readonly Line[] };

/** The invoice's totals block, top to bottom; the last row is what is due. */
export function invoiceTotals(view: InvoicePdfView): FigureRow[] {
  const { invoice, totals } = view;
  const money = (c: number) => formatMoney(c, invoice.currency);
  return [
    ...totals.rows.map((r) => ({ label: r.label, value: money(r.cents) })),
    { label: `Total due (${invoice.currency})`, value: money(totals.totalCents), strong: true },
  ];
}

/** The file name of an invoice's PDF: its number ("INV-00012.pdf"), else its month. */
export const invoicePdfFilename = (view: Pick<PrintInvoiceView, "invoice">) =>
  safeFilename(view.invoice.number ?? `invoice-${view.invoice.month.slice(0, 7)}`, "invoice");

/** What "How to pay" says when the practice listed no instructions (the page's HowToPayText, in words). */
function contactText(h: { practiceName: string; email: string }, number: string | null): string {
  const quoting = number ? `, quoting invoice ${number}` : "";
  return h.email
    ? `${h.practiceName} has not listed payment details yet. Write to ${h.email} to ask how to pay${quoting}.`
    : `${h.practiceName} has not listed payment details yet. Contact them to ask how to pay${quoting}.`;
}

export async function renderInvoicePdf(view: InvoicePdfView): Promise<Buffer> {
  const { invoice, client, lines, practice, parties, totals, supplyPeriod, hours, howToPay, payUrl } = view;
  const money = (c: number) => formatMoney(c, invoice.currency);
  const doc = newDocument({
    title: `Invoice ${invoice.number ?? ""} · ${client.name}`.trim(), author: practice.name, createdAt: invoice.issuedAt, size: paperFor(invoice.currency),
  });
  const width = contentWidth(doc);

  // Header: the practice at the left; "Invoice", its number and dates at the right.
  const top = doc.y;
  const rightWidth = 200;
  const leftWidth = width - rightWidth - 20;
  doc.font("bold").fontSize(15).text(practice.name, MARGIN, top, { width: leftWidth });
  doc.font("regular").fontSize(9).fillColor(MUTED);
  if (parties.seller.name !== practice.name) doc.text(parties.seller.name, { width: leftWidth });
  for (const line of parties.seller.lines) doc.text(line, { width: leftWidth });
  if (practice.invoiceEmail) doc.text(practice.invoiceEmail, { width: leftWidth });
  if (parties.seller.taxNumber) doc.text(parties.seller.taxNumber, { width: leftWidth });
  const leftBottom = doc.y;
  const rx = MARGIN + width - rightWidth;
  doc.font("bold").fontSize(22).fillColor(INK).text("Invoice", rx, top, { width: rightWidth, align: "right" });
  let y = doc.y + 4;
  const meta: [string, string, boolean][] = [
    ["Number", invoice.number ?? "—", true],
    ["Issued", invoice.issuedAt ? formatInstant(invoice.issuedAt, client.timezone, { dateStyle: "medium" }) : "—", false],
    ["Due", invoice.dueDate ? formatDate(invoice.dueDate) : "—", true],
  ];
  for (const [k, v, strong] of meta) {
    // Label and value side by side at the right, a gap between them (they never run together).
    doc.font("regular").fontSize(9).fillColor(MUTED).text(k, rx + rightWidth - 150, y, { width: 50 });
    doc.font(strong ? "bold" : "regular").fillColor(INK).text(v, rx + rightWidth - 100, y, { width: 100, align: "right" });
    y = doc.y + 1;
  }
  doc.y = Math.max(leftBottom, y) + 12;
  hr(doc, doc.y);
  doc.y += 14;

  // Bill to, and the supply period.
  const blockTop = doc.y;
  label(doc, "Bill to", MARGIN, blockTop);
  doc.font("bold").fontSize(10).text(parties.buyer.name, MARGIN, blockTop + 12, { width: leftWidth });
  doc.font("regular").fontSize(9).fillColor(MUTED);
  for (const line of parties.buyer.lines) doc.text(line, { width: leftWidth });
  if (client.billingEmail) doc.text(client.billingEmail, { width: leftWidth });
  if (parties.buyer.taxNumber) doc.text(parties.buyer.taxNumber, { width: leftWidth });
  doc.fillColor(INK);
  const billBottom = doc.y;
  label(doc, "Supply period", rx, blockTop, { width: rightWidth, align: "right" });
  doc.font("bold").fontSize(10).fillColor(INK).text(supplyPeriod, rx, blockTop + 12, { width: rightWidth, align: "right" });
  doc.y = Math.max(billBottom, doc.y) + 22;

  // The lines.
  table<Line>(doc, [
    { header: "Description", width: "flex", text: (l) => l.description },
    { header: "Quantity", width: 90, align: "right", text: (l) => printedLine(l, invoice.currency).quantity },
    { header: "Rate", width: 80, align: "right", text: (l) => printedLine(l, invoice.currency).rate },
    { header: "Amount", width: 90, align: "right", text: (l) => money(l.amountCents) },
  ], [...lines]);

  // The totals, then whether and by when to pay.
  doc.y += 2;
  figures(doc, invoiceTotals(view), { width: 300, align: "right" });
  if (totals.note) doc.font("bold").fontSize(9).fillColor(INK).text(totals.note, MARGIN, doc.y + 2, { width, align: "right" });
  const due = invoice.status === "paid" ? "Paid — thank you." : invoice.dueDate ? `Please pay by ${formatDate(invoice.dueDate)}.` : "";
  if (due) doc.font("regular").fontSize(9).fillColor(MUTED).text(due, MARGIN, doc.y + 2, { width, align: "right" });
  doc.fillColor(INK);

  if (hours) {
    doc.y += 18;
    ensureSpace(doc, 16 + hours.length * 22);
    label(doc, "Hours this period", MARGIN, doc.y);
    doc.y += 14;
    figures(doc, hours.map((h) => ({ label: h.label, detail: h.detail, value: formatMinutes(h.minutes) })), { width: 300, align: "left", valueWidth: 70 });
  }

  if (howToPay || payUrl) {
    doc.y += 14;
    drawPayment(doc, { howToPay, payUrl, number: invoice.number, amount: money(invoice.totalCents), dueDate: invoice.dueDate });
  }

  // Footer: the practice's words, and whom to ask (a printed invoice is not an email).
  doc.y += 22;
  const footer = [
    practice.invoiceFooter || null,
    `Questions about this invoice? ${practice.invoiceEmail
      ? `Write to ${practice.name} at ${practice.invoiceEmail}${invoice.number ? `, quoting ${invoice.number}` : ""}.`
      : `Contact ${practice.name}${invoice.number ? `, quoting ${invoice.number}` : ""}.`}`,
  ].filter((t): t is string => Boolean(t));
  doc.font("regular").fontSize(8.5);
  ensureSpace(doc, 12 + footer.reduce((h, t) => h + doc.heightOfString(t, { width }) + 3, 0));
  hr(doc, doc.y);
  doc.y += 8;
  for (const t of footer) doc.font("regular").fontSize(8.5).fillColor(MUTED).text(t, MARGIN, doc.y, { width, paragraphGap: 3 });

  return finish(doc, (page, pages) => `${invoice.number ?? "Invoice"} · page ${page} of ${pages}`);
}

function drawPayment(doc: Doc, p: { howToPay: PrintInvoiceView["howToPay"]; payUrl: string | null; number: string | null; amount: string; dueDate: string | null }) {
  const lead = `${p.amount}${p.dueDate ? `, due ${formatDate(p.dueDate)}` : ""}${p.number ? ` · invoice ${p.number}` : ""}`;
  const body = p.howToPay ? (p.howToPay.kind === "instructions" ? p.howToPay.text : contactText(p.howToPay, p.number)) : "Pay online:";
  const measure = (w: number) => {
    doc.font("bold").fontSize(9.5);
    let h = doc.heightOfString(lead, { width: w }) + 4;
    doc.font("regular").fontSize(9.5);
    h += doc.heightOfString(body, { width: w });
    if (p.payUrl) h += doc.heightOfString(p.payUrl, { width: w }) + 2;
    return h;
  };
  box(doc, p.howToPay ? "How to pay" : "Pay", (x, w) => {
    doc.font("bold").fontSize(9.5).fillColor(INK).text(lead, x, doc.y, { width: w });
    doc.y += 4;
    doc.font("regular").fontSize(9.5).text(body, x, doc.y, { width: w });
    if (p.payUrl) doc.fillColor("#1d4ed8").text(p.payUrl, x, doc.y + 2, { width: w, link: p.payUrl, underline: true }).fillColor(INK);
  }, measure);
}
