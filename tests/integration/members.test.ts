// A client's people through lib/db under the real policies, as each actor (issue 28, item 8): staff change a
// role, remove someone, resend or withdraw an invitation; the client's last owner stays; nobody signed in
// writes a membership directly.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { asService, asUser } from "@/lib/db";
import { acceptInvitation, createInvitation, renewInvitation } from "@/lib/clients/invite";
import { changeMemberRole, removeMember } from "@/lib/clients/people";
import { listInvitations } from "@/lib/db/clients";
import { findInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/platform/errors";
import { addMember, admin, assignEngineer, createCast, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";
import { asPostgrest } from "../support/direct-access";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const failure = (e: unknown) => (e instanceof AppError ? e.code : (e as { code?: string }).code);
const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@test.local`;

const roleOf = async (clientId: string, userId: string) =>
  (await admin<{ role: string }[]>`select role from public.client_members where client_id = ${clientId} and user_id = ${userId}`)[0]?.role ?? null;

/** A client of its own, with the assigned engineer of the cast, and the people given. */
async function clientWith(people: { user: TestUser; role: "owner" | "member" }[]) {
  const clientId = await createClient();
  await assignEngineer(clientId, cast.assigned);
  for (const p of people) await addMember(clientId, p.user, p.role);
  return clientId;
}

async function invite(who: TestUser, input: { clientId: string; email: string; role: "owner" | "member" }) {
  const token = newLinkToken();
  const row = await asUser(who.claims, (tx) => createInvitation(tx, who.id, { ...input, tokenHash: linkTokenHash(token) }));
  return { ...row, token };
}

describe("roles", () => {
  it("staff of the client make a member an owner and back, each with an audit event", async () => {
    const [owner, member] = await Promise.all([createUser("owner"), createUser("member")]);
    const clientId = await clientWith([{ user: owner, role: "owner" }, { user: member, role: "member" }]);

    const promoted = await asUser(cast.assigned.claims, (tx) => changeMemberRole(tx, cast.assigned.id, { clientId, userId: member.id, role: "owner" }));
    expect(promoted).toMatchObject({ changed: true, person: { userId: member.id, role: "member" } });
    expect(await roleOf(clientId, member.id)).toBe("owner");
    const again = await asUser(cast.admin.claims, (tx) => changeMemberRole(tx, cast.admin.id, { clientId, userId: member.id, role: "owner" }));
    expect(again.changed).toBe(false);

    await asUser(cast.admin.claims, (tx) => changeMemberRole(tx, cast.admin.id, { clientId, userId: owner.id, role: "member" }));
    expect(await roleOf(clientId, owner.id)).toBe("member");
    const audit = await admin`select actor_id, data from public.audit_events where client_id = ${clientId} and action = 'member.role_changed' order by at, id`;
    expect(audit).toMatchObject([
      { actor_id: cast.assigned.id, data: { email: member.email, before: "member", after: "owner" } },
      { actor_id: cast.admin.id, data: { email: owner.email, before: "owner", after: "member" } },
    ]);
  });

  it("owners, members and staff of other clients cannot change a role; a refusal writes nothing", async () => {
    const [owner, member] = await Promise.all([createUser("owner"), createUser("member")]);
    const clientId = await clientWith([{ user: owner, role: "owner" }, { user: member, role: "member" }]);
    for (const who of [owner, member, cast.unassigned, cast.ownerA]) {
      await expect(asUser(who.claims, (tx) => changeMemberRole(tx, who.id, { clientId, userId: member.id, role: "owner" })).catch(failure))
        .resolves.toBe("not_found");
      await expect(asUser(who.claims, (tx) => removeMember(tx, who.id, { clientId, userId: member.id })).catch(failure))
        .resolves.toBe("not_found");
    }
    expect(await roleOf(clientId, member.id)).toBe("member");
    expect((await admin`select count(*)::int as n from public.audit_events where client_id = ${clientId} and action like 'member.%'`)[0].n).toBe(0);
  });

  it("no one signed in writes a membership directly, as the Data API would, staff of the client included", async () => {
    const [owner, member] = await Promise.all([createUser("owner"), createUser("member")]);
    const clientId = await clientWith([{ user: owner, role: "owner" }, { user: member, role: "member" }]);
    for (const who of [cast.assigned, cast.admin, owner]) {
      const actor = { label: who.email, id: who.id, email: who.email };
      const update = await asPostgrest(admin, actor, (tx) => tx`update public.client_members set role = 'owner' where client_id = ${clientId} and user_id = ${member.id}`);
      const remove = await asPostgrest(admin, actor, (tx) => tx`delete from public.client_members where client_id = ${clientId} and user_id = ${member.id}`);
      expect([update.refused, remove.refused], who.email).toEqual(["42501", "42501"]);
    }
    expect(await roleOf(clientId, member.id)).toBe("member");
  });
});

describe("removal", () => {
  it("staff remove a person: the membership goes, their sessions end, an audit event stays, a second try is not found", async () => {
    const [owner, member] = await Promise.all([createUser("owner"), createUser("member")]);
    const clientId = await clientWith([{ user: owner, role: "owner" }, { user: member, role: "member" }]);
    await admin`insert into private.sessions (user_id, expires_at) values (${member.id}, now() + interval '1 day')`;

    const removed = await asUser(cast.assigned.claims, (tx) => removeMember(tx, cast.assigned.id, { clientId, userId: member.id }));
    expect(removed).toMatchObject({ userId: member.id, email: member.email, role: "member" });
    expect(await roleOf(clientId, member.id)).toBeNull();
    const [live] = await admin`select count(*)::int as n from private.sessions where user_id = ${member.id} and revoked_at is null`;
    expect(live.n).toBe(0);
    const [audit] = await admin`select actor_id, entity_id, data from public.audit_events where client_id = ${clientId} and action = 'member.removed'`;
    expect(audit).toMatchObject({ actor_id: cast.assigned.id, entity_id: member.id, data: { email: member.email, role: "member" } });
    await expect(asUser(cast.assigned.claims, (tx) => removeMember(tx, cast.assigned.id, { clientId, userId: member.id })).catch(failure))
      .resolves.toBe("not_found");
  });
});

describe("the last owner", () => {
  it("can be neither removed nor made a member; with a second owner, either can", async () => {
    const [owner, member] = await Promise.all([createUser("only-owner"), createUser("member")]);
    const clientId = await clientWith([{ user: owner, role: "owner" }, { user: member, role: "member" }]);
    for (const attempt of [
      () => asUser(cast.admin.claims, (tx) => removeMember(tx, cast.admin.id, { clientId, userId: owner.id })),
      () => asUser(cast.assigned.claims, (tx) => changeMemberRole(tx, cast.assigned.id, { clientId, userId: owner.id, role: "member" })),
    ]) {
      const refusal = await attempt().catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe("conflict");
      expect((refusal as AppError).userMessage).toMatch(/is the only owner\. Make someone else an owner first/);
    }
    expect(await roleOf(clientId, owner.id)).toBe("owner");

    // A member (not an owner) may always go; then a second owner lets the first one step down.
    await asUser(cast.admin.claims, (tx) => changeMemberRole(tx, cast.admin.id, { clientId, userId: member.id, role: "owner" }));
    await asUser(cast.admin.claims, (tx) => changeMemberRole(tx, cast.admin.id, { clientId, userId: owner.id, role: "member" }));
    expect([await roleOf(clientId, owner.id), await roleOf(clientId, member.id)]).toEqual(["member", "owner"]);
  });

  it("holds when two staff remove the only two owners at the same moment: one is refused", async () => {
    for (let round = 0; round < 3; round++) {
      const [one, two, engineer] = await Promise.all([createUser("owner-1"), createUser("owner-2"), createStaff("eng", "engineer")]);
      const clientId = await clientWith([{ user: one, role: "owner" }, { user: two, role: "owner" }]);
      await assignEngineer(clientId, engineer);
      const outcomes = await Promise.allSettled([
        asUser(cast.admin.claims, (tx) => removeMember(tx, cast.admin.id, { clientId, userId: one.id })),
        asUser(engineer.claims, (tx) => removeMember(tx, engineer.id, { clientId, userId: two.id })),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const [owners] = await admin`select count(*)::int as n from public.client_members where client_id = ${clientId} and role = 'owner'`;
      expect(owners.n).toBe(1);
    }
  });

  it("is not demoted by an older member invitation they accept later", async () => {
    const email = newEmail("stale-link");
    const clientId = await clientWith([]);
    const asMember = await invite(cast.assigned, { clientId, email, role: "member" });
    // A second pending link to the same address, as older versions made them (the app now renews the first).
    const ownerToken = newLinkToken();
    await admin`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      values (${clientId}, ${email}, 'owner', ${linkTokenHash(ownerToken)}, ${cast.assigned.id}, now() + interval '1 day')`;
    const { claims } = await asService((tx) => acceptInvitation(tx, linkTokenHash(ownerToken)));
    await asService((tx) => acceptInvitation(tx, linkTokenHash(asMember.token)));
    expect(await roleOf(clientId, claims.sub)).toBe("owner");
  });
});

describe("invitations sent again", () => {
  it("a resend mints a new link and a new week: the old link is dead, an expired one lives again", async () => {
    const email = newEmail("resend");
    const clientId = await clientWith([]);
    const first = await invite(cast.assigned, { clientId, email, role: "owner" });
    await admin`update public.invitations set expires_at = now() - interval '1 day' where id = ${first.id}`;
    const token = newLinkToken();
    const resent = await asUser(cast.admin.claims, (tx) => renewInvitation(tx, cast.admin.id, { clientId, invitationId: first.id, tokenHash: linkTokenHash(token) }));
    expect(resent).toEqual({ email, role: "owner" });
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(first.token) }))).resolves.toBeNull();
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(token) }))).resolves.toMatchObject({ email, role: "owner", state: "valid" });
    const [row] = await admin`select invited_by, expires_at > now() + interval '6 days' as week from public.invitations where id = ${first.id}`;
    expect(row).toEqual({ invited_by: cast.admin.id, week: true });
    const [audit] = await admin`select actor_id, data from public.audit_events where action = 'member.invitation_resent' and entity_id = ${first.id}`;
    expect(audit).toMatchObject({ actor_id: cast.admin.id, data: { email, role: "owner" } });
  });

  it("only the client's staff resend, and an accepted invitation is not found", async () => {
    const email = newEmail("resend-refused");
    const clientId = await clientWith([{ user: cast.ownerA, role: "owner" }]);
    const sent = await invite(cast.assigned, { clientId, email, role: "member" });
    for (const who of [cast.ownerA, cast.unassigned, cast.memberA]) {
      await expect(asUser(who.claims, (tx) => renewInvitation(tx, who.id, { clientId, invitationId: sent.id, tokenHash: linkTokenHash(newLinkToken()) })).catch(failure))
        .resolves.toBe("not_found");
    }
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(sent.token) }))).resolves.toMatchObject({ state: "valid" });
    await asService((tx) => acceptInvitation(tx, linkTokenHash(sent.token)));
    await expect(asUser(cast.assigned.claims, (tx) => renewInvitation(tx, cast.assigned.id, { clientId, invitationId: sent.id, tokenHash: linkTokenHash(newLinkToken()) })).catch(failure))
      .resolves.toBe("not_found");
  });

  it("inviting an address already invited renews that invitation instead of adding a second one", async () => {
    const email = newEmail("twice");
    const clientId = await clientWith([]);
    const first = await invite(cast.assigned, { clientId, email, role: "member" });
    const second = await invite(cast.assigned, { clientId, email, role: "owner" });
    expect(second).toMatchObject({ id: first.id, renewed: true });
    expect(first.renewed).toBe(false);
    const pending = (await asUser(cast.assigned.claims, (tx) => listInvitations(tx, { clientId }))).filter((i) => i.email === email);
    expect(pending).toHaveLength(1);
    expect(pending[0].role).toBe("owner");
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(first.token) }))).resolves.toBeNull();
  });
});
