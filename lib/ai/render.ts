// Turns a draft (Claude's or the template's) plus the facts into the update's Markdown. Every figure in the
// body is rendered here from the facts; the prose around it carries no numbers of its own.
import type { UpdateDraft } from "@/lib/ai/draft-schema";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";

export interface Citation {
  highlight: string;
  entryIds: string[];
}

export interface RenderedUpdate {
  title: string;
  bodyMd: string;
  citations: Citation[];
}

const STATUS: Record<string, string> = { proposed: "proposed", planned: "planned", in_progress: "in progress", shipped: "shipped", dropped: "dropped" };

export function renderUpdate(draft: UpdateDraft, facts: WeeklyFacts): RenderedUpdate {
  const md: string[] = [draft.summary, "", "### Highlights"];
  for (const h of draft.highlights) md.push(`- ${h.text}`);
  md.push("", "### By the numbers");
  md.push(`- **${formatMinutes(facts.totalMinutes)}** of work this week${facts.billableMinutes !== facts.totalMinutes ? ` (${formatMinutes(facts.billableMinutes)} billable)` : ""}`);
  for (const i of facts.minutesByItem) md.push(`- ${i.title}: ${formatMinutes(i.minutes)}`);
  for (const s of facts.itemsShipped) md.push(`- Shipped: **${s.title}** on ${formatDate(s.on, { month: "short", day: "numeric" })}`);
  for (const m of facts.itemsMoved) md.push(`- ${m.title}: now ${STATUS[m.to] ?? m.to}`);
  if (facts.month) {
    const f = facts.month;
    md.push(`- ${formatMonth(f.month)} so far: ${formatMinutes(f.usedMinutes)} of ${formatMinutes(f.availableMinutes)} used; on pace for ${formatMinutes(f.projectedMinutes)}`);
  }
  if (draft.nextWeek.length) md.push("", "### Next week", ...draft.nextWeek.map((n) => `- ${n}`));
  if (draft.risks.length) md.push("", "### Risks and decisions", ...draft.risks.map((r) => `- ${r}`));
  return {
    title: draft.headline,
    bodyMd: md.join("\n"),
    citations: draft.highlights.map((h) => ({ highlight: h.text, entryIds: h.entryIds })),
  };
}

/** The same structure without a model: from the facts alone, deterministic. */
export function templateDraft(facts: WeeklyFacts, openItems: string[]): UpdateDraft {
  const main = facts.minutesByItem.find((i) => i.itemId) ?? facts.minutesByItem[0];
  const weekOf = formatDate(facts.weekStart, { month: "long", day: "numeric" });
  const highlights = facts.minutesByItem.slice(0, 4).map((i) => {
    const entries = facts.entries.filter((e) => (e.roadmapItem ?? "Other work") === i.title);
    const what = [...new Set(entries.map((e) => e.description))].slice(0, 3).join("; ");
    return { text: `${i.title}: ${what}`, entryIds: entries.map((e) => e.id) };
  });
  const risks: string[] = [];
  if (facts.month && facts.month.projectedMinutes > facts.month.availableMinutes && facts.month.availableMinutes > 0) {
    risks.push("At the current pace the month goes past the included hours. Tell us whether to slow down or continue into overage.");
  }
  return {
    headline: main?.itemId ? `Week of ${weekOf}: progress on ${main.title}` : main ? `Week of ${weekOf}: upkeep and support` : `Week of ${weekOf}: a quiet week`,
    summary: facts.entries.length
      ? `This week's work focused on ${facts.minutesByItem.slice(0, 2).map((i) => i.title).join(" and ")}.${facts.itemsShipped.length ? ` Shipped: ${facts.itemsShipped.map((s) => s.title).join(", ")}.` : ""}`
      : "No hours were logged this week.",
    highlights: highlights.length ? highlights : [{ text: "No work was logged this week.", entryIds: [] }],
    nextWeek: openItems.slice(0, 3).map((t) => `Continue with ${t}.`),
    risks,
  };
}
