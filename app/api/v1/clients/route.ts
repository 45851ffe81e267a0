// GET /api/v1/clients — the clients the token's person may see (only its client, for a token limited to one).
import { apiHandler } from "@/lib/api/serve";
import { apiClients } from "@/lib/api/views";

export const GET = apiHandler("api.clients", async (ctx) => Response.json({ data: await apiClients(ctx.claims, ctx.caller.clientId) }));
