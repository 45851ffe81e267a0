// The hosted provider against a local double of the Supabase Auth endpoints it calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supabaseAuth } from "@/lib/auth/supabase";
import { AppError } from "@/lib/platform/errors";
import { startSupabaseAuthDouble } from "../doubles/supabase-auth";

const userId = "0b7c6f5e-4d3c-4b2a-8a19-0f1e2d3c4b5a";
const email = "owner@client.test";
let double: Awaited<ReturnType<typeof startSupabaseAuthDouble>>;

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    jar,
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (list: { name: string; value: string }[]) => {
        for (const { name, value } of list) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
  };
}

beforeAll(async () => {
  double = await startSupabaseAuthDouble({ validCode: "424242", userId, email });
});
afterAll(() => double.close());

describe("supabase provider", () => {
  it("requests an email OTP for the address", async () => {
    const { cookies } = cookieJar();
    await supabaseAuth({ url: double.url, publishableKey: "sb_publishable_test", cookies }).requestCode(email);
    const otp = double.requests.find((r) => r.path.startsWith("/auth/v1/otp"))!;
    expect(JSON.parse(otp.body)).toMatchObject({ email, create_user: true });
    expect(otp.headers.apikey).toBe("sb_publishable_test");
  });

  it("verifies the code, stores the session in cookies, and reads verified claims back", async () => {
    const { cookies, jar } = cookieJar();
    const auth = supabaseAuth({ url: double.url, publishableKey: "sb_publishable_test", cookies });
    await expect(auth.verifyCode(email, "424242")).resolves.toEqual({ sub: userId, email, role: "authenticated" });
    expect(jar.size).toBeGreaterThan(0);

    const fresh = supabaseAuth({ url: double.url, publishableKey: "sb_publishable_test", cookies });
    const before = double.requests.filter((r) => r.path.startsWith("/auth/v1/user")).length;
    await expect(fresh.claims()).resolves.toEqual({ sub: userId, email, role: "authenticated", session_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // An HS256 session cannot be checked locally, so the claims are confirmed with the Auth server.
    expect(double.requests.filter((r) => r.path.startsWith("/auth/v1/user")).length).toBe(before + 1);
  });

  it("has no claims without a session", async () => {
    const { cookies } = cookieJar();
    await expect(supabaseAuth({ url: double.url, publishableKey: "k", cookies }).claims()).resolves.toBeNull();
  });

  it("reports a wrong code and rate limiting as safe errors", async () => {
    const { cookies } = cookieJar();
    const auth = supabaseAuth({ url: double.url, publishableKey: "k", cookies });
    const wrong = await auth.verifyCode(email, "000000").catch((e) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong).toMatchObject({ code: "invalid", fieldErrors: { code: ["That code is not right or has expired. Request a new one."] } });
    const flooded = await auth.requestCode("flood@client.test").catch((e) => e);
    expect(flooded).toMatchObject({ code: "rate_limited" });
  });
});
