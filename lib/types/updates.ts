// Shapes of weekly updates that pages, components and services share (types only).

/** A published update, as the dashboard's latest-update card shows it. */
export interface UpdateRow {
  id: string;
  weekStart: string;
  title: string;
  bodyMd: string;
  publishedAt: Date;
}

/**
 * A phrase of a draft the phishing filter flags (lib/ai/phishing.ts): shown beside the editor before
 * publishing, and the reason publishing is refused while it stays.
 */
export interface UpdateFlag {
  field: "title" | "bodyMd";
  kind: "link" | "payment" | "balance";
  /** The words as written, to find them in the field. */
  phrase: string;
  /** Why, for the person who wrote it. */
  reason: string;
}

/** A comment on a published update (issue 23): written on the page or by replying to its email. */
export interface UpdateCommentRow {
  id: string;
  updateId: string;
  authorId: string;
  authorName: string;
  body: string;
  via: "portal" | "email";
  createdAt: Date;
}
