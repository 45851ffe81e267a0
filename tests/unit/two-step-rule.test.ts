// Who must set up two-step sign-in first (lib/domain/two-step): staff always, owners when the practice asks it,
// nobody whose session already took two steps, and nobody where the rule does not apply (hosted, the demo).
import { describe, expect, it } from "vitest";
import { mustSetUpTwoStep } from "@/lib/domain/two-step";

const owner = [{ clientId: "c", clientName: "C", role: "owner" as const }];
const member = [{ clientId: "c", clientName: "C", role: "member" as const }];

describe("two steps first", () => {
  it("holds staff always, owners when the practice asks, never members", () => {
    const on = { ruleApplies: true };
    expect(mustSetUpTwoStep({ staffRole: "engineer", secondStep: false, memberships: [], ownersTwoStep: false }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: false, memberships: [], ownersTwoStep: false }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: owner, ownersTwoStep: false }, on)).toBe(false);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: owner, ownersTwoStep: true }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: member, ownersTwoStep: true }, on)).toBe(false);
  });

  it("lets through a session that took two steps, and everyone where the rule does not apply", () => {
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: true, memberships: [], ownersTwoStep: true }, { ruleApplies: true })).toBe(false);
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: false, memberships: owner, ownersTwoStep: true }, { ruleApplies: false })).toBe(false);
  });
});
