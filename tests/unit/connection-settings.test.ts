// How the app connects: pooler, prepared statements, pool size and TLS, from the environment alone.
import { describe, expect, it } from "vitest";
import { databaseSettings } from "@/lib/db/connection-settings";
import { startRefusal } from "@/lib/auth/start-check";

const REMOTE = "postgres://retainer_app.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";
const noFile = () => {
  throw new Error("ENOENT: no such file");
};

describe("prepared statements", () => {
  it("are off only when a transaction pooler is declared, whatever the URL looks like", () => {
    expect(databaseSettings({ DATABASE_URL: REMOTE }).prepare).toBe(true);
    expect(databaseSettings({ DATABASE_URL: "postgres://u:p@db.internal:6544/app", DATABASE_POOLER: "transaction" }).prepare).toBe(false);
    expect(databaseSettings({ DATABASE_URL: "postgres://u:p@db.internal:6544/app", DATABASE_POOLER: "session" }).prepare).toBe(true);
  });
  it("follow DATABASE_PREPARE when it is set", () => {
    expect(databaseSettings({ DATABASE_POOLER: "transaction", DATABASE_PREPARE: "true" }).prepare).toBe(true);
    expect(databaseSettings({ DATABASE_PREPARE: "false" }).prepare).toBe(false);
  });
  it("refuse an unknown pooler mode", () => {
    expect(databaseSettings({ DATABASE_POOLER: "statement" }).refusal).toContain("DATABASE_POOLER");
  });
});

describe("pool size", () => {
  it("is 10 on a server and 2 on a serverless host unless set", () => {
    expect(databaseSettings({}).max).toBe(10);
    expect(databaseSettings({ VERCEL: "1" }).max).toBe(2);
    expect(databaseSettings({ VERCEL: "1", DATABASE_POOL_SIZE: "3" }).max).toBe(3);
    expect(databaseSettings({ DATABASE_POOL_SIZE: "0" }).refusal).toContain("DATABASE_POOL_SIZE");
  });
});

describe("TLS", () => {
  it("verifies the server by default in production, against the CA file when given", () => {
    const s = databaseSettings({ NODE_ENV: "production", DATABASE_URL: REMOTE, DATABASE_CA_FILE: "/etc/ca.pem" }, () => "PEM");
    expect(s.tls).toBe("verify-full");
    expect(s.ssl).toEqual({ rejectUnauthorized: true, ca: "PEM" });
    expect(s.refusal).toBeNull();
    expect(databaseSettings({ NODE_ENV: "production", DATABASE_URL: REMOTE, DATABASE_CA: "INLINE" }).ssl).toEqual({ rejectUnauthorized: true, ca: "INLINE" });
  });
  it("takes the system CAs without a CA, and says so", () => {
    const s = databaseSettings({ NODE_ENV: "production", DATABASE_URL: REMOTE });
    expect(s.ssl).toEqual({ rejectUnauthorized: true });
    expect(s.notes.join(" ")).toContain("system's certificate authorities");
  });
  it("refuses an unreadable CA file rather than falling back", () => {
    expect(databaseSettings({ NODE_ENV: "production", DATABASE_URL: REMOTE, DATABASE_CA_FILE: "/nope.pem" }, noFile).refusal).toContain("DATABASE_CA_FILE (/nope.pem) cannot be read");
  });
  it("refuses sslmode=require in production: it encrypts without checking who answers", () => {
    const s = databaseSettings({ NODE_ENV: "production", DATABASE_URL: `${REMOTE}?sslmode=require` });
    expect(s.tls).toBe("unverified");
    expect(s.refusal).toContain("sslmode=require");
    expect(startRefusal({ production: true, peerHeader: "x", env: { DATABASE_URL: `${REMOTE}?sslmode=require` } })).toContain("never checks who answers");
  });
  it("refuses sslmode=disable in production unless DATABASE_TLS=off says it on purpose, and logs the opt-out", () => {
    expect(databaseSettings({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@10.0.0.5/db?sslmode=disable" }).refusal).toContain("DATABASE_TLS=off");
    const off = databaseSettings({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@10.0.0.5/db?sslmode=disable", DATABASE_TLS: "off" });
    expect(off.refusal).toBeNull();
    expect(off.ssl).toBe(false);
    expect(off.notes.join(" ")).toContain("without TLS (DATABASE_TLS=off) to 10.0.0.5");
  });
  it("is off for the embedded database on this host, and outside production", () => {
    const embedded = databaseSettings({ NODE_ENV: "production", RP_EMBEDDED_DATABASE: "1", DATABASE_URL: "postgres://u:p@127.0.0.1:54329/postgres" });
    expect(embedded.ssl).toBe(false);
    expect(embedded.refusal).toBeNull();
    // The embedded flag does not switch TLS off for a database elsewhere.
    expect(databaseSettings({ NODE_ENV: "production", RP_EMBEDDED_DATABASE: "1", DATABASE_URL: REMOTE }).tls).toBe("verify-full");
    expect(databaseSettings({ DATABASE_URL: REMOTE }).ssl).toBe(false);
  });
  it("honours sslmode=verify-full in the URL outside production too", () => {
    expect(databaseSettings({ DATABASE_URL: `${REMOTE}?sslmode=verify-full` }).ssl).toEqual({ rejectUnauthorized: true });
  });
  it("refuses an unknown DATABASE_TLS", () => {
    expect(databaseSettings({ DATABASE_TLS: "require" }).refusal).toContain("DATABASE_TLS");
  });
});
