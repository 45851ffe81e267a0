// The rules pages and actions share (lib/domain): the 80% line, who sees what, what may be logged.
import { describe, expect, expectTypeOf, it } from "vitest";
import { CATEGORIES, type Category } from "@/lib/domain/categories";
import { allowsClient, allowsPractice, seesMoney, type ClientScope } from "@/lib/domain/access";
import { adjustmentProblem, editProblem, futureDateProblem, latestWorkDate } from "@/lib/domain/entries";
import { pastAttention, usageStatus } from "@/lib/domain/usage";

describe("usageStatus", () => {
  it("draws the 80% line exactly, in whole minutes", () => {
    expect(usageStatus(479, 600)).toBe("ok"); // 79.8%: a rounded percentage would have said 80
    expect(usageStatus(480, 600)).toBe("attention");
    expect(usageStatus(600, 600)).toBe("attention"); // all used, not over
    expect(usageStatus(601, 600)).toBe("over");
    expect(usageStatus(30, 0)).toBe("hourly");
    expect(pastAttention(480, 600)).toBe(true);
    expect(pastAttention(10, 0)).toBe(false);
  });
});

describe("access", () => {
  const owner = { staffRole: null, memberRole: "owner" as const, isStaff: false };
  const member = { staffRole: null, memberRole: "member" as const, isStaff: false };
  const engineer = { staffRole: "engineer" as const, memberRole: null, isStaff: true };
  const admin = { staffRole: "admin" as const, memberRole: null, isStaff: true };
  const allowed = (f: typeof owner | typeof member | typeof engineer | typeof admin) =>
    (["member", "owner", "billing", "engineer", "admin"] as ClientScope[]).filter((s) => allowsClient(s, f));

  it("gives each actor exactly its scopes of a client", () => {
    expect(allowed(member)).toEqual(["member"]);
    expect(allowed(owner)).toEqual(["member", "owner", "billing"]);
    expect(allowed(engineer)).toEqual(["member", "billing", "engineer"]);
    expect(allowed(admin)).toEqual(["member", "billing", "engineer", "admin"]);
    expect([member, owner, engineer, admin].map(seesMoney)).toEqual([false, true, true, true]);
  });

  it("and of the practice", () => {
    expect([null, "engineer", "admin"].map((r) => allowsPractice("staff", r as never))).toEqual([false, true, true]);
    expect([null, "engineer", "admin"].map((r) => allowsPractice("admin", r as never))).toEqual([false, false, true]);
    expect(allowsPractice("signed-in", null)).toBe(true);
  });
});

describe("entry rules", () => {
  const client = { name: "Kiwi Co", timezone: "Pacific/Auckland" };
  const now = new Date("2026-11-30T20:00:00Z"); // already Dec 1 in Auckland

  it("allow logging through tomorrow in the client's zone", () => {
    expect(latestWorkDate(now, client.timezone)).toBe("2026-12-02");
    expect(futureDateProblem("2026-12-02", client, now)).toBeNull();
    expect(futureDateProblem("2026-12-03", client, now)).toEqual({ field: "workDate", message: "That date is in the future for Kiwi Co (Pacific/Auckland)." });
  });

  it("send corrections of closed months to a later month, and edits to open ones", () => {
    expect(adjustmentProblem({ workDate: "2026-10-10", monthClosed: false }, "2026-11-02")?.message).toMatch(/still open/);
    expect(adjustmentProblem({ workDate: "2026-10-10", monthClosed: true }, "2026-10-31")?.field).toBe("workDate");
    expect(adjustmentProblem({ workDate: "2026-10-10", monthClosed: true }, "2026-11-01")).toBeNull();
  });

  it("keep voided entries and zero adjustments from being saved", () => {
    expect(editProblem({ voidedAt: new Date(), adjustsEntryId: null }, 30)?.kind).toBe("conflict");
    expect(editProblem({ voidedAt: null, adjustsEntryId: "x" }, 0)?.message).toBe("An adjustment cannot be zero.");
    expect(editProblem({ voidedAt: null, adjustsEntryId: "x" }, -30)).toBeNull();
  });
});

describe("categories", () => {
  it("lists every category of the shared type once (tsc checks the type half)", () => {
    expectTypeOf<(typeof CATEGORIES)[number]>().toEqualTypeOf<Category>();
    expect(new Set(CATEGORIES).size).toBe(CATEGORIES.length);
  });
});
