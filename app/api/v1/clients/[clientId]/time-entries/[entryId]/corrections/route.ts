// POST /api/v1/clients/:clientId/time-entries/:entryId/corrections (hours:write) — corrects an entry of a closed
// month in an open one, as the hours page does (lib/hours/commands.ts adjustEntry): signed minutes.
import { requireClient, requireScope } from "@/lib/api/auth";
import { apiCorrectionSchema } from "@/lib/api/schemas";
import { apiHandler, jsonBody, pathClientId } from "@/lib/api/serve";
import { serveCommand } from "@/lib/commands/route";
import { adjustEntry } from "@/lib/hours/commands";

export const POST = apiHandler<{ clientId: string; entryId: string }>("api.entries.correct", async (ctx, request, params) => {
  requireScope(ctx, "hours:write");
  const clientId = pathClientId(params.clientId);
  requireClient(ctx, clientId);
  const c = await jsonBody(request, apiCorrectionSchema);
  // The form's shape: a signed duration in minutes.
  return serveCommand(adjustEntry, ctx.claims, { clientId, entryId: params.entryId, workDate: c.workDate, minutes: `${c.minutes > 0 ? "+" : "-"}${Math.abs(c.minutes)}m`, description: c.description });
});
