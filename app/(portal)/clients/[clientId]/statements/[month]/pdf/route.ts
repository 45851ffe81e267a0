// GET /clients/:clientId/statements/:month/pdf (month "2026-11") — one month's statement as a PDF download, for
// whoever may open the statements page (every member; amounts for owners and staff only, as on the page).
import { authorizePage } from "@/lib/pages/access";
import { pdfResponse, viewStatementPdf } from "@/lib/pages/pdf";
import { clockNow } from "@/lib/platform/clock";

export async function GET(_request: Request, { params }: { params: Promise<{ clientId: string; month: string }> }) {
  const { clientId, month } = await params;
  return pdfResponse(await viewStatementPdf(await authorizePage("member", clientId), month, clockNow()));
}
