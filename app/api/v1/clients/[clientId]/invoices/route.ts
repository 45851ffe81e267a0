// GET /api/v1/clients/:clientId/invoices (invoices:read): as the token's person's pages show them (lib/api/views.ts).
import { clientRead } from "@/lib/api/serve";
import { apiInvoices } from "@/lib/api/views";

export const GET = clientRead("api.invoices", "invoices:read", apiInvoices);
