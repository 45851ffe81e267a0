/** The kinds of work an entry can be; the database's check constraint lists the same six. */
export const CATEGORIES = ["build", "maintenance", "audit", "meeting", "training", "support"] as const;
export type Category = (typeof CATEGORIES)[number];

export const categoryLabel = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);
