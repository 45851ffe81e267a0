// Sign-in codes of the local provider: stored as an HMAC only (lib/auth/codes), single use.
import type { Tx } from "@/lib/db";

/** Ends every unused code of the address (a new one replaces them). */
export async function consumeOpenCodes(tx: Tx, { email }: { email: string }) {
  await tx`update public.sign_in_codes set consumed_at = now() where email = ${email} and consumed_at is null`;
}

export async function insertSignInCode(tx: Tx, { email, codeHash, ttlMinutes }: { email: string; codeHash: string; ttlMinutes: number }) {
  await tx`insert into public.sign_in_codes (email, code_hash, expires_at)
           values (${email}, ${codeHash}, now() + make_interval(mins => ${ttlMinutes}))`;
}

/** The address's newest unused code, locked until the transaction ends; null when there is none. */
export async function latestOpenCode(tx: Tx, { email }: { email: string }): Promise<{ id: string; codeHash: string; expired: boolean } | null> {
  const [row] = await tx<{ id: string; codeHash: string; expired: boolean }[]>`
    select id, code_hash as "codeHash", expires_at <= now() as expired from public.sign_in_codes
    where email = ${email} and consumed_at is null
    order by created_at desc limit 1 for update`;
  return row ?? null;
}

export async function countFailedAttempt(tx: Tx, { codeId }: { codeId: string }) {
  await tx`update public.sign_in_codes set failed_attempts = failed_attempts + 1 where id = ${codeId}`;
}

export async function consumeCode(tx: Tx, { codeId }: { codeId: string }) {
  await tx`update public.sign_in_codes set consumed_at = now() where id = ${codeId}`;
}
