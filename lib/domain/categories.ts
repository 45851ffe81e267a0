import type { Category } from "@/lib/types/hours";

export type { Category } from "@/lib/types/hours";

/** The kinds of work an entry can be, in the order forms offer them (every Category once: tests/unit/rules.test.ts). */
export const CATEGORIES = ["build", "maintenance", "audit", "meeting", "training", "support"] as const satisfies readonly Category[];

export const categoryLabel = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);
