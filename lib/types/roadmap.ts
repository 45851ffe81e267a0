// Shapes of the roadmap that pages, components and services share (types only).
import type { Month } from "@/lib/types/dates";

export type RoadmapStatus = "proposed" | "planned" | "in_progress" | "shipped" | "dropped";

export interface RoadmapItem {
  id: string;
  clientId: string;
  title: string;
  description: string;
  status: RoadmapStatus;
  position: number;
  targetMonth: Month | null;
  estimateMinutes: number | null;
  /** Minutes of the live (non-voided) entries linked to the item, billable or not. */
  actualMinutes: number;
  proposedBy: string | null;
  proposedByName: string | null;
  dropReason: string | null;
  shippedAt: Date | null;
  createdAt: Date;
  commentCount: number;
}

/** A card on the roadmap board (components/roadmap/board): what the lanes show and drag. */
export interface BoardItem {
  id: string;
  title: string;
  status: string;
  position: number;
  targetMonth: string | null;
  estimateMinutes: number | null;
  actualMinutes: number;
  /** Day it shipped, in the client's zone. */
  shippedOn: string | null;
  commentCount: number;
  proposedByName: string | null;
}
