// Under Supabase Auth (hosted sign-in) the app does not yet ask for GoTrue's MFA, so it offers no second factor of
// its own: one set up here would never be asked for, a pathway that looks stronger than it is (ASVS 6.3.4). Every
// command that sets one up refuses, and the account page says why instead of offering it.
import { describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import { addPasskey, confirmTwoStep, passkeyRegistrationOptions, startTwoStep } from "@/lib/auth/commands";
import { HOSTED_NO_TWO_STEP } from "@/lib/auth/factors";
import { authProvider } from "@/lib/platform/env";
import { admin, createUser } from "../support/fixtures";

// Before the first env() of this file's module graph (vitest isolates each file).
process.env.NEXT_PUBLIC_SUPABASE_URL = "http://127.0.0.1:9";
process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = "sb_publishable_test";

const B64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const WELL_FORMED = JSON.stringify({ id: B64, rawId: B64, type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: B64, attestationObject: B64 } });

describe("two-step sign-in under Supabase Auth", () => {
  it("is not offered: setting up an app or a passkey is refused and nothing is stored", async () => {
    expect(authProvider()).toBe("supabase");
    const user = await createUser("hosted-two-step");
    for (const [cmd, input] of [[startTwoStep, {}], [confirmTwoStep, { code: "123456" }], [passkeyRegistrationOptions, {}], [addPasskey, { name: "Laptop", response: WELL_FORMED }]] as const) {
      const refused = await execute(cmd, user.claims, input);
      expect(refused, cmd.name).toMatchObject({ ok: false, error: { userMessage: expect.stringContaining(HOSTED_NO_TWO_STEP.slice(0, 40)) } });
    }
    expect(await admin`select 1 from private.totp_factors where user_id = ${user.id} union all select 1 from private.webauthn_challenges where user_id = ${user.id}`).toHaveLength(0);
  });
});
