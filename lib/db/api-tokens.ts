// Personal API tokens (supabase/migrations/20261207000200_api_tokens.sql): a person reads their own under RLS;
// creating, revoking, the lookup of a request's token and its last-used time are the service role's.
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { ApiScope } from "@/lib/domain/api-scopes";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  clientId: string | null;
  clientName: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function listApiTokens(tx: Tx) {
  return tx<ApiTokenRow[]>`
    select t.id, t.name, t.prefix, t.scopes, t.client_id as "clientId", c.name as "clientName", t.created_at as "createdAt",
           t.expires_at as "expiresAt", t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt"
    from public.api_tokens t left join public.clients c on c.id = t.client_id
    where t.user_id = (select auth.uid())
    order by t.revoked_at nulls first, t.created_at desc`;
}

/** A new token, expiring `lifetimeDays` from now on the database's real clock (a security time, never the app's test clock). */
export async function insertApiToken(tx: Tx, { userId, name, tokenHash, prefix, scopes, clientId, lifetimeDays }: {
  userId: string; name: string; tokenHash: string; prefix: string; scopes: ApiScope[]; clientId: string | null; lifetimeDays: number;
}) {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.api_tokens (user_id, name, token_hash, prefix, scopes, client_id, expires_at)
    values (${userId}, ${name}, ${tokenHash}, ${prefix}, ${scopes}::text[], ${clientId}, now() + make_interval(days => ${lifetimeDays})) returning id`);
  return row.id;
}

/** Revokes one of the person's live tokens; false when it is not theirs or not live. */
export async function revokeApiToken(tx: Tx, { userId, tokenId }: { userId: string; tokenId: string }): Promise<boolean> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    update public.api_tokens set revoked_at = now() where id = ${tokenId} and user_id = ${userId} and revoked_at is null returning id`);
  return rows.length > 0;
}

export interface ApiCaller {
  tokenId: string;
  userId: string;
  email: string;
  scopes: ApiScope[];
  clientId: string | null;
  expiresAt: Date;
  /** Past its expiry on the database's real clock. */
  expired: boolean;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** The token with this hash and its person (service role: the caller is not known yet), or null. */
export async function findApiToken(tx: Tx, { tokenHash }: { tokenHash: string | string[] }): Promise<ApiCaller | null> {
  const [row] = await serviceStatement<ApiCaller[]>(tx, tx`
    select t.id as "tokenId", t.user_id as "userId", p.email, t.scopes, t.client_id as "clientId", t.expires_at as "expiresAt",
           t.expires_at <= now() as expired, t.revoked_at as "revokedAt", t.last_used_at as "lastUsedAt"
    from public.api_tokens t join public.profiles p on p.id = t.user_id where t.token_hash = any(${[tokenHash].flat()}::text[])`);
  return row ?? null;
}

/** Records a use, to the minute (a busy token writes at most once a minute). */
export async function touchApiToken(tx: Tx, { tokenId }: { tokenId: string }) {
  await serviceStatement(tx, tx`
    update public.api_tokens set last_used_at = date_trunc('minute', now())
    where id = ${tokenId} and (last_used_at is null or last_used_at < date_trunc('minute', now()))`);
}
