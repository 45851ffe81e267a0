// POST /api/v1/clients/:clientId/time-entries/:entryId/void (hours:write) — voids an entry of an open month, with a
// reason, as the hours page does (lib/hours/commands.ts voidEntry).
import { requireClient, requireScope } from "@/lib/api/auth";
import { apiVoidSchema } from "@/lib/api/schemas";
import { apiHandler, jsonBody, pathClientId } from "@/lib/api/serve";
import { serveCommand } from "@/lib/commands/route";
import { voidEntry } from "@/lib/hours/commands";

export const POST = apiHandler<{ clientId: string; entryId: string }>("api.entries.void", async (ctx, request, params) => {
  requireScope(ctx, "hours:write");
  const clientId = pathClientId(params.clientId);
  requireClient(ctx, clientId);
  const { reason } = await jsonBody(request, apiVoidSchema);
  return serveCommand(voidEntry, ctx.claims, { clientId, entryId: params.entryId, reason });
});
