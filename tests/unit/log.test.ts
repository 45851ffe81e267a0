import { describe, expect, it } from "vitest";
import { scrubber, secretValues } from "@/lib/platform/log";

describe("log scrubbing", () => {
  it("finds configured secrets and the passwords inside connection URLs", () => {
    const values = secretValues({
      SESSION_SECRET: "session-secret-0123456789abcdef0123", STRIPE_SECRET_KEY: "sk_live_abcdef123456",
      DATABASE_URL: "postgres://retainer_app:p%40ss-w0rd-long@db.example:5432/postgres", SMTP_URL: "smtp://mailer:smtp-pass-123@mx:2525",
      CRON_SECRET: "short", NODE_ENV: "production",
    });
    expect(values.sort()).toEqual(["p@ss-w0rd-long", "session-secret-0123456789abcdef0123", "sk_live_abcdef123456", "smtp-pass-123"].sort());
  });

  it("replaces every occurrence in a line, wherever it hides", () => {
    const scrub = scrubber(["sk_live_abcdef123456", "p@ss-w0rd-long"]);
    const line = JSON.stringify({ msg: "failed", err: { message: "Invalid key sk_live_abcdef123456 for p@ss-w0rd-long" }, url: "x?k=sk_live_abcdef123456" });
    expect(scrub(line)).not.toMatch(/sk_live_abcdef123456|p@ss-w0rd-long/);
    expect(scrub(line)).toContain("[redacted]");
    expect(scrubber([])("unchanged")).toBe("unchanged");
  });
});
