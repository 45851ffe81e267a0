// GET /clients/:clientId/handbook/:pageId/pdf — the page as a PDF download, drawn on the server, for whoever may read
// the page (the client's staff; its owners and members while it is visible to them); signed out → /login, anyone
// else and other ids → 404.
import { authorizePage } from "@/lib/pages/access";
import { pdfResponse, viewHandbookPdf } from "@/lib/pages/pdf";

export async function GET(_request: Request, { params }: { params: Promise<{ clientId: string; pageId: string }> }) {
  const { clientId, pageId } = await params;
  return pdfResponse(await viewHandbookPdf(await authorizePage("member", clientId), pageId));
}
