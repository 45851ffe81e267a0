// Test-only settings (a fixed clock, webhooks to loopback) are never honoured by a real deployment.
import { describe, expect, it } from "vitest";
import { testSettingsAllowed } from "@/lib/platform/embedded";

describe("test-only settings", () => {
  it("are honoured outside production, and in production only on the embedded runner's own loopback database", () => {
    expect(testSettingsAllowed({ NODE_ENV: "test" })).toBe(true);
    expect(testSettingsAllowed({ NODE_ENV: "development" })).toBe(true);
    expect(testSettingsAllowed({ NODE_ENV: "production", RP_EMBEDDED_DATABASE: "1", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" })).toBe(true);
    expect(testSettingsAllowed({ NODE_ENV: "production" })).toBe(false);
    expect(testSettingsAllowed({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" })).toBe(false);
    expect(testSettingsAllowed({ NODE_ENV: "production", RP_EMBEDDED_DATABASE: "1", DATABASE_URL: "postgres://u:p@db.example.supabase.co:5432/db" })).toBe(false);
    expect(testSettingsAllowed({ NODE_ENV: "production", RP_EMBEDDED_DATABASE: "1", DATABASE_URL: "not a url" })).toBe(false);
  });
});
