// The proxy names the client a request is about (from /clients/<id>/…) in a request header, so the session
// read can fetch the caller's access to it in the same transaction (lib/auth/session). It is only a hint of
// what to read early, under the caller's own RLS; a forged value is overwritten by the proxy and would at
// worst cost one wasted query.
export const CLIENT_HINT_HEADER = "x-rp-client";

export function clientHint(pathname: string): string | null {
  return /^\/clients\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i.exec(pathname)?.[1] ?? null;
}
