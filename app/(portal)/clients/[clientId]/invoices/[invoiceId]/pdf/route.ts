// GET /clients/:clientId/invoices/:invoiceId/pdf — the invoice as a PDF download, for whoever may open the
// invoice's page (owners and the client's staff); signed out → /login, anyone else and other ids → 404.
import { authorizePage } from "@/lib/pages/access";
import { pdfResponse, viewInvoicePdf } from "@/lib/pages/pdf";

export async function GET(_request: Request, { params }: { params: Promise<{ clientId: string; invoiceId: string }> }) {
  const { clientId, invoiceId } = await params;
  return pdfResponse(await viewInvoicePdf(await authorizePage("billing", clientId), invoiceId));
}
