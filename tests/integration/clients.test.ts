// Client management through lib/db under the real policies, as each actor.
import { beforeAll, describe, expect, it } from "vitest";
import { asService, asUser } from "@/lib/db";
import { createClient, createInvitation, getClient, setArchived, updateClient, assignEngineer } from "@/lib/db/clients";
import { acceptInvitation, findInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/platform/errors";
import { admin, createCast } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

const input = { name: "Fjord Robotics", timezone: "Europe/Oslo", currency: "NOK", billingEmail: "" };
const failure = (e: unknown) => (e instanceof AppError ? e.code : (e as { code?: string }).code);

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
    await expect(asUser(cast.ownerB.claims, (tx) => getClient(tx, { clientId: cast.clientA })).catch(failure)).resolves.toBe("not_found");
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
    const { token } = await asUser(cast.assigned.claims, (tx) =>
      createInvitation(tx, cast.assigned.id, { clientId: cast.clientA, email, role: "owner" }),
    );
    const [stored] = await admin`select token_hash from public.invitations where email = ${email}`;
    expect(stored.token_hash).not.toBe(token);
    await expect(asService((tx) => findInvitation(tx, token))).resolves.toMatchObject({ email, role: "owner", state: "valid" });

    const { claims, clientId } = await asService((tx) => acceptInvitation(tx, token));
    expect(clientId).toBe(cast.clientA);
    const [membership] = await admin`select role from public.client_members where client_id = ${cast.clientA} and user_id = ${claims.sub}`;
    expect(membership.role).toBe("owner");
    await expect(asService((tx) => acceptInvitation(tx, token)).catch(failure)).resolves.toBe("not_found");
    await expect(asService((tx) => findInvitation(tx, token))).resolves.toMatchObject({ state: "accepted" });
  });

  it("an expired invitation does not work", async () => {
    const email = `late-${Date.now()}@test.local`;
    const { token, id } = await asUser(cast.admin.claims, (tx) =>
      createInvitation(tx, cast.admin.id, { clientId: cast.clientA, email, role: "member" }),
    );
    await admin`update public.invitations set expires_at = now() - interval '1 minute' where id = ${id}`;
    await expect(asService((tx) => acceptInvitation(tx, token)).catch(failure)).resolves.toBe("not_found");
    const members = await admin`select 1 from public.client_members cm join public.profiles p on p.id = cm.user_id where p.email = ${email}`;
    expect(members).toHaveLength(0);
  });

  it("members cannot invite and owners of other clients cannot either", async () => {
    for (const who of [cast.memberA, cast.ownerA, cast.ownerB]) {
      const e = await asUser(who.claims, (tx) =>
        createInvitation(tx, who.id, { clientId: cast.clientA, email: "x@test.local", role: "owner" }),
      ).catch(failure);
      expect(["not_found", "42501"]).toContain(e);
    }
  });
});

describe("who works for a client", () => {
  it("is visible to the client's owners and members, not only to staff", async () => {
    const { listEngineers } = await import("@/lib/db/clients");
    for (const who of [cast.ownerA, cast.memberA, cast.admin]) {
      const engineers = await asUser(who.claims, (tx) => listEngineers(tx, { clientId: cast.clientA }));
      expect(engineers.map((e) => e.userId)).toContain(cast.assigned.id);
    }
    expect(await asUser(cast.ownerB.claims, (tx) => listEngineers(tx, { clientId: cast.clientA }))).toEqual([]);
  });
});
