import "server-only";
// Passkeys (WebAuthn, by @simplewebauthn/server) as a second step beside the authenticator app (issue 29). The
// relying party is APP_URL's host and origin; a browser on another origin cannot answer. Each ceremony's challenge
// is stored for the person and taken when answered (lib/db/passkeys), so a signed answer counts once; the
// signature counter, when the authenticator keeps one, must grow. Failed passkey sign-ins count with wrong codes
// (countedAttempt in lib/auth/factors).
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransport, type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { asService, withServiceRole, type Tx } from "@/lib/db";
import { deletePasskey, insertPasskey, passkeysOf, putChallenge, takeChallenge, usePasskey } from "@/lib/db/passkeys";
import { dropRecoveryCodesIfNoFactor, factorSummary } from "@/lib/db/second-factor";
import { securityEventIn } from "@/lib/auth/events";
import { countedAttempt, freshRecoveryCodes, tellPerson } from "@/lib/auth/factors";
import { ISSUER } from "@/lib/auth/second-factor";
import { AppError } from "@/lib/platform/errors";
import { env } from "@/lib/platform/env";

/** Who the passkeys belong to: APP_URL's host name (the RP ID) and its origin. */
export function relyingParty() {
  const url = new URL(env().APP_URL);
  return { id: url.hostname, origin: url.origin };
}

const EXPIRED = "This passkey request has expired. Try again.";
const NOT_CHECKED = "Your browser's answer could not be checked. Try again, or use another passkey.";
const PASSKEY_FAILED = "That passkey did not work. Try again, or use a code from your authenticator app or a recovery code.";

const transportsOf = (list: string[]) => list as AuthenticatorTransport[];

/** Starts adding a passkey: the options the browser's authenticator needs (the person's own passkeys excluded). */
export async function registrationOptions(tx: Tx, { userId, email }: { userId: string; email: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return withServiceRole(tx, async () => {
    const existing = await passkeysOf(tx, { userId });
    const options = await generateRegistrationOptions({
      rpName: ISSUER, rpID: relyingParty().id, userName: email, userID: new TextEncoder().encode(userId),
      attestationType: "none",
      excludeCredentials: existing.map((k) => ({ id: k.credentialId, transports: transportsOf(k.transports) })),
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    });
    await putChallenge(tx, { userId, purpose: "register", challenge: options.challenge });
    return options;
  });
}

/**
 * Adds the passkey the browser made against the person's open challenge. The first second factor of a person also
 * gets ten recovery codes (shown once); the person is emailed either way.
 */
export async function registerPasskey(tx: Tx, { userId, name, response }: { userId: string; name: string; response: RegistrationResponseJSON }): Promise<{ codes: string[] | null }> {
  return withServiceRole(tx, async () => {
    const challenge = await takeChallenge(tx, { userId, purpose: "register" });
    if (!challenge) throw new AppError("invalid", EXPIRED);
    const { id, origin } = relyingParty();
    const verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: id, requireUserVerification: false })
      .catch(() => null);
    if (!verified?.verified) throw new AppError("invalid", NOT_CHECKED);
    const before = await factorSummary(tx, { userId });
    const { credential } = verified.registrationInfo;
    const stored = await insertPasskey(tx, {
      userId, name, credentialId: credential.id, publicKey: credential.publicKey, signCount: credential.counter, transports: credential.transports ?? [],
    });
    if (!stored) throw new AppError("conflict", "That passkey is already registered.");
    const codes = before.since === null && before.passkeys === 0 ? await freshRecoveryCodes(tx, userId) : null;
    await securityEventIn(tx, { kind: "factor_enrolled", outcome: "ok", userId, detail: `passkey “${name}”` });
    await tellPerson(tx, userId, codes ? { change: "on" } : { change: "passkey added", passkey: name });
    return { codes };
  });
}

/** Removes one of the person's passkeys; with no factor left, two-step sign-in is off (and the recovery codes go). */
export async function removePasskey(tx: Tx, { userId, passkeyId }: { userId: string; passkeyId: string }): Promise<{ off: boolean }> {
  return withServiceRole(tx, async () => {
    const removed = await deletePasskey(tx, { userId, id: passkeyId });
    if (!removed) throw new AppError("not_found", "That passkey is not one of yours, or was already removed.");
    await dropRecoveryCodesIfNoFactor(tx, { userId });
    const after = await factorSummary(tx, { userId });
    const off = after.since === null && after.passkeys === 0;
    await securityEventIn(tx, { kind: "factor_removed", outcome: "ok", userId, detail: `passkey “${removed.name}”` });
    await tellPerson(tx, userId, off ? { change: "off" } : { change: "passkey removed", passkey: removed.name });
    return { off };
  });
}

/** The second step with a passkey: the options for the browser, naming the person's passkeys. */
export async function signInOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return asService(async (tx) => {
    const keys = await passkeysOf(tx, { userId });
    if (keys.length === 0) throw new AppError("invalid", "You have no passkey. Use a code from your authenticator app or a recovery code.");
    const options = await generateAuthenticationOptions({
      rpID: relyingParty().id, userVerification: "preferred",
      allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: transportsOf(k.transports) })),
    });
    await putChallenge(tx, { userId, purpose: "sign-in", challenge: options.challenge });
    return options;
  });
}

/** Checks the browser's answer against the person's open sign-in challenge and passkey; counted. Returns the passkey's name. */
export async function passPasskeyStep(userId: string, response: AuthenticationResponseJSON): Promise<string> {
  const passed = await countedAttempt(userId, "a passkey that did not check out", async (tx) => {
    const challenge = await takeChallenge(tx, { userId, purpose: "sign-in" });
    const key = (await passkeysOf(tx, { userId })).find((k) => k.credentialId === response.id);
    if (!challenge || !key) return null;
    const { id, origin } = relyingParty();
    const result = await verifyAuthenticationResponse({
      response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: id, requireUserVerification: false,
      credential: { id: key.credentialId, publicKey: new Uint8Array(key.publicKey), counter: key.signCount, transports: transportsOf(key.transports) },
    }).catch(() => null);
    if (!result?.verified) return null;
    return (await usePasskey(tx, { id: key.id, signCount: result.authenticationInfo.newCounter })) ? key.name : null;
  });
  if (!passed) throw new AppError("invalid", PASSKEY_FAILED);
  return passed;
}
