// GET /export — the whole practice as one ZIP: every client's datasets (lib/export/archive.ts) and the
// practice's settings and staff, streamed. Admins only; signed out → /login, anyone else → 404; past the exports
// limit (lib/commands/limits.ts) a 429 in the one JSON error contract.
import { spendLimit } from "@/lib/commands/limits";
import { LIMITS } from "@/lib/domain/limits";
import { routeError } from "@/lib/commands/route";
import { openExport, exportHeaders } from "@/lib/export/stream";
import { authorizePage } from "@/lib/pages/access";
import { clockNow } from "@/lib/platform/clock";

export async function GET(request: Request) {
  const { claims, viewer } = await authorizePage("admin");
  try {
    await spendLimit(claims, LIMITS.exports);
  } catch (e) {
    return routeError(e, "export.practice");
  }
  const now = clockNow();
  const opened = await openExport({ claims, clientId: null, exportedBy: viewer.fullName || viewer.email, now, signal: request.signal });
  return new Response(opened!.stream, { headers: exportHeaders(`practice-export-${now.toISOString().slice(0, 10)}.zip`) });
}
