// GET /clients/:clientId/hours/export — the ledger view's entries (same month and filters) as CSV, streamed as it
// is read (lib/export/ledger.ts); refusals in the one JSON error contract (lib/commands/route.ts), 429 past the
// CSV limit (lib/commands/limits.ts).
import type { NextRequest } from "next/server";
import { getSession, sessionClientAccess } from "@/lib/auth/session";
import { spendLimit } from "@/lib/commands/limits";
import { LIMITS } from "@/lib/domain/limits";
import { openLedgerCsv } from "@/lib/export/ledger";
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
  if (!clientIdField.safeParse(clientId).success) return errorResponse(missing("That client"));
  try {
    const filter = parseOrRefuse(entryFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
    // Counted once the caller may read the client: probing other clients' ids answers "not found", never 429.
    if (!(await sessionClientAccess(session, clientId))) return errorResponse(missing("That client"));
    await spendLimit(session.claims, LIMITS.csv);
    const { stream, filename } = await openLedgerCsv({ claims: session.claims, clientId, filter, now: clockNow(), signal: request.signal });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (e) {
    return routeError(e, "hours.export");
  }
}
