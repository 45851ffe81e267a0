// GET /clients/:clientId/export — everything about the client as one ZIP (CSV and JSON of every dataset,
// lib/export/archive.ts), streamed, for owners and the client's staff (the "billing" scope: what their pages
// show, members see hours only); signed out → /login, anyone else → 404; past the exports limit
// (lib/commands/limits.ts) a 429 in the one JSON error contract.
import { notFound } from "next/navigation";
import { spendLimit } from "@/lib/commands/limits";
import { LIMITS } from "@/lib/domain/limits";
import { routeError } from "@/lib/commands/route";
import { openExport, exportHeaders } from "@/lib/export/stream";
import { authorizePage } from "@/lib/pages/access";
import { clockNow } from "@/lib/platform/clock";

export async function GET(request: Request, { params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  try {
    await spendLimit(access.claims, LIMITS.exports);
  } catch (e) {
    return routeError(e, "export.client");
  }
  const now = clockNow();
  const opened = await openExport({ claims: access.claims, clientId, exportedBy: access.viewer.fullName || access.viewer.email, now, signal: request.signal });
  if (!opened) notFound();
  return new Response(opened.stream, { headers: exportHeaders(`${access.client.slug}-export-${now.toISOString().slice(0, 10)}.zip`) });
}
