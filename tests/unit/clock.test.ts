import { describe, expect, it } from "vitest";
import { ClockConfigError, fixedClockStart } from "@/lib/platform/clock";

const embedded = { RP_EMBEDDED_DATABASE: "1", DATABASE_URL: "postgres://retainer_app:x@127.0.0.1:54339/postgres" };

describe("the calendar clock", () => {
  it("runs on real time unless RP_CLOCK is set", () => {
    expect(fixedClockStart({ NODE_ENV: "production" })).toBeNull();
    expect(fixedClockStart({ NODE_ENV: "test" })).toBeNull();
  });

  it("takes an ISO instant in tests and on the embedded runner's database", () => {
    expect(fixedClockStart({ NODE_ENV: "test", RP_CLOCK: "2028-02-29T09:30:00Z" })).toBe(Date.UTC(2028, 1, 29, 9, 30));
    expect(fixedClockStart({ NODE_ENV: "production", RP_CLOCK: "2026-12-01T09:30:00Z", ...embedded })).toBe(Date.UTC(2026, 11, 1, 9, 30));
  });

  it("cannot be set on a real deployment", () => {
    const refuse = (env: NodeJS.ProcessEnv) => expect(() => fixedClockStart(env)).toThrow(ClockConfigError);
    refuse({ NODE_ENV: "production", RP_CLOCK: "2026-12-01T09:30:00Z" });
    refuse({ NODE_ENV: "production", RP_CLOCK: "2026-12-01T09:30:00Z", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/postgres" });
    refuse({ NODE_ENV: "production", RP_CLOCK: "2026-12-01T09:30:00Z", RP_EMBEDDED_DATABASE: "1",
      DATABASE_URL: "postgresql://retainer_app.ref:p@aws-0-eu-west-1.pooler.supabase.com:6543/postgres" });
  });

  it("refuses what is not an instant", () => {
    for (const value of ["tomorrow", "2026-12-01", "2026-13-01T00:00:00Z"]) {
      expect(() => fixedClockStart({ NODE_ENV: "test", RP_CLOCK: value })).toThrow(/ISO instant/);
    }
  });
});
