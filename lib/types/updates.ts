// Shapes of weekly updates that pages, components and services share (types only).

/** A published update, as the dashboard's latest-update card shows it. */
export interface UpdateRow {
  id: string;
  weekStart: string;
  title: string;
  bodyMd: string;
  publishedAt: Date;
}
