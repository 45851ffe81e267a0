import type { Tx } from "@/lib/db";

export interface UpdateRow {
  id: string;
  weekStart: string;
  title: string;
  bodyMd: string;
  publishedAt: Date;
}

export async function latestPublishedUpdate(tx: Tx, { clientId }: { clientId: string }): Promise<UpdateRow | null> {
  const [row] = await tx<UpdateRow[]>`
    select id, to_char(week_start, 'YYYY-MM-DD') as "weekStart", title, body_md as "bodyMd", published_at as "publishedAt"
    from public.weekly_updates
    where client_id = ${clientId} and status = 'published'
    order by week_start desc limit 1`;
  return row ?? null;
}
