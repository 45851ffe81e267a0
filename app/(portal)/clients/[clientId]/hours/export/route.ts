// GET /clients/:clientId/hours/export — the ledger view's entries (same month and filters) as CSV; refusals in
// the one JSON error contract (lib/commands/route.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getSession } from "@/lib/auth/session";
import { toCsv } from "@/lib/format/csv";
import { ledgerExport } from "@/lib/pages/ledger";
import { parseOrRefuse } from "@/lib/commands/execute";
import { errorResponse, routeError } from "@/lib/commands/route";
import { AppError, notFound as missing } from "@/lib/platform/errors";
import { clientIdField } from "@/lib/schemas/fields";
import { entryFilterSchema } from "@/lib/hours/schemas";
import { clockNow } from "@/lib/platform/clock";

export async function GET(request: NextRequest, { params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  // The session read checks the session is live (not signed out, not ended everywhere) like every page.
  const session = await getSession();
  if (!session) return errorResponse(new AppError("unauthenticated", "Sign in to export hours."));
  const { claims } = session;
  const notFound = () => errorResponse(missing("That client"));
  if (!clientIdField.safeParse(clientId).success) return notFound();
  try {
    const f = parseOrRefuse(entryFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
    const { client, entries, month } = await ledgerExport(claims, clientId, f, clockNow());
    const csv = toCsv(
      ["date", "description", "category", "billable", "minutes", "hours", "engineer", "roadmap_item", "status", "void_reason", "corrects_entry_dated", "entry_id"],
      entries
        .slice()
        .reverse()
        .map((e) => [
          e.workDate, e.description, e.category, e.billable, e.minutes, Number((e.minutes / 60).toFixed(2)), e.engineerName, e.roadmapTitle,
          e.voidedAt ? "voided" : e.adjustsEntryId ? "correction" : "logged", e.voidReason, e.adjustsWorkDate, e.id,
        ]),
    );
    return new NextResponse(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${client.slug}-hours-${month.slice(0, 7)}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    return routeError(e, "hours.export");
  }
}
