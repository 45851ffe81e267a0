// The PDF downloads: an invoice (the printed invoice's view, lib/pages/print-invoice) and one month's statement
// (the statements page's, lib/pages/statements), authorized exactly as the pages they mirror. The route handler
// authorizes with authorizePage (signed out → /login, no access → 404), then calls one of these.
import { notFound } from "next/navigation";
import type { ClientPage } from "@/lib/pages/access";
import { viewPrintInvoice } from "@/lib/pages/print-invoice";
import { viewStatement } from "@/lib/pages/statements";
import { VISIBILITY_LABELS, sectionLabel } from "@/lib/domain/handbook";
import { viewHandbookFile, viewHandbookPageWithFiles } from "@/lib/pages/handbook";
import { paperFor } from "@/lib/pdf/document";
import { handbookPdfFilename, renderHandbookPdf } from "@/lib/pdf/handbook";
import { invoicePdfFilename, renderInvoicePdf } from "@/lib/pdf/invoice";
import { renderStatementPdf, statementPdfFilename } from "@/lib/pdf/statement";

export interface PdfFile {
  filename: string;
  pdf: Buffer;
}

/**
 * An invoice of this client as a PDF (owners and the client's staff: the page's "billing" scope). The print
 * view reads by id under the caller's RLS, so an owner of two clients could name the other client's invoice
 * under this one's URL: that is the same 404 as an invoice that does not exist.
 */
export async function viewInvoicePdf(access: ClientPage, invoiceId: string): Promise<PdfFile> {
  const view = await viewPrintInvoice(access, invoiceId);
  if (view.invoice.clientId !== access.client.id) notFound();
  return { filename: invoicePdfFilename(view), pdf: await renderInvoicePdf(view) };
}

/** The invoice PDF the issue email attaches, read as the mail sender (service role) when the email is sent. */
export async function invoicePdfForMail(invoiceId: string): Promise<PdfFile> {
  const view = await viewPrintInvoice("mail-sender", invoiceId);
  return { filename: invoicePdfFilename(view), pdf: await renderInvoicePdf(view) };
}

/** One month's statement ("2026-11") as a PDF, for everyone who sees the statements page; amounts as it shows them. */
export async function viewStatementPdf(access: ClientPage, month: string, now: Date): Promise<PdfFile> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) notFound();
  const view = await viewStatement(access, `${month}-01`, now);
  return { filename: statementPdfFilename(view), pdf: await renderStatementPdf(view) };
}

/**
 * A handbook page as a PDF, for whoever may read the page (the same 404 otherwise), with the PNG and JPEG files its
 * Markdown shows drawn in it (read only when named there).
 */
export async function viewHandbookPdf(access: ClientPage, pageId: string): Promise<PdfFile> {
  const { page, files } = await viewHandbookPageWithFiles(access, pageId);
  const images = new Map<string, Uint8Array>();
  for (const f of files) {
    if ((f.contentType === "image/png" || f.contentType === "image/jpeg") && page.bodyMd.includes(`](${f.href})`)) {
      images.set(f.href, (await viewHandbookFile(access, pageId, f.id)).bytes);
    }
  }
  const view = {
    clientName: access.client.name, timezone: access.client.timezone, paper: paperFor(access.client.currency), images,
    page: { ...page, section: sectionLabel(page.section), visibility: VISIBILITY_LABELS[page.visibility] },
  };
  return { filename: handbookPdfFilename(view), pdf: await renderHandbookPdf(view) };
}

/** A PDF download: never cached by a shared cache, never shown inline under another name. */
export function pdfResponse({ filename, pdf }: PdfFile): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.length),
      "cache-control": "private, no-store",
    },
  });
}
