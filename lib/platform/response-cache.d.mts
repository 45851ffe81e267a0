// Types of lib/platform/response-cache.mjs (plain JavaScript: `npm run serve` loads it without a build).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export interface KeptResponse { headers: OutgoingHttpHeaders; parts: string[]; nonce: string }
export function cacheableRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean;
export function newNonce(): string;
export function nonceOf(csp: unknown): string | null;
export function keptResponse(statusCode: number, headers: OutgoingHttpHeaders, body: Buffer | null): KeptResponse | null;
export function withNonce(kept: KeptResponse, nonce: string): { headers: OutgoingHttpHeaders; body: Buffer };
export function createResponseCache(options: {
  keyOf: (request: { url: string | undefined; cookie: string | undefined }) => Promise<string | null>;
  maxBytes?: number;
}): {
  serve(req: IncomingMessage, res: ServerResponse, render: () => unknown): Promise<unknown>;
};
