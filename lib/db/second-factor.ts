// Second factors (private.totp_factors, private.recovery_codes; passkeys in lib/db/passkeys): the app's alone, read and written as the service
// role, always for one named person. The secret is stored sealed; recovery codes as HMACs.
import type { Tx } from "@/lib/db";

export interface FactorRow {
  secretSealed: string;
  confirmedAt: Date | null;
  lastTimeStep: number | null;
}

export async function getFactor(tx: Tx, { userId }: { userId: string }): Promise<FactorRow | null> {
  const [row] = await tx<FactorRow[]>`
    select secret_sealed as "secretSealed", confirmed_at as "confirmedAt", last_time_step::float8 as "lastTimeStep"
    from private.totp_factors where user_id = ${userId}`;
  return row ?? null;
}

/** Starts setting up a factor: a new secret, replacing one not yet confirmed (never a confirmed one). Returns false if one is confirmed. */
export async function startFactor(tx: Tx, { userId, secretSealed }: { userId: string; secretSealed: string }): Promise<boolean> {
  const rows = await tx`
    insert into private.totp_factors (user_id, secret_sealed) values (${userId}, ${secretSealed})
    on conflict (user_id) do update set secret_sealed = excluded.secret_sealed, created_at = now(), last_time_step = null
      where private.totp_factors.confirmed_at is null
    returning 1`;
  return rows.length > 0;
}

/**
 * Accepts a code's time step once: true if it is later than any accepted before (and, with `confirm`, confirms the
 * factor). Taken under the row's lock, so two requests with one code cannot both pass.
 */
export async function acceptTimeStep(tx: Tx, { userId, timeStep, confirm = false }: { userId: string; timeStep: number; confirm?: boolean }): Promise<boolean> {
  const rows = await tx`
    update private.totp_factors set last_time_step = ${timeStep}, confirmed_at = case when ${confirm} then coalesce(confirmed_at, now()) else confirmed_at end
    where user_id = ${userId} and (last_time_step is null or last_time_step < ${timeStep})
      and (${confirm} or confirmed_at is not null)
    returning 1`;
  return rows.length > 0;
}

/** Removes every second factor of the person (the app, passkeys, recovery codes); true if there was one. */
export async function deleteAllFactors(tx: Tx, { userId }: { userId: string }): Promise<boolean> {
  await tx`delete from private.recovery_codes where user_id = ${userId}`;
  await tx`delete from private.webauthn_challenges where user_id = ${userId}`;
  const keys = await tx`delete from private.passkeys where user_id = ${userId} returning 1`;
  const app = await tx`delete from private.totp_factors where user_id = ${userId} returning 1`;
  return keys.length + app.length > 0;
}

/** Removes the person's authenticator app; the recovery codes too when no passkey remains. True if there was one. */
export async function deleteTotp(tx: Tx, { userId }: { userId: string }): Promise<boolean> {
  const rows = await tx`delete from private.totp_factors where user_id = ${userId} returning 1`;
  await dropRecoveryCodesIfNoFactor(tx, { userId });
  return rows.length > 0;
}

/** Recovery codes stand in for a factor: with none left (no confirmed app, no passkey) they go too. */
export async function dropRecoveryCodesIfNoFactor(tx: Tx, { userId }: { userId: string }) {
  await tx`
    delete from private.recovery_codes where user_id = ${userId}
      and not exists (select 1 from private.totp_factors where user_id = ${userId} and confirmed_at is not null)
      and not exists (select 1 from private.passkeys where user_id = ${userId})`;
}

/** Replaces every recovery code of the person with these (salted hashes, lib/auth/second-factor). */
export async function replaceRecoveryCodes(tx: Tx, { userId, hashes }: { userId: string; hashes: string[] }) {
  await tx`delete from private.recovery_codes where user_id = ${userId}`;
  for (const hash of hashes) await tx`insert into private.recovery_codes (user_id, code_hash) values (${userId}, ${hash})`;
}

/**
 * Uses one unused recovery code of the person: the first whose stored hash `matches` (salted hashes cannot be looked
 * up, so the person's at most ten are locked and checked in turn). True if one matched.
 */
export async function useRecoveryCode(tx: Tx, { userId, matches }: { userId: string; matches: (stored: string) => Promise<boolean> }): Promise<boolean> {
  const unused = await tx<{ id: string; codeHash: string }[]>`
    select id, code_hash as "codeHash" from private.recovery_codes where user_id = ${userId} and used_at is null order by id for update`;
  for (const { id, codeHash } of unused) {
    if (await matches(codeHash)) {
      await tx`update private.recovery_codes set used_at = now() where id = ${id}`;
      return true;
    }
  }
  return false;
}

/** Whether the person has a confirmed app (since when), how many passkeys and recovery codes are left. */
export async function factorSummary(tx: Tx, { userId }: { userId: string }): Promise<{ since: Date | null; pendingSealed: string | null; recoveryLeft: number; passkeys: number }> {
  const [row] = await tx<{ since: Date | null; pendingSealed: string | null; recoveryLeft: number; passkeys: number }[]>`
    select (select confirmed_at from private.totp_factors where user_id = ${userId}) as since,
           (select secret_sealed from private.totp_factors where user_id = ${userId} and confirmed_at is null) as "pendingSealed",
           (select count(*)::int from private.recovery_codes where user_id = ${userId} and used_at is null) as "recoveryLeft",
           (select count(*)::int from private.passkeys where user_id = ${userId}) as passkeys`;
  return row;
}
