// GET /api/v1/clients/:clientId/statements (hours:read): as the token's person's pages show them (lib/api/views.ts).
import { clientRead } from "@/lib/api/serve";
import { apiStatements } from "@/lib/api/views";

export const GET = clientRead("api.statements", "hours:read", apiStatements);
