// GET /api/v1/clients/:clientId/updates (updates:read): as the token's person's pages show them (lib/api/views.ts).
import { clientRead } from "@/lib/api/serve";
import { apiUpdates } from "@/lib/api/views";

export const GET = clientRead("api.updates", "updates:read", apiUpdates);
