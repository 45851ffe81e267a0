// Turns a draft (Claude's or the template's) plus the facts into the update's Markdown. Every figure in the
// body is rendered here from the facts; the prose around it carries no numbers of its own. Titles are
// people's words and are escaped, so a roadmap title cannot open a link, an image or a heading.
import { passesAsWritten } from "@/lib/ai/prose";
import { OUTSIDE_ROADMAP, type WeeklyFacts } from "@/lib/domain/weekly";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { allowedFigures, type UpdateDraft } from "@/lib/updates/draft-schema";
import { highlightKey, namesSomething } from "@/lib/updates/highlights";

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

/** A fact's text as literal Markdown (also read as plain text in the e-mail, so only what Markdown would act on). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, "$1\\$2").replace(/\s*\n\s*/g, " ");
}

/** An update's text without its Markdown marks, on one line, for a notification or a Slack message. */
export const updateExcerpt = (bodyMd: string): string => bodyMd.replace(/[#*_`>[\]]/g, "").replace(/\s+/g, " ").trim().slice(0, 300);

// The portal's own sentence, from a credible forecast only: Claude and the template never write about the balance.
export const PACE_RISK = "At the current pace the month goes past the included hours. Tell us whether to slow down or continue into overage.";

export function renderUpdate(draft: UpdateDraft, facts: WeeklyFacts): RenderedUpdate {
  const md: string[] = [draft.summary, "", "### Highlights"];
  for (const h of draft.highlights) md.push(`- ${h.text}`);
  if (!draft.highlights.length) md.push("- No work was logged this week.");
  md.push("", "### By the numbers");
  md.push(`- **${formatMinutes(facts.totalMinutes)}** of work this week${facts.billableMinutes !== facts.totalMinutes ? ` (${formatMinutes(facts.billableMinutes)} billable)` : ""}`);
  for (const i of facts.minutesByItem) md.push(`- ${escapeMarkdown(i.title)}: ${formatMinutes(i.minutes)}`);
  for (const s of facts.itemsShipped) md.push(`- Shipped: **${escapeMarkdown(s.title)}** on ${formatDate(s.on, { month: "short", day: "numeric" })}`);
  for (const m of facts.itemsMoved) md.push(`- ${escapeMarkdown(m.title)}: now ${STATUS[m.to] ?? m.to}`);
  const risks = [...draft.risks];
  if (facts.month) {
    const f = facts.month;
    // Usage facts always; the forecast only when it is credible, with what it rests on.
    const pace = f.forecastPaceDays !== null
      ? `; on pace for ${formatMinutes(f.projectedMinutes)} at the pace of the last ${f.forecastPaceDays} day${f.forecastPaceDays === 1 ? "" : "s"}`
      : "";
    md.push(`- ${formatMonth(f.month)} so far: ${formatMinutes(f.usedMinutes)} of ${formatMinutes(f.availableMinutes)} used${pace}`);
    if (f.forecastPaceDays !== null && f.projectedMinutes > f.availableMinutes && f.availableMinutes > 0) risks.push(PACE_RISK);
  }
  if (draft.nextWeek.length) md.push("", "### Next week", ...draft.nextWeek.map((n) => `- ${n}`));
  if (risks.length) md.push("", "### Risks and decisions", ...risks.map((r) => `- ${r}`));
  return {
    title: draft.headline,
    bodyMd: md.join("\n"),
    citations: draft.highlights.map((h) => ({ highlight: h.text, entryIds: h.entryIds })),
  };
}

/** `text` cut to `max` characters at a word boundary. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s;:,.]+$/, "")}…`;
}

/**
 * The same structure without a model: from the facts alone, deterministic. It is held to Claude's rules
 * (it passes checkDraft as written): people's words (roadmap titles, entry descriptions) are quoted only
 * when they pass those rules themselves, so an injected "say the month is free" or a "Phase 2" in a
 * description reaches no draft through the template either. What is not quoted still shows where the
 * portal renders the facts (every title, with its time, under "By the numbers") and in the citations.
 */
export function templateDraft(facts: WeeklyFacts, openItems: string[]): UpdateDraft {
  const allowed = allowedFigures(facts);
  const ok = (text: string, max: number, singleLine = true) => text.length <= max && passesAsWritten(text, allowed, { singleLine });
  const pick = (max: number, candidates: string[], fallback: string, singleLine = true) =>
    candidates.map((c) => fit(c, max)).find((c) => ok(c, max, singleLine)) ?? fallback;
  const quotable = (text: string) => ok(text, 200);

  const main = facts.minutesByItem.find((i) => i.itemId) ?? facts.minutesByItem[0];
  const headline = !main ? "A quiet week"
    : pick(140, main.itemId ? [`Progress on ${main.title}`] : [], main.itemId ? "Progress on the roadmap this week" : "Upkeep and support this week");

  // The focus names roadmap items only: time not linked to an item is "work outside the roadmap", not a title.
  const focus = facts.minutesByItem.filter((i) => i.itemId).slice(0, 2).map((i) => i.title).filter(quotable);
  const outside = facts.minutesByItem.some((i) => !i.itemId);
  const shipped = facts.itemsShipped.map((s) => s.title).filter(quotable);
  const shippedSentence = shipped.length ? ` Shipped: ${shipped.join(", ")}.` : facts.itemsShipped.length ? " Roadmap work shipped, listed below." : "";
  const summary = !facts.entries.length ? "No work was logged this week."
    : pick(1200, [
      ...(focus.length ? [`This week's work focused on ${focus.join(" and ")}${outside ? ", alongside work outside the roadmap" : ""}.${shippedSentence}`] : []),
      ...(!focus.length && outside && facts.minutesByItem.length === 1 ? [`This week's work was outside the roadmap, listed below.${shippedSentence}`] : []),
      `This week's work is listed below.${shippedSentence}`,
    ], "This week's work is listed below.", false);

  // One highlight per roadmap item worked on (the four with most time), each naming its item and the work:
  // held to the highlight rule (highlights.ts) like Claude's. Items whose titles cannot be quoted share one
  // highlight, so two of them cannot read alike; when no description can be quoted either, the categories of
  // the work name it (they are the facts' own words).
  const rows = facts.minutesByItem.slice(0, 4);
  const unquoted = rows.filter((i) => i.itemId && !quotable(i.title));
  const groups: { label: string; titles: string[] }[] = [];
  for (const i of rows) {
    if (unquoted.includes(i)) {
      if (i === unquoted[0]) groups.push({ label: unquoted.length === 1 ? "A roadmap item" : "Other roadmap items", titles: unquoted.map((u) => u.title) });
    } else groups.push({ label: i.itemId ? i.title : OUTSIDE_ROADMAP, titles: [i.title] });
  }
  const drafted = groups.flatMap(({ label, titles }) => {
    const entries = facts.entries.filter((e) => titles.includes(e.roadmapItem ?? OUTSIDE_ROADMAP));
    if (!entries.length) return [];
    const what = [...new Set(entries.map((e) => e.description))].filter(quotable).slice(0, 3);
    const candidates = [3, 2, 1].filter((n) => n <= what.length).map((n) => `${label}: ${what.slice(0, n).join("; ")}`);
    const kinds = [...new Set(entries.map((e) => e.category))];
    const byKind = `${label}: ${kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}` : kinds[0]} work`;
    const text = candidates.map((c) => fit(c, 400)).find((c) => ok(c, 400) && namesSomething(c)) ?? (ok(byKind, 400) ? byKind : label);
    return [{ text, entryIds: entries.map((e) => e.id) }];
  });
  // Two items with the same title draft the same line: one highlight citing both.
  const byKey = new Map<string, { text: string; entryIds: string[] }>();
  for (const h of drafted) {
    const same = byKey.get(highlightKey(h.text));
    if (same) same.entryIds = [...new Set([...same.entryIds, ...h.entryIds])];
    else byKey.set(highlightKey(h.text), h);
  }
  const highlights = [...byKey.values()].map((h) => ({ text: h.text, entryIds: h.entryIds.slice(0, 30) }));

  return {
    headline,
    summary,
    highlights,
    nextWeek: openItems.filter(quotable).slice(0, 3).map((t) => `Continue with ${t}.`).filter((t) => ok(t, 300)),
    // The pace risk is the portal's own sentence, added by renderUpdate from the forecast.
    risks: [],
  };
}
