// GET /clients/:clientId/handbook/:pageId/files/:fileId — a handbook attachment, for whoever may read its page (the
// client's staff; its owners and members while the page is visible to them); signed out → /login, anyone else and
// other ids → 404. Images are shown inline (the page's Markdown may show them), PDFs are downloaded. The type is the
// one read from the bytes at upload, never sniffed again by the browser; revalidated by its SHA-256, never kept by a
// shared cache.
import { authorizePage } from "@/lib/pages/access";
import { viewHandbookFile } from "@/lib/pages/handbook";

export async function GET(request: Request, { params }: { params: Promise<{ clientId: string; pageId: string; fileId: string }> }) {
  const { clientId, pageId, fileId } = await params;
  const file = await viewHandbookFile(await authorizePage("member", clientId), pageId, fileId);
  const etag = `"${file.sha256}"`;
  const headers = {
    "content-type": file.contentType,
    "content-disposition": `${file.contentType === "application/pdf" ? "attachment" : "inline"}; filename="${file.name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "cache-control": "private, no-cache",
    etag,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.bytes), { headers: { ...headers, "content-length": String(file.bytes.length) } });
}
