// GET /api/v1/clients/:clientId/roadmap-items (roadmap:read): as the token's person's pages show them (lib/api/views.ts).
import { clientRead } from "@/lib/api/serve";
import { apiRoadmap } from "@/lib/api/views";

export const GET = clientRead("api.roadmap-items", "roadmap:read", apiRoadmap);
