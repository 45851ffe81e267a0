// Weekly updates: facts from the ledger, a draft from Claude or the template, edits, publication.
// The Claude call happens outside any database transaction; the draft is written only once it checked out.
import { draftWithClaude, type ClaudeConfig } from "@/lib/ai/claude";
import { PROMPT_VERSION } from "@/lib/ai/prompt";
import { renderUpdate, templateDraft } from "@/lib/ai/render";
import { asUser, withServiceRole, type Claims, type Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { openRoadmapItems } from "@/lib/db/ledger";
import { findUpdateForWeek, memberEmails, publishUpdate, roadmapChanges, upsertDraft, weekEntries } from "@/lib/db/updates";
import { addDays } from "@/lib/domain/dates";
import { computeWeeklyFacts, type WeeklyFacts } from "@/lib/domain/weekly";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { clientMonth, type ClientRef } from "@/lib/ledger";
import { enqueueMail } from "@/lib/mail/outbox";

/** The week's facts, with the month as it stood at the end of the week (or now, for the current week). */
export async function weeklyFacts(tx: Tx, client: ClientRef, weekStart: string, now: Date): Promise<WeeklyFacts> {
  const weekEndInstant = new Date(`${addDays(weekStart, 7)}T00:00:00Z`); // close enough to pick the month; the zone decides the day
  const asOf = now < weekEndInstant ? now : new Date(weekEndInstant.getTime() - 12 * 3600_000);
  const [entries, changes, cm] = await Promise.all([
    weekEntries(tx, { clientId: client.id, weekStart }),
    roadmapChanges(tx, { clientId: client.id, zone: client.timezone, weekStart }),
    clientMonth(tx, client, asOf),
  ]);
  const s = cm.statement;
  const f = cm.forecast;
  return computeWeeklyFacts({
    clientName: client.name,
    timezone: client.timezone,
    weekStart,
    entries,
    roadmapChanges: changes,
    month: s && f ? {
      month: s.month, usedMinutes: s.usedMinutes, availableMinutes: s.availableMinutes, remainingMinutes: s.remainingMinutes,
      projectedMinutes: f.projectedMinutes, runsOutOn: f.runsOutOn,
    } : null,
  });
}

export interface DraftOptions {
  claude: Omit<ClaudeConfig, "apiKey"> & { apiKey?: string };
  now: Date;
}

/**
 * Drafts (or redrafts) the week's update: Claude when a key is set and the client's owners allow it,
 * the template otherwise. Returns the update id. Any failure leaves an existing draft as it was.
 */
export async function draftUpdate(claims: Claims, clientId: string, weekStart: string, opts: DraftOptions): Promise<{ id: string; source: "ai" | "template" }> {
  const { client, facts, openItems } = await asUser(claims, async (tx) => {
    const client = await getClient(tx, { clientId });
    const existing = await findUpdateForWeek(tx, { clientId, weekStart });
    if (existing?.status === "published") throw new AppError("conflict", "This week's update is already published.");
    return {
      client,
      facts: await weeklyFacts(tx, client, weekStart, opts.now),
      openItems: (await openRoadmapItems(tx, { clientIds: [clientId] })).map((i) => i.title),
    };
  });

  const useClaude = Boolean(opts.claude.apiKey) && client.aiDraftingEnabled;
  const { draft, model } = useClaude
    ? await draftWithClaude(facts, { ...opts.claude, apiKey: opts.claude.apiKey! })
    : { draft: templateDraft(facts, openItems), model: null };
  const rendered = renderUpdate(draft, facts);

  const id = await asUser(claims, (tx) =>
    upsertDraft(tx, claims.sub, clientId, {
      weekStart, title: rendered.title, bodyMd: rendered.bodyMd, facts, citations: rendered.citations,
      source: useClaude ? "ai" : "template", model, promptVersion: useClaude ? PROMPT_VERSION : null,
    }),
  );
  return { id, source: useClaude ? "ai" : "template" };
}

/** Publishes a draft and emails every member of the client, in one transaction. */
export async function publish(tx: Tx, actorId: string, client: ClientRef, updateId: string, input: { title: string; bodyMd: string }, appUrl: string) {
  const weekStart = await publishUpdate(tx, actorId, client.id, updateId, input);
  const recipients = await memberEmails(tx, { clientId: client.id });
  await withServiceRole(tx, async () => {
    for (const r of recipients) {
      await enqueueMail(tx, {
        kind: "update.published",
        clientId: client.id,
        to: r.email,
        subject: `${client.name}: ${input.title}`,
        text: `Your weekly update for the week of ${formatDate(weekStart, { month: "long", day: "numeric", year: "numeric" })} is ready.\n\n${input.title}\n\n${input.bodyMd}\n\nRead it in the portal: ${appUrl}/clients/${client.id}/updates`,
        dedupeKey: `update:${updateId}:${r.email}`,
      });
    }
  });
}
