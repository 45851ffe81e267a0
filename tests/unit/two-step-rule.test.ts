// Who must set up two-step sign-in first (lib/domain/two-step): staff always, owners (or all of a client's people) when the practice asks it,
// nobody whose session already took two steps, and nobody where the rule does not apply (hosted, the demo).
import { describe, expect, it } from "vitest";
import { mustSetUpTwoStep } from "@/lib/domain/two-step";

const owner = [{ clientId: "c", clientName: "C", role: "owner" as const }];
const member = [{ clientId: "c", clientName: "C", role: "member" as const }];

describe("two steps first", () => {
  it("holds staff always, owners when the practice asks, never members", () => {
    const on = { ruleApplies: true };
    expect(mustSetUpTwoStep({ staffRole: "engineer", secondStep: false, memberships: [], ownersTwoStep: false, membersTwoStep: false }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: false, memberships: [], ownersTwoStep: false, membersTwoStep: false }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: owner, ownersTwoStep: false, membersTwoStep: false }, on)).toBe(false);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: owner, ownersTwoStep: true, membersTwoStep: false }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: member, ownersTwoStep: true, membersTwoStep: false }, on)).toBe(false);
  });

  it("holds members too when the practice asks it of every client's people, and nobody with no client", () => {
    const on = { ruleApplies: true };
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: member, ownersTwoStep: false, membersTwoStep: true }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: owner, ownersTwoStep: false, membersTwoStep: true }, on)).toBe(true);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: false, memberships: [], ownersTwoStep: true, membersTwoStep: true }, on)).toBe(false);
    expect(mustSetUpTwoStep({ staffRole: null, secondStep: true, memberships: member, ownersTwoStep: false, membersTwoStep: true }, on)).toBe(false);
  });

  it("lets through a session that took two steps, and everyone where the rule does not apply", () => {
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: true, memberships: [], ownersTwoStep: true, membersTwoStep: false }, { ruleApplies: true })).toBe(false);
    expect(mustSetUpTwoStep({ staffRole: "admin", secondStep: false, memberships: owner, ownersTwoStep: true, membersTwoStep: false }, { ruleApplies: false })).toBe(false);
  });
});
