// Passkeys and their open challenges (private.passkeys, private.webauthn_challenges): the app's alone, read and
// written as the service role, always for one named person.
import type { Tx } from "@/lib/db";
import type { PasskeyRow } from "@/lib/types/security";

export interface StoredPasskey {
  id: string;
  name: string;
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
}

export type ChallengePurpose = "register" | "sign-in";
const CHALLENGE_MINUTES = 5;

/** Opens a ceremony: this challenge replaces any open one of the person for the purpose. */
export async function putChallenge(tx: Tx, { userId, purpose, challenge }: { userId: string; purpose: ChallengePurpose; challenge: string }) {
  await tx`
    insert into private.webauthn_challenges (user_id, purpose, challenge, expires_at)
    values (${userId}, ${purpose}, ${challenge}, now() + make_interval(mins => ${CHALLENGE_MINUTES}))
    on conflict (user_id, purpose) do update set challenge = excluded.challenge, expires_at = excluded.expires_at`;
}

/** Takes the person's open challenge for the purpose (it is gone after this, answered or not); null if none is open. */
export async function takeChallenge(tx: Tx, { userId, purpose }: { userId: string; purpose: ChallengePurpose }): Promise<string | null> {
  const [row] = await tx<{ challenge: string; live: boolean }[]>`
    delete from private.webauthn_challenges where user_id = ${userId} and purpose = ${purpose}
    returning challenge, expires_at > now() as live`;
  return row?.live ? row.challenge : null;
}

export async function passkeysOf(tx: Tx, { userId }: { userId: string }): Promise<StoredPasskey[]> {
  return tx<StoredPasskey[]>`
    select id, name, credential_id as "credentialId", public_key as "publicKey", sign_count::float8 as "signCount", transports
    from private.passkeys where user_id = ${userId} order by created_at`;
}

/** The person's passkeys as /account lists them (never the key). */
export async function passkeyList(tx: Tx, { userId }: { userId: string }): Promise<PasskeyRow[]> {
  return tx<PasskeyRow[]>`
    select id, name, created_at as "createdAt", last_used_at as "lastUsedAt"
    from private.passkeys where user_id = ${userId} order by created_at`;
}

/** Stores a new passkey; false when that credential is already registered (to anyone). */
export async function insertPasskey(
  tx: Tx, { userId, credentialId, publicKey, signCount, transports, name }: { userId: string; credentialId: string; publicKey: Uint8Array; signCount: number; transports: string[]; name: string },
): Promise<boolean> {
  const rows = await tx`
    insert into private.passkeys (user_id, credential_id, public_key, sign_count, transports, name)
    values (${userId}, ${credentialId}, ${Buffer.from(publicKey)}, ${signCount}, ${transports}, ${name})
    on conflict (credential_id) do nothing
    returning 1`;
  return rows.length > 0;
}

/**
 * Records a use: the new counter must be above the stored one unless both are 0 (an authenticator without a
 * counter). False when it is not: a cloned authenticator, or a replay racing the first use.
 */
export async function usePasskey(tx: Tx, { id, signCount }: { id: string; signCount: number }): Promise<boolean> {
  const rows = await tx`
    update private.passkeys set sign_count = ${signCount}, last_used_at = now()
    where id = ${id} and (sign_count < ${signCount} or (sign_count = 0 and ${signCount} = 0))
    returning 1`;
  return rows.length > 0;
}

/** Removes one of the person's passkeys; false if it is not theirs (or gone). */
export async function deletePasskey(tx: Tx, { userId, id }: { userId: string; id: string }): Promise<{ name: string } | null> {
  const [row] = await tx<{ name: string }[]>`delete from private.passkeys where id = ${id} and user_id = ${userId} returning name`;
  return row ?? null;
}
