// Sign-in codes of the local provider: stored as an HMAC only (lib/auth/codes), single use. A code's id is
// the request the verify form names, so a guess reaches that code and no other.
import type { Tx } from "@/lib/db";

/** Stores a new code and returns its id. */
export async function insertSignInCode(tx: Tx, { email, codeHash, ttlMinutes }: { email: string; codeHash: string; ttlMinutes: number }): Promise<string> {
  const [row] = await tx<{ id: string }[]>`insert into public.sign_in_codes (email, code_hash, expires_at)
           values (${email}, ${codeHash}, now() + make_interval(mins => ${ttlMinutes})) returning id`;
  return row.id;
}

/** The unused code of that request and address, locked until the transaction ends; null when there is none. */
export async function openCode(tx: Tx, { email, codeId }: { email: string; codeId: string }): Promise<{ id: string; codeHash: string; expired: boolean } | null> {
  const [row] = await tx<{ id: string; codeHash: string; expired: boolean }[]>`
    select id, code_hash as "codeHash", expires_at <= now() as expired from public.sign_in_codes
    where id = ${codeId} and email = ${email} and consumed_at is null
    for update`;
  return row ?? null;
}

/** Counts a wrong guess against the code; returns how many it has had. */
export async function countFailedAttempt(tx: Tx, { codeId }: { codeId: string }): Promise<number> {
  const [row] = await tx<{ tries: number }[]>`
    update public.sign_in_codes set failed_attempts = failed_attempts + 1 where id = ${codeId} returning failed_attempts as tries`;
  return row.tries;
}

export async function consumeCode(tx: Tx, { codeId }: { codeId: string }) {
  await tx`update public.sign_in_codes set consumed_at = now() where id = ${codeId}`;
}
