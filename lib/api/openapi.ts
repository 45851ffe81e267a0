// The API's OpenAPI 3.1 document (issue 22), served at /api/v1/openapi.json. Every schema in it is generated from
// zod by zod's own JSON Schema generator (z.toJSONSchema, draft 2020-12, OpenAPI 3.1's dialect): the request
// schemas are the very ones the routes validate with (lib/api/schemas.ts); the responses are declared here
// with zod too. Only the paths and their words are written by hand.
import { z } from "zod";
import { apiCorrectionSchema, apiEntryListSchema, apiNewEntrySchema, apiVoidSchema } from "@/lib/api/schemas";
import { API_RATE_PER_MINUTE, API_SCOPES, SCOPE_LABELS } from "@/lib/domain/api-scopes";
import { CATEGORIES } from "@/lib/domain/categories";
import { HTTP_STATUS, type AppErrorCode } from "@/lib/platform/errors";

const client = z.object({
  id: z.uuid(), name: z.string(), timezone: z.string().describe("IANA zone, e.g. Pacific/Auckland"), currency: z.string().describe("ISO 4217"), archived: z.boolean(),
});
const entry = z.object({
  id: z.uuid(), workDate: z.string().describe("YYYY-MM-DD, the client's calendar day"), minutes: z.int().describe("negative only on a correction"),
  description: z.string(), category: z.enum(CATEGORIES), billable: z.boolean(), engineer: z.string().nullable(), roadmapItemId: z.uuid().nullable(),
  correctsEntryId: z.uuid().nullable(), voidedAt: z.iso.datetime().nullable(), voidReason: z.string().nullable(), createdAt: z.iso.datetime(),
});
const line = z.object({
  position: z.int(), kind: z.enum(["retainer_fee", "overage", "adjustment"]), description: z.string(), quantityMinutes: z.int().nullable(),
  unitAmountCents: z.int().nullable(), amountCents: z.int(), forMonth: z.string().nullable().describe("YYYY-MM a correction is for"), taxRateBp: z.int().nullable(),
});
const invoice = z.object({
  id: z.uuid(), number: z.string().nullable(), month: z.string().describe("YYYY-MM"), status: z.enum(["draft", "open", "paid", "void", "uncollectible"]),
  currency: z.string(), netCents: z.int(), taxCents: z.int(), totalCents: z.int().describe("minor units of the currency"), dueDate: z.string().nullable(),
  issuedAt: z.iso.datetime().nullable(), paidAt: z.iso.datetime().nullable(), payUrl: z.string().nullable().describe("Stripe's page, when paid through Stripe"), lines: z.array(line),
});
const statement = z.object({
  month: z.string().describe("YYYY-MM"), closedAt: z.iso.datetime(),
  statement: z.record(z.string(), z.unknown()).nullable().describe("The month as billed (minutes, rollover, overage, amounts); null for a reader who sees hours only"),
});
const item = z.object({
  id: z.uuid(), title: z.string(), description: z.string(), status: z.enum(["proposed", "planned", "in_progress", "shipped", "dropped"]), position: z.int(),
  targetMonth: z.string().nullable(), estimateMinutes: z.int().nullable(), actualMinutes: z.int(), proposedBy: z.string().nullable(), dropReason: z.string().nullable(),
  shippedAt: z.iso.datetime().nullable(), createdAt: z.iso.datetime(), comments: z.int(),
});
const update = z.object({
  id: z.uuid(), weekStart: z.string(), status: z.enum(["draft", "published"]), title: z.string(), bodyMd: z.string().describe("Markdown"),
  publishedAt: z.iso.datetime().nullable(), updatedAt: z.iso.datetime(),
});
const error = z.object({
  error: z.object({
    code: z.enum(Object.keys(HTTP_STATUS) as [AppErrorCode, ...AppErrorCode[]]),
    message: z.string().describe("A sentence a person can act on"),
    fields: z.record(z.string(), z.array(z.string())).describe("Field errors, by field"),
  }),
});

const json = (s: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
const content = (s: z.ZodType, io?: "input" | "output") => ({ "application/json": { schema: json(s, io) } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const ERROR_TEXT: Record<number, string> = {
  400: "The body is not JSON", 401: "No token, or a token that is unknown, revoked or expired", 403: "The token lacks the scope",
  404: "No such client for this token's person (or the token is limited to another client)", 409: "The month is closed",
  413: "The body is over 1 MB", 422: "The input is wrong: see error.fields", 429: `Over ${API_RATE_PER_MINUTE} requests a minute with this token: wait Retry-After seconds`,
};

/** The document (built once per process). */
let cached: object | null = null;
export function openApiDocument(serverUrl: string): object {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Retainer Portal API", version: "1",
      description: "Your practice's data, as your pages show it. Authenticate with a personal token from /account: `Authorization: Bearer rp_…`. "
        + `Scopes: ${API_SCOPES.map((s) => `${s} (${SCOPE_LABELS[s]})`).join("; ")}. Errors: { "error": { "code", "message", "fields" } }.`,
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    security: [{ token: [] }],
    paths: {
      "/clients": {
        get: {
          summary: "The clients you may see", operationId: "listClients",
          responses: { 200: { description: "Clients", content: content(z.object({ data: z.array(client) })) }, ...errors(401, 429) },
        },
      },
      "/clients/{clientId}/time-entries": {
        parameters: [{ name: "clientId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: {
          summary: "A page of the client's time entries (hours:read)", operationId: "listTimeEntries",
          parameters: Object.entries((json(apiEntryListSchema, "input") as { properties: Record<string, object> }).properties)
            .map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          responses: {
            200: { description: "Entries by work date; pass next_cursor as cursor for the next page (null at the end)", content: content(z.object({ data: z.array(entry), next_cursor: z.string().nullable() })) },
            ...errors(401, 403, 404, 422, 429),
          },
        },
        post: {
          summary: "Log time (hours:write), as the hours page does", operationId: "createTimeEntry",
          requestBody: { required: true, content: content(apiNewEntrySchema, "input") },
          responses: {
            200: { description: "Saved (data.status \"saved\"), or held for confirmation past the pre-approved overage (data.status \"needs_confirmation\": send again with confirmOverage true)", content: content(z.object({ data: z.object({ status: z.string() }).loose(), message: z.string().nullable() })) },
            ...errors(400, 401, 403, 404, 409, 413, 422, 429),
          },
        },
      },
      ...Object.fromEntries(([
        ["void", "Void an entry of an open month (hours:write), with a reason", apiVoidSchema],
        ["corrections", "Correct an entry of a closed month (hours:write): signed minutes, recorded in an open month", apiCorrectionSchema],
      ] as const).map(([path, summary, schema]) => [`/clients/{clientId}/time-entries/{entryId}/${path}`, {
        parameters: ["clientId", "entryId"].map((name) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } })),
        post: {
          summary, operationId: `${path}TimeEntry`,
          requestBody: { required: true, content: content(schema, "input") },
          responses: { 200: { description: "Done", content: content(z.object({ data: z.unknown(), message: z.string().nullable() })) }, ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
        },
      }])),
      ...Object.fromEntries(([
        ["statements", "hours:read", "Closed months with their statements", statement],
        ["invoices", "invoices:read", "Invoices with their lines", invoice],
        ["roadmap-items", "roadmap:read", "The roadmap, every lane", item],
        ["updates", "updates:read", "Weekly updates, newest first (drafts for the client's staff)", update],
      ] as const).map(([path, scope, summary, schema]) => [`/clients/{clientId}/${path}`, {
        parameters: [{ name: "clientId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: {
          summary: `${summary} (${scope})`, operationId: `list_${path.replace("-", "_")}`,
          responses: { 200: { description: summary, content: content(z.object({ data: z.array(schema) })) }, ...errors(401, 403, 404, 429) },
        },
      }])),
    },
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer", description: "A personal token from /account (rp_…)" } },
      responses: Object.fromEntries(Object.entries(ERROR_TEXT).map(([code, description]) => [`E${code}`, { description, content: content(error) }])),
    },
  };
  return { ...cached, servers: [{ url: serverUrl }] };
}
