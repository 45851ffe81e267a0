import fs from "node:fs";
import { it } from "vitest";
import { renderInvoicePdf } from "@/lib/pdf/invoice";
import { printedHours, type PrintInvoiceView } from "@/lib/pages/print-invoice";
for (const n of [3, 40]) it(`renders ${n}`, async () => {
const lines = Array.from({ length: n }, (_, i) => ({
  id: String(i), position: i, kind: (i === 0 ? "retainer_fee" : i === 1 ? "overage" : "adjustment") as "retainer_fee",
  description: i === 0 ? "Retainer fee, November 2026 (株式会社さくら)" : i === 1 ? "Overage: Tāmaki Makaurau office move" : `Adjustment for October 2026: a correction recorded after that month was invoiced, a long description that must wrap onto a second line without colliding with the amounts ${i}`,
  quantityMinutes: i === 0 ? 1200 : i === 1 ? 45 : -60, unitAmountCents: i === 0 ? null : 22500, amountCents: i === 0 ? 400000 : i === 1 ? 16875 : -22500, forMonth: null, stripeInvoiceItemId: null,
}));
const terms = { monthlyFeeCents: 400000, includedMinutes: 1200, overageRateCentsPerHour: 22500, overageIncrementMinutes: 15, rolloverCapMinutes: 600, rolloverExpiryMonths: 2 } as never;
const statement = { month: "2026-11-01", terms, includedMinutes: 1200, rolloverInMinutes: 90, carriedIn: [], availableMinutes: 1290, loggedMinutes: 1335, adjustmentMinutes: 0, usedMinutes: 1335, nonBillableMinutes: 0, spentRolloverMinutes: 90, spentIncludedMinutes: 1200, remainingMinutes: -45, overageMinutes: 45, billedOverageMinutes: 45, overageAmountCents: 16875, rolloverEarnedMinutes: 0, forfeitedMinutes: 0, expiredMinutes: 0, lines: [], totalCents: 416875 } as never;
const view = {
  invoice: { id: "x", clientId: "c", month: "2026-11-01", number: "INV-00012", status: "open", currency: "NZD", totalCents: lines.reduce((s, l) => s + l.amountCents, 0), dueDate: "2026-12-15", stripeInvoiceId: null, hostedInvoiceUrl: null, issuedAt: new Date("2026-12-01T02:00:00Z"), paidAt: null, pushedAt: null, pushError: null, stripeSentAt: null, createdAt: new Date() },
  client: { id: "c", name: "株式会社さくら · Tāmaki Makaurau Trust", slug: "sakura", timezone: "Pacific/Auckland", currency: "NZD", billingEmail: "accounts@sakura.example", aiDraftingEnabled: false, archivedAt: null },
  lines, practice: { name: "Rivera Engineering", address: "12 Quay Street\nTāmaki Makaurau Auckland 1010\nNew Zealand", invoiceEmail: "billing@rivera.example", daysUntilDue: 14, invoiceFooter: "Thank you for your business. ありがとうございます。" },
  supplyPeriod: "1–30 November 2026", hours: printedHours(statement),
  howToPay: { kind: "instructions", text: "Bank transfer to Rivera Engineering Ltd\nAccount 12-3456-7890123-00 (ASB)\nReference: the invoice number" }, payUrl: null, invoicesHref: "/x",
} as unknown as PrintInvoiceView;
const t0 = performance.now();
const pdf = await renderInvoicePdf(view);
const t1 = performance.now();
for (let k = 0; k < 5; k++) await renderInvoicePdf(view);
const t2 = performance.now();
fs.writeFileSync(`/tmp/pdf27/invoice-${n}.pdf`, pdf);
console.log(`${n} lines: ${pdf.length} bytes, first ${(t1 - t0).toFixed(0)} ms, warm avg of 5 ${((t2 - t1)/5).toFixed(0)} ms`);
});
