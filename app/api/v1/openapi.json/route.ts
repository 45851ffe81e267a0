// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (lib/api/openapi.ts), public like any API reference.
import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/platform/env";

export function GET() {
  return Response.json(openApiDocument(`${env().APP_URL.replace(/\/$/, "")}/api/v1`), { headers: { "cache-control": "public, max-age=300" } });
}
