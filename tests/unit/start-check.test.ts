// A production server with local sign-in starts only where it can know each caller's IP (issue 20, item 3).
import { describe, expect, it } from "vitest";
import { startRefusal } from "@/lib/auth/start-check";

const HOSTED = { NEXT_PUBLIC_SUPABASE_URL: "https://x.supabase.co", NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x" };

describe("startRefusal", () => {
  it("refuses plain `next start` in production without TRUSTED_PROXY, naming both fixes", () => {
    for (const env of [{}, { TRUSTED_PROXY: "" }, { NEXT_PUBLIC_SUPABASE_URL: HOSTED.NEXT_PUBLIC_SUPABASE_URL }]) {
      const refusal = startRefusal({ production: true, peerHeader: undefined, env });
      expect(refusal).toMatch(/^Refusing to start: this server cannot know its callers' IP addresses/);
      expect(refusal).toContain("`npm run serve`");
      expect(refusal).toContain("TRUSTED_PROXY to the number of proxies in front (1-5)");
      expect(refusal).toContain("TRUSTED_PROXY=vercel");
    }
  });

  it("starts under `npm run serve` (the peer header), with a trusted proxy, or with hosted sign-in, which never uses the IP", () => {
    expect(startRefusal({ production: true, peerHeader: "x-rp-peer-abc", env: {} })).toBeNull();
    for (const TRUSTED_PROXY of ["1", "5", "vercel"]) expect(startRefusal({ production: true, peerHeader: undefined, env: { TRUSTED_PROXY } })).toBeNull();
    expect(startRefusal({ production: true, peerHeader: undefined, env: HOSTED })).toBeNull();
  });

  it("refuses a TRUSTED_PROXY it cannot read, whatever else is set", () => {
    for (const TRUSTED_PROXY of ["0", "6", "yes", "2 ", "Vercel"]) {
      expect(startRefusal({ production: true, peerHeader: "x-rp-peer-abc", env: { ...HOSTED, TRUSTED_PROXY } }))
        .toBe(`Refusing to start: TRUSTED_PROXY is ${JSON.stringify(TRUSTED_PROXY)}, but it must be a number of proxies from 1 to 5, or vercel.`);
    }
  });

  it("never stops `next dev`", () => {
    expect(startRefusal({ production: false, peerHeader: undefined, env: {} })).toBeNull();
    expect(startRefusal({ production: false, peerHeader: undefined, env: { TRUSTED_PROXY: "yes" } })).toBeNull();
  });
});
