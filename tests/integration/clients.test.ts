// Client management through lib/clients and lib/db under the real policies, as each actor.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { asService, asUser } from "@/lib/db";
import { createClient, setArchived, updateClient } from "@/lib/clients/details";
import { assignEngineer } from "@/lib/clients/engineers";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/clients/invite";
import { getClient, listInvitations } from "@/lib/db/clients";
import { findInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/platform/errors";
import { admin, createCast, type TestUser } from "../support/fixtures";
import { asPostgrest } from "../support/direct-access";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const input = { name: "Fjord Robotics", timezone: "Europe/Oslo", currency: "NOK", billingEmail: "" };
const failure = (e: unknown) => (e instanceof AppError ? e.code : (e as { code?: string }).code);

/** As the settings page does (lib/clients/invite): a fresh link token, only its keyed hash to the table. */
async function invite(who: TestUser, input: { clientId: string; email: string; role: "owner" | "member" }) {
  const token = newLinkToken();
  const row = await asUser(who.claims, (tx) => createInvitation(tx, who.id, { ...input, tokenHash: linkTokenHash(token) }));
  return { ...row, token };
}

describe("clients", () => {
  it("admins create clients with a unique slug and an audit event", async () => {
    const first = await asUser(cast.admin.claims, (tx) => createClient(tx, cast.admin.id, { ...input, slug: "fjord-robotics" }));
    const second = await asUser(cast.admin.claims, (tx) => createClient(tx, cast.admin.id, { ...input, slug: "fjord-robotics" }));
    const rows = await admin`select slug from public.clients where id in ${admin([first, second])} order by created_at`;
    expect(rows.map((r) => r.slug)).toEqual(["fjord-robotics", "fjord-robotics-2"]);
    const [audit] = await admin`select action, actor_id from public.audit_events where entity_id = ${first}`;
    expect(audit).toMatchObject({ action: "client.created", actor_id: cast.admin.id });
  });

  it("engineers who are not admins cannot create clients", async () => {
    const before = await admin`select count(*)::int as n from public.clients`;
    const e = await asUser(cast.assigned.claims, (tx) => createClient(tx, cast.assigned.id, { ...input, slug: "nope" })).catch(failure);
    expect(e).toBe("42501");
    expect(await admin`select count(*)::int as n from public.clients`).toEqual(before);
  });

  it("another tenant's client is 'not found', and a refused edit changes nothing", async () => {
    await expect(asUser(cast.ownerB.claims, (tx) => getClient(tx, { clientId: cast.clientA }))).resolves.toBeNull();
    const [before] = await admin`select name from public.clients where id = ${cast.clientA}`;
    await expect(
      asUser(cast.unassigned.claims, (tx) => updateClient(tx, cast.unassigned.id, cast.clientA, input)).catch(failure),
    ).resolves.toBe("not_found");
    const [after] = await admin`select name from public.clients where id = ${cast.clientA}`;
    expect(after).toEqual(before);
    // Owners may update their client's row only to switch AI drafting; the trigger refuses anything else.
    await expect(asUser(cast.ownerA.claims, (tx) => setArchived(tx, cast.ownerA.id, cast.clientA, true)).catch(failure)).resolves.toBe("42501");
    expect((await admin`select archived_at from public.clients where id = ${cast.clientA}`)[0].archived_at).toBeNull();
  });

  it("assigned engineers edit their client and the audit keeps before and after", async () => {
    const clientId = await asUser(cast.admin.claims, (tx) => createClient(tx, cast.admin.id, { ...input, slug: "edit-me" }));
    await asUser(cast.admin.claims, (tx) => assignEngineer(tx, cast.admin.id, clientId, cast.assigned.id));
    await asUser(cast.assigned.claims, (tx) => updateClient(tx, cast.assigned.id, clientId, { ...input, name: "Fjord Robotics AS" }));
    const [audit] = await admin`select data from public.audit_events where entity_id = ${clientId} and action = 'client.updated'`;
    expect(audit.data).toMatchObject({ before: { name: "Fjord Robotics" }, after: { name: "Fjord Robotics AS" } });
  });
});

describe("invitations", () => {
  it("staff invite, the invitee accepts once and becomes a member", async () => {
    const email = `invitee-${Date.now()}@test.local`;
    const { token } = await invite(cast.assigned, { clientId: cast.clientA, email, role: "owner" });
    const [stored] = await admin`select token_hash from public.invitations where email = ${email}`;
    expect(stored.token_hash).not.toBe(token);
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(token) }))).resolves.toMatchObject({ email, role: "owner", state: "valid" });

    const { claims, clientId } = await asService((tx) => acceptInvitation(tx, linkTokenHash(token)));
    expect(clientId).toBe(cast.clientA);
    const [membership] = await admin`select role from public.client_members where client_id = ${cast.clientA} and user_id = ${claims.sub}`;
    expect(membership.role).toBe("owner");
    await expect(asService((tx) => acceptInvitation(tx, linkTokenHash(token))).catch(failure)).resolves.toBe("not_found");
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(token) }))).resolves.toMatchObject({ state: "accepted" });
  });

  it("an expired invitation does not work", async () => {
    const email = `late-${Date.now()}@test.local`;
    const { token, id } = await invite(cast.admin, { clientId: cast.clientA, email, role: "member" });
    await admin`update public.invitations set expires_at = now() - interval '1 minute' where id = ${id}`;
    await expect(asService((tx) => acceptInvitation(tx, linkTokenHash(token))).catch(failure)).resolves.toBe("not_found");
    const members = await admin`select 1 from public.client_members cm join public.profiles p on p.id = cm.user_id where p.email = ${email}`;
    expect(members).toHaveLength(0);
  });

  it("a hand-made invitation cannot be accepted: no one signed in may write one, and a plain digest never matches", async () => {
    // Issue 20, item 1: an engineer inserted an invitation for the admin's address with a token of her
    // choosing and a 100-year expiry, then accepted it and was signed in as the admin.
    const token = "chosen-by-the-attacker-0123456789abcdef";
    const before = await admin`select count(*)::int as n from public.invitations`;
    for (const who of [cast.assigned, cast.admin, cast.ownerA]) {
      const attempt = await asPostgrest(admin, { label: who.email, id: who.id, email: who.email }, (tx) => tx`
        insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
        values (${cast.clientA}, ${cast.admin.email}, 'owner', ${createHash("sha256").update(token).digest("hex")}, ${who.id}, now() + interval '100 years')`);
      expect(attempt.refused, who.email).toBe("42501");
    }
    expect(await admin`select count(*)::int as n from public.invitations`).toEqual(before);
    // Even a row that reached the table some other way (written before this change, or by a superuser) with
    // a plain digest is found by no token: links are looked up by their keyed hash.
    await admin`insert into public.invitations (client_id, email, role, token_hash, invited_by, expires_at)
      values (${cast.clientA}, ${cast.admin.email}, 'owner', ${createHash("sha256").update(token).digest("hex")}, ${cast.assigned.id}, now() + interval '100 years')`;
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(token) }))).resolves.toBeNull();
    await expect(asService((tx) => acceptInvitation(tx, linkTokenHash(token))).catch(failure)).resolves.toBe("not_found");
  });

  it("staff read pending invitations without their token hash and revoke one; its link then stops working", async () => {
    const email = `revoked-${Date.now()}@test.local`;
    const { token, id } = await invite(cast.assigned, { clientId: cast.clientA, email, role: "member" });
    const hashRead = await asPostgrest(admin, { label: "assigned", id: cast.assigned.id, email: cast.assigned.email },
      (tx) => tx`select token_hash from public.invitations where id = ${id}`);
    expect(hashRead.refused).toBe("42501");
    expect((await asUser(cast.assigned.claims, (tx) => listInvitations(tx, { clientId: cast.clientA }))).map((i) => i.id)).toContain(id);
    // Members and owners cannot revoke; staff of the client can, once.
    for (const who of [cast.memberA, cast.ownerA]) {
      await expect(asUser(who.claims, (tx) => revokeInvitation(tx, who.id, { clientId: cast.clientA, invitationId: id })).catch(failure)).resolves.toBe("not_found");
    }
    await asUser(cast.assigned.claims, (tx) => revokeInvitation(tx, cast.assigned.id, { clientId: cast.clientA, invitationId: id }));
    await expect(asService((tx) => findInvitation(tx, { tokenHash: linkTokenHash(token) }))).resolves.toBeNull();
    const [audit] = await admin`select actor_id, data from public.audit_events where action = 'member.invitation_revoked' and entity_id = ${id}`;
    expect(audit).toMatchObject({ actor_id: cast.assigned.id, data: { email, role: "member" } });
    await expect(asUser(cast.assigned.claims, (tx) => revokeInvitation(tx, cast.assigned.id, { clientId: cast.clientA, invitationId: id })).catch(failure)).resolves.toBe("not_found");
  });

  it("members cannot invite and owners of other clients cannot either", async () => {
    for (const who of [cast.memberA, cast.ownerA, cast.ownerB]) {
      const e = await asUser(who.claims, (tx) =>
        createInvitation(tx, who.id, { clientId: cast.clientA, email: "x@test.local", role: "owner", tokenHash: linkTokenHash(newLinkToken()) }),
      ).catch(failure);
      expect(["not_found", "42501"]).toContain(e);
    }
  });
});

describe("who works for a client", () => {
  it("is visible to the client's owners and members, not only to staff", async () => {
    const { listEngineers } = await import("@/lib/db/clients");
    for (const who of [cast.ownerA, cast.memberA, cast.admin]) {
      const engineers = await asUser(who.claims, (tx) => listEngineers(tx, { clientId: cast.clientA, since: "2030-01-01" }));
      expect(engineers.map((e) => e.userId)).toContain(cast.assigned.id);
    }
    expect(await asUser(cast.ownerB.claims, (tx) => listEngineers(tx, { clientId: cast.clientA, since: "2030-01-01" }))).toEqual([]);
  });

  it("includes whoever logged time lately without an assignment, such as an admin (issue 28, item 9)", async () => {
    const { listEngineers } = await import("@/lib/db/clients");
    const clientId = (await admin`insert into public.clients (name, slug, timezone, currency) values ('Unassigned work', ${`uw-${Date.now()}`}, 'UTC', 'USD') returning id`)[0].id as string;
    await admin`insert into public.client_members (client_id, user_id, role) values (${clientId}, ${cast.ownerA.id}, 'owner')`;
    await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${clientId}, ${cast.admin.id}, '2030-05-20', 60, 'Set up the pipeline', 'build'),
             (${clientId}, ${cast.unassigned.id}, '2029-12-01', 60, 'Long ago', 'build')`;
    const seen = await asUser(cast.ownerA.claims, (tx) => listEngineers(tx, { clientId, since: "2030-03-01" }));
    expect(seen.map((e) => ({ userId: e.userId, assigned: e.assigned }))).toEqual([{ userId: cast.admin.id, assigned: false }]);
    expect(seen[0].email).toBe(cast.admin.email);
  });
});

describe("people name themselves", () => {
  it("changes only the caller's own name and time zone, with an audit event; a bad zone changes nothing", async () => {
    const { updateOwnProfile } = await import("@/lib/db/users");
    const { profileSchema } = await import("@/lib/auth/schemas");
    await asUser(cast.memberA.claims, (tx) => updateOwnProfile(tx, { userId: cast.memberA.id, input: { fullName: "Mina Member", timezone: "Pacific/Auckland" } }));
    const [row] = await admin`select full_name, timezone from public.profiles where id = ${cast.memberA.id}`;
    expect(row).toEqual({ full_name: "Mina Member", timezone: "Pacific/Auckland" });
    const [audit] = await admin`select actor_id, data from public.audit_events where action = 'profile.updated' and entity_id = ${cast.memberA.id}`;
    expect(audit).toMatchObject({ actor_id: cast.memberA.id, data: { after: { fullName: "Mina Member" } } });
    // Someone else's row: the policy finds nothing to update.
    const other = await asPostgrest(admin, { label: "member", id: cast.memberA.id, email: cast.memberA.email },
      (tx) => tx`update public.profiles set full_name = 'Renamed' where id = ${cast.ownerA.id}`);
    expect(other.rows).toBe(0);
    expect(profileSchema.safeParse({ fullName: "X", timezone: "Mars/Olympus" }).success).toBe(false);
    expect(profileSchema.safeParse({ fullName: "  ", timezone: "UTC" }).error?.issues[0].message).toBe("Enter your name.");
  });
});
