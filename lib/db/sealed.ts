// The secrets the app keeps sealed (lib/platform/secret-box): authenticator keys and Slack webhook URLs, listed and
// replaced for the re-seal after a key rotation (lib/jobs/reseal). As the service role.
import type { Tx } from "@/lib/db";
import type { SecretPurpose } from "@/lib/platform/secret-box";

export interface SealedRow {
  purpose: SecretPurpose;
  /** The row's key: the person (an authenticator) or the client (Slack). */
  owner: string;
  sealed: string;
}

export function listSealed(tx: Tx): Promise<SealedRow[]> {
  return tx<SealedRow[]>`
    select 'totp-secret' as purpose, user_id::text as owner, secret_sealed as sealed from private.totp_factors
    union all
    select 'slack-webhook-url', client_id::text, webhook_url_encrypted from public.client_slack`;
}

/** Replaces a sealed value if it is still the one read (a change made meanwhile wins); true if replaced. */
export async function replaceSealed(tx: Tx, { purpose, owner, before, after }: { purpose: SecretPurpose; owner: string; before: string; after: string }): Promise<boolean> {
  const rows = purpose === "totp-secret"
    ? await tx`update private.totp_factors set secret_sealed = ${after} where user_id = ${owner} and secret_sealed = ${before} returning 1`
    : await tx`update public.client_slack set webhook_url_encrypted = ${after} where client_id = ${owner} and webhook_url_encrypted = ${before} returning 1`;
  return rows.length > 0;
}
