// Test data through the real schema. The superuser connection seeds; the code under test runs as the app.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { asService, type Claims } from "@/lib/db";
import { createSession } from "@/lib/db/sessions";
import type { ClientRef } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";
import { testDatabaseUrls } from "./test-db";

export const admin = postgres(testDatabaseUrls().adminUrl, { max: 4, onnotice: () => {} });

export interface TestUser {
  id: string;
  email: string;
  claims: Claims;
}

const tag = () => randomUUID().slice(0, 8);

export async function createUser(label: string, fullName = label): Promise<TestUser> {
  const email = `${label}-${tag()}@test.local`;
  const [row] = await admin<{ id: string }[]>`
    insert into auth.users (email, raw_user_meta_data) values (${email}, ${admin.json({ full_name: fullName })}) returning id`;
  return { id: row.id, email, claims: { sub: row.id, email, role: "authenticated" } };
}

export async function createStaff(label: string, role: "admin" | "engineer"): Promise<TestUser> {
  const user = await createUser(label);
  await admin`insert into public.staff (user_id, role) values (${user.id}, ${role})`;
  return user;
}

/**
 * A client as the tests knew them before billing timing (issue 27): billed in arrears unless a test asks for
 * advance (the column's default, what the new-client form gives), with no start date unless given.
 */
export async function createClient(
  opts: { name?: string; timezone?: string; currency?: string; billingTiming?: "advance" | "arrears"; startDate?: string | null } = {},
): Promise<string> {
  const t = tag();
  const [row] = await admin<{ id: string }[]>`
    insert into public.clients (name, slug, timezone, currency, billing_timing, start_date)
    values (${opts.name ?? `Client ${t}`}, ${`client-${t}`}, ${opts.timezone ?? "America/New_York"}, ${opts.currency ?? "USD"},
            ${opts.billingTiming ?? "arrears"}, ${opts.startDate ?? null})
    returning id`;
  return row.id;
}

export async function addMember(clientId: string, user: TestUser, role: "owner" | "member") {
  await admin`insert into public.client_members (client_id, user_id, role) values (${clientId}, ${user.id}, ${role})`;
}

export async function assignEngineer(clientId: string, user: TestUser) {
  await admin`insert into public.client_engineers (client_id, user_id) values (${clientId}, ${user.id})`;
}

/** The cast of the access tests: two clients and everyone around them. */
export async function createCast() {
  const clientA = await createClient({ name: "Client A" });
  const clientB = await createClient({ name: "Client B", timezone: "Asia/Tokyo", currency: "JPY" });
  const [memberA, ownerA, ownerB, unassigned, assigned, adminUser] = await Promise.all([
    createUser("member-a"), createUser("owner-a"), createUser("owner-b"),
    createStaff("unassigned-eng", "engineer"), createStaff("assigned-eng", "engineer"), createStaff("admin", "admin"),
  ]);
  await addMember(clientA, memberA, "member");
  await addMember(clientA, ownerA, "owner");
  await addMember(clientB, ownerB, "owner");
  await assignEngineer(clientA, assigned);
  return { clientA, clientB, memberA, ownerA, ownerB, unassigned, assigned, admin: adminUser };
}

/** The person as the app's own functions take them (a Viewer), for tests that call lib code below the commands. */
/** A live local session of the person, as signing in makes one (aal2: with the second step), and the claims its cookie carries. */
export async function signedIn(
  user: TestUser, { aal = "aal2", userAgent = null, ip = null }: { aal?: "aal1" | "aal2"; userAgent?: string | null; ip?: string | null } = {},
): Promise<Claims & { sid: string }> {
  const { id } = await asService((tx) => createSession(tx, { userId: user.id, lifetimeSeconds: 30 * 86_400, origin: { userAgent, ip }, aal }));
  return { ...user.claims, sid: id };
}

export function viewerOf(user: TestUser, staffRole: "admin" | "engineer" | null = null): Viewer {
  const label = user.email.split("-")[0];
  return { userId: user.id, email: user.email, fullName: label, timezone: null, staffRole, memberships: [], sessionLive: true, secondStep: true, ownersTwoStep: false, membersTwoStep: false };
}

/** A client as the app's functions name it (id, name, zone, currency), read from the row. */
export async function clientRef(clientId: string): Promise<ClientRef> {
  const [row] = await admin<ClientRef[]>`select id, name, timezone, currency from public.clients where id = ${clientId}`;
  return row;
}
