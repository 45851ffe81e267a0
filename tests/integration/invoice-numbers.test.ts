// Local invoice numbers have no gaps (issue 27): the practice's counter row is taken in the close's own
// transaction, so a close that rolls back gives its number back, concurrent closes take turns, and the
// migration that replaced the sequence continues from the highest number already issued. Each test has a
// practice of its own (a database of its own) so the series starts at 1 and nothing else numbers in it.
import fs from "node:fs";
import postgres from "postgres";
import { afterEach, describe, expect, inject, it } from "vitest";
import { serialSchemaWork } from "../support/test-db";
import { closeMonthTx } from "@/lib/billing/close";
import type { Tx } from "@/lib/db";
import { applyBootstrap, listMigrations, migrate } from "@/lib/db/migrate";
import { isolatedDatabase } from "../support/isolated-db";

const NOW = new Date("2026-11-26T12:00:00Z");
const MONTH = "2026-09-01";
const GAPLESS = "20261206000100";
const options = { onnotice: () => {} } as const;

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A practice of its own, and a service-role transaction on it with a pool as wide as asked. */
async function freshPractice(label: string, connections = 4) {
  const db = await isolatedDatabase(label);
  const pool = postgres(db.appUrl, { ...options, max: connections });
  cleanup.push(() => db.drop(), () => pool.end());
  const asService = <T>(fn: (tx: Tx) => Promise<T>) =>
    pool.begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true)`;
      return fn(tx as unknown as Tx);
    }) as Promise<T>;
  /** A client with terms since August and some September work, so its September close issues an invoice. */
  async function billableClient(i: number) {
    const [c] = await db.admin<{ id: string }[]>`
      insert into public.clients (name, slug, timezone, currency, billing_timing) values (${`Client ${i}`}, ${`client-${i}`}, 'America/New_York', 'USD', 'arrears') returning id`;
    const author = await db.signIn(`author-${i}@test.local`);
    await db.admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
      values (${c.id}, '2026-08-01', 600, 400000, 15000, 15)`;
    await db.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${c.id}, ${author.id}, '2026-09-10', ${300 + i * 50}, 'Build', 'build')`;
    return c.id;
  }
  const close = (clientId: string, tx?: Tx) =>
    tx ? closeMonthTx(tx, clientId, MONTH, { actorId: null, now: NOW, invoicing: "local" })
      : asService((t) => closeMonthTx(t, clientId, MONTH, { actorId: null, now: NOW, invoicing: "local" }));
  const numberOf = async (clientId: string) =>
    (await db.admin<{ number: string | null }[]>`select number from public.invoices where client_id = ${clientId} and month = ${MONTH}`)[0]?.number ?? null;
  const counter = async () => Number((await db.admin<{ last: string }[]>`select last from private.invoice_counters`)[0].last);
  return { db, asService, billableClient, close, numberOf, counter };
}

describe("local invoice numbers", () => {
  it("are given back by a close that rolls back after taking one: the next close gets the next number", async () => {
    const p = await freshPractice("inv_rollback");
    const [a, b] = [await p.billableClient(1), await p.billableClient(2)];

    // A's close takes INV-00001 and writes its invoice, then the transaction dies before its commit.
    let taken: string | null = null;
    const crash = await p.asService(async (tx) => {
      const { outcome, invoiceId } = await p.close(a, tx);
      expect(outcome).toBe("closed");
      [{ number: taken }] = await tx<{ number: string }[]>`select number from public.invoices where id = ${invoiceId}`;
      throw new Error("killed before the commit");
    }).catch((e: Error) => e.message);
    expect(crash).toBe("killed before the commit");
    expect(taken).toBe("INV-00001");
    expect(await p.numberOf(a)).toBeNull();
    expect(await p.counter()).toBe(0);

    await expect(p.close(b)).resolves.toMatchObject({ outcome: "closed" });
    expect(await p.numberOf(b)).toBe("INV-00001");
    await expect(p.close(a)).resolves.toMatchObject({ outcome: "closed" });
    expect(await p.numberOf(a)).toBe("INV-00002");
    // A close of a month already invoiced takes no number.
    await expect(p.close(a)).resolves.toMatchObject({ outcome: "already_closed" });
    expect(await p.counter()).toBe(2);
  });

  it("run 1..N without a gap or a duplicate when N clients close at once", async () => {
    const N = 12;
    const p = await freshPractice("inv_concurrent", N);
    const clients: string[] = [];
    for (let i = 0; i < N; i++) clients.push(await p.billableClient(i));
    // Every client's close twice, all at once: the second of each pair finds the invoice and takes nothing.
    const results = await Promise.all([...clients, ...clients].map((c) => p.close(c)));
    expect(results.filter((r) => r.outcome === "closed")).toHaveLength(N);
    const numbers = await p.db.admin<{ number: string }[]>`select number from public.invoices order by number`;
    expect(numbers.map((r) => r.number)).toEqual(Array.from({ length: N }, (_, i) => `INV-${String(i + 1).padStart(5, "0")}`));
    expect(await p.counter()).toBe(N);
    // What each close audited is the number its invoice carries.
    const audited = await p.db.admin<{ mismatched: number }[]>`
      select count(*)::int as mismatched from public.audit_events a join public.invoices i on i.id::text = a.entity_id
      where a.action = 'month.closed' and a.data ->> 'number' is distinct from i.number`;
    expect(audited).toEqual([{ mismatched: 0 }]);
  });
});

describe("the migration from the sequence", () => {
  it("continues from the highest local number already issued (invoices and the audit of each close), ignoring Stripe's", async () => {
    const name = `rp_inv_upgrade_${Math.random().toString(36).slice(2, 10)}`;
    const root = postgres(inject("adminUrl"), { ...options, max: 1 });
    await root.unsafe(`create database ${name}`);
    await root.end();
    const url = new URL(inject("adminUrl"));
    url.pathname = `/${name}`;
    const adminUrl = url.toString();
    const admin = postgres(adminUrl, { ...options, max: 1 });
    cleanup.push(async () => {
      await admin.end();
      const r = postgres(inject("adminUrl"), { ...options, max: 1 });
      await r.unsafe(`drop database if exists ${name} with (force)`);
      await r.end();
    });

    // The database as it stood before the counter, with invoices numbered by the old sequence.
    await serialSchemaWork(async () => {
      await applyBootstrap(adminUrl);
      await admin`create schema if not exists supabase_migrations`;
      await admin`create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)`;
      const before = listMigrations().filter((m) => m.version < GAPLESS);
      for (const m of before) {
        const body = fs.readFileSync(m.file, "utf8");
        await admin.begin(async (tx) => {
          await tx.unsafe(body);
          await tx`insert into supabase_migrations.schema_migrations (version, statements, name) values (${m.version}, ${[body]}, ${m.name})`;
        });
      }
    });
    const [c] = await admin<{ id: string }[]>`insert into public.clients (name, slug, timezone, currency) values ('Old Co', 'old-co', 'UTC', 'EUR') returning id`;
    await admin`
      insert into public.invoices (client_id, month, number, status, currency, total_cents)
      values (${c.id}, '2026-01-01', 'INV-00003', 'paid', 'EUR', 1), (${c.id}, '2026-02-01', 'INV-00007', 'open', 'EUR', 1),
             (${c.id}, '2026-03-01', 'DBL2026-9999', 'open', 'EUR', 1), (${c.id}, '2026-04-01', null, 'draft', 'EUR', 1)`;
    // An issued number whose invoice is gone is still issued: the close's audit event remembers it.
    await admin`insert into public.audit_events (client_id, action, entity, data)
      values (${c.id}, 'month.closed', 'invoice', ${admin.json({ number: "INV-00009" })}), (${c.id}, 'month.closed', 'invoice', ${admin.json({ number: "DBL2026-99999" })})`;

    const applied = await serialSchemaWork(() => migrate(adminUrl));
    expect(applied[0]).toBe(GAPLESS);
    const [counter] = await admin<{ last: string }[]>`select last from private.invoice_counters`;
    expect(Number(counter.last)).toBe(9);
    const [gone] = await admin<{ seq: string | null; fn: string | null }[]>`
      select to_regclass('private.invoice_number_seq')::text as seq, to_regprocedure('private.next_invoice_number()')::text as fn`;
    expect(gone).toEqual({ seq: null, fn: null });
  });
});
