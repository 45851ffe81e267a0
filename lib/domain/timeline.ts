// The roadmap's timeline: items grouped by target month, earliest first, the items without one last.

export function timelineGroups<T extends { targetMonth: string | null; position: number }>(items: readonly T[]): [month: string, items: T[]][] {
  const groups = new Map<string, T[]>();
  for (const i of [...items].sort((a, b) => (a.targetMonth ?? "9999").localeCompare(b.targetMonth ?? "9999") || a.position - b.position)) {
    const key = i.targetMonth ?? "";
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups];
}
