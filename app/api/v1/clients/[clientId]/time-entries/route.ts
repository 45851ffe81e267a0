// GET  /api/v1/clients/:clientId/time-entries — a page of the client's entries (hours:read), by date, with a cursor.
// POST /api/v1/clients/:clientId/time-entries — logs an entry as the token's person (hours:write): the hours
//      page's own command (lib/hours/commands.ts logEntry), from a JSON body.
import { requireClient, requireScope } from "@/lib/api/auth";
import { apiEntryListSchema, apiNewEntrySchema } from "@/lib/api/schemas";
import { apiHandler, jsonBody, pathClientId, queryOf } from "@/lib/api/serve";
import { apiEntries } from "@/lib/api/views";
import { serveCommand } from "@/lib/commands/route";
import { logEntry } from "@/lib/hours/commands";

type Params = { clientId: string };

export const GET = apiHandler<Params>("api.entries.list", async (ctx, request, params) => {
  requireScope(ctx, "hours:read");
  const clientId = pathClientId(params.clientId);
  requireClient(ctx, clientId);
  return Response.json(await apiEntries(ctx.claims, clientId, queryOf(request, apiEntryListSchema)));
});

export const POST = apiHandler<Params>("api.entries.create", async (ctx, request, params) => {
  requireScope(ctx, "hours:write");
  const clientId = pathClientId(params.clientId);
  requireClient(ctx, clientId);
  const entry = await jsonBody(request, apiNewEntrySchema);
  // The form's command, given the form's shapes: a duration in minutes, checkboxes as "on" or "".
  return serveCommand(logEntry, ctx.claims, {
    clientId, workDate: entry.workDate, minutes: `${entry.minutes}m`, description: entry.description, category: entry.category,
    billable: entry.billable ? "on" : "", roadmapItemId: entry.roadmapItemId ?? "", confirmOverage: entry.confirmOverage ? "on" : "",
  });
});
