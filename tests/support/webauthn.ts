// A software authenticator (WebAuthn level 3, "none" attestation, ES256) for the tests that cannot drive a browser:
// it makes a P-256 key pair, answers registration and sign-in challenges exactly as a platform authenticator
// would, and can be told to lie (another origin, a stale challenge, a counter that does not grow) for the attacks.
// The browser tests use Chromium's own virtual authenticator instead (tests/e2e/passkeys.spec.ts).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { encodeCBOR, type CBORType } from "@levischuck/tiny-cbor";

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftAnswer {
  id: string;
  rawId: string;
  type: "public-key";
  response: Record<string, unknown>;
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: "platform";
}

export class SoftAuthenticator {
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject };
  readonly credentialId = randomBytes(32);
  counter = 0;

  constructor(private readonly relyingParty: { id: string; origin: string }, private readonly opts: { keepsCounter?: boolean } = {}) {
    this.keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private coseKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    return encodeCBOR(new Map<number, CBORType>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")],
    ]));
  }

  private authData(flags: number, attested: boolean, rpId = this.relyingParty.id): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const parts = [sha256(rpId), Buffer.from([flags]), counter];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, Buffer.from(this.coseKey()));
    }
    return Buffer.concat(parts);
  }

  /** Answers navigator.credentials.create() for these options. */
  register(options: { challenge: string }, lie: { origin?: string } = {}): SoftAnswer {
    const clientData = JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: lie.origin ?? this.relyingParty.origin, crossOrigin: false });
    const attestation = encodeCBOR(new Map<string, CBORType>([
      ["fmt", "none"], ["attStmt", new Map()], ["authData", new Uint8Array(this.authData(FLAG_UP | FLAG_UV | FLAG_AT, true))],
    ]));
    return {
      id: this.id, rawId: this.id, type: "public-key", clientExtensionResults: {}, authenticatorAttachment: "platform",
      response: { clientDataJSON: b64url(clientData), attestationObject: b64url(attestation), transports: ["internal"] },
    };
  }

  /** Answers navigator.credentials.get() for these options (the counter grows unless it keeps none). */
  authenticate(options: { challenge: string }, lie: { origin?: string; rpId?: string } = {}): SoftAnswer {
    if (this.opts.keepsCounter !== false) this.counter += 1;
    const clientData = JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: lie.origin ?? this.relyingParty.origin, crossOrigin: false });
    const authData = this.authData(FLAG_UP | FLAG_UV, false, lie.rpId);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientData)]), this.keys.privateKey);
    return {
      id: this.id, rawId: this.id, type: "public-key", clientExtensionResults: {}, authenticatorAttachment: "platform",
      response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(authData), signature: b64url(signature) },
    };
  }
}
