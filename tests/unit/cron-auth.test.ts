// The cron secret check: right and wrong tokens, and no early exit on length (a length compare before the
// constant-time compare tells a caller how long the secret is).
import { describe, expect, it, vi } from "vitest";

const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.push([a.byteLength, b.byteLength]);
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

const { bearerMatches } = await import("@/lib/auth/cron");

const SECRET = "cron-secret-0123456789";

describe("bearerMatches", () => {
  it("accepts exactly `Bearer <secret>`", () => {
    expect(bearerMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
  });

  it("refuses a wrong, shorter, longer, empty or unprefixed token, and everyone when no secret is set", () => {
    for (const header of [`Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`, `Bearer ${SECRET.toUpperCase()}`, "Bearer ", "", SECRET, `bearer ${SECRET}`, `Basic ${SECRET}`]) {
      expect(bearerMatches(header, SECRET), header).toBe(false);
    }
    expect(bearerMatches(null, SECRET)).toBe(false);
    expect(bearerMatches("Bearer ", "")).toBe(false);
    expect(bearerMatches("Bearer undefined", undefined)).toBe(false);
  });

  it("compares fixed-length digests whatever the length of the token sent: its length is never compared first", () => {
    compared.length = 0;
    const tokens = ["", "x", SECRET.slice(0, 5), SECRET.slice(0, -1), SECRET, `${SECRET}${"y".repeat(100)}`];
    for (const token of tokens) bearerMatches(`Bearer ${token}`, SECRET);
    expect(compared).toEqual(tokens.map(() => [32, 32]));
  });
});
