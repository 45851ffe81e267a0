// One month's statement as a PDF, drawn from the statements page's data for that month (lib/pages/statements:
// viewStatement): included, rolled over in, available, used, overage, rolled over out, expired and not carried,
// and, for those who see money, what the month bills (will be invoiced / was invoiced). Pure: view data in,
// PDF bytes out.
import { addMonths } from "@/lib/domain/dates";
import { formatDate, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import type { StatementView } from "@/lib/pages/statements";
import { contentWidth, figures, finish, hr, INK, label, MARGIN, MUTED, newDocument, paperFor, safeFilename, type FigureRow } from "@/lib/pdf/document";

const PHASE = { in_progress: "In progress", awaiting_invoice: "Awaiting invoice", closed: "Closed" } as const;

export const statementPdfFilename = (v: Pick<StatementView, "client" | "statement">) =>
  safeFilename(`${v.client.slug}-statement-${v.statement.month.slice(0, 7)}`, "statement");

/** The month's hours as the statements page lists them (the month in progress: facts so far). */
export function statementHours(v: StatementView): FigureRow[] {
  const s = v.statement;
  const running = v.phase === "in_progress";
  const over = s.overageMinutes ? `${formatMinutes(s.overageMinutes)} over, rounded up` : undefined;
  const rows: FigureRow[] = [
    { label: "Included", value: formatMinutes(s.includedMinutes), detail: v.proration ?? undefined },
    { label: "Rolled over in", value: formatMinutes(s.rolloverInMinutes) },
    { label: "Available", value: formatMinutes(s.availableMinutes) },
    { label: running ? "Used so far" : "Used", value: formatMinutes(s.usedMinutes), detail: s.adjustmentMinutes ? `Including ${formatMinutes(s.adjustmentMinutes)} of corrections made after it closed` : undefined },
  ];
  if (running) {
    rows.push({ label: s.remainingMinutes < 0 ? "Over by" : "Remaining", value: formatMinutes(Math.abs(s.remainingMinutes)) });
    rows.push({ label: "Overage so far", value: formatMinutes(s.billedOverageMinutes), detail: over });
    return rows;
  }
  rows.push(
    { label: v.phase !== "closed" ? "Overage to bill" : s.adjustmentMinutes ? "Overage, as corrected" : "Overage billed", value: formatMinutes(s.billedOverageMinutes), detail: over },
    { label: "Rolled over out", value: formatMinutes(s.rolloverEarnedMinutes), detail: s.rolloverEarnedMinutes && s.terms.rolloverExpiryMonths ? `Usable through ${formatMonth(addMonths(s.month, s.terms.rolloverExpiryMonths))}` : undefined },
    { label: "Expired", value: formatMinutes(s.expiredMinutes), detail: s.expiredMinutes ? "Rollover not spent in time" : undefined },
    { label: "Not carried", value: formatMinutes(s.forfeitedMinutes), detail: s.forfeitedMinutes ? (s.terms.rolloverCapMinutes ? "Above the rollover cap" : "No rollover on this retainer") : undefined },
  );
  return rows;
}

/** What the month bills, for those who see money: its lines and the total (so far, expected, invoiced). */
export function statementMoney(v: StatementView): FigureRow[] {
  const s = v.statement;
  const money = (c: number) => formatMoney(c, v.client.currency);
  const corrected = v.phase === "closed" && v.billedCents !== null && v.billedCents !== s.totalCents;
  const total = v.phase === "in_progress" ? "Total so far" : v.phase !== "closed" ? "Expected total" : corrected ? "Total, as corrected" : "Total invoiced";
  return [
    ...s.lines.map((l) => ({
      label: l.kind === "overage" && l.unitAmountCents !== null ? `Overage: ${formatMinutes(l.quantityMinutes ?? 0)} at ${money(l.unitAmountCents)}/h`
        : l.kind === "overage" ? `${l.description}: ${formatMinutes(l.quantityMinutes ?? 0)}` : l.description,
      value: money(l.amountCents),
    })),
    { label: `${total} (${v.client.currency})`, value: money(s.totalCents), strong: true },
  ];
}

export async function renderStatementPdf(v: StatementView): Promise<Buffer> {
  const s = v.statement;
  const doc = newDocument({ title: `Statement ${formatMonth(s.month)} · ${v.client.name}`, author: v.practice.name, createdAt: null, size: paperFor(v.client.currency) });
  const width = contentWidth(doc);
  const top = doc.y;
  const rightWidth = 220;
  doc.font("bold").fontSize(15).text(v.practice.name, MARGIN, top, { width: width - rightWidth - 20 });
  doc.font("regular").fontSize(9).fillColor(MUTED);
  if (v.practice.address) doc.text(v.practice.address, { width: width - rightWidth - 20 });
  if (v.practice.invoiceEmail) doc.text(v.practice.invoiceEmail);
  const leftBottom = doc.y;
  const rx = MARGIN + width - rightWidth;
  doc.font("bold").fontSize(22).fillColor(INK).text("Statement", rx, top, { width: rightWidth, align: "right" });
  doc.font("bold").fontSize(11).text(formatMonth(s.month), rx, doc.y + 2, { width: rightWidth, align: "right" });
  doc.font("regular").fontSize(9).fillColor(MUTED).text(`${PHASE[v.phase]} · as of ${formatDate(v.today)}`, rx, doc.y + 1, { width: rightWidth, align: "right" });
  doc.y = Math.max(leftBottom, doc.y) + 12;
  hr(doc, doc.y);
  doc.y += 14;

  label(doc, "Client", MARGIN, doc.y);
  doc.font("bold").fontSize(10).fillColor(INK).text(v.client.name, MARGIN, doc.y + 4, { width });
  doc.y += 18;

  label(doc, "Hours", MARGIN, doc.y);
  doc.y += 14;
  figures(doc, statementHours(v), { width: 320, align: "left", valueWidth: 80 });
  if (v.ifUnused) doc.font("regular").fontSize(9).fillColor(MUTED).text(v.ifUnused, MARGIN, doc.y + 4, { width });

  if (v.seesMoney) {
    doc.y += 20;
    label(doc, v.phase === "closed" ? "Invoiced" : "To be invoiced", MARGIN, doc.y);
    doc.y += 14;
    figures(doc, statementMoney(v), { width: 320, align: "left", valueWidth: 100 });
    const notes: string[] = [];
    if (v.phase === "closed" && v.billedCents !== null && v.billedCents !== s.totalCents) {
      notes.push(`Invoiced ${formatMoney(v.billedCents, v.client.currency)}; a correction made after the month closed changes it by ${formatMoney(Math.abs(s.totalCents - v.billedCents), v.client.currency)}, ${s.totalCents < v.billedCents ? "credited" : "billed"} on the next invoice.`);
    }
    if (v.feeNote) notes.push(v.feeNote);
    if (v.invoiceOn) notes.push(`Will be invoiced on ${formatDate(v.invoiceOn, { weekday: "long", month: "long", day: "numeric" })}.`);
    if (v.invoiceNumber) notes.push(`Invoice ${v.invoiceNumber}.`);
    for (const n of notes) doc.font("regular").fontSize(9).fillColor(MUTED).text(n, MARGIN, doc.y + 4, { width });
  }
  return finish(doc, (page, pages) => `${v.client.name} · ${formatMonth(s.month)} · page ${page} of ${pages}`);
}
