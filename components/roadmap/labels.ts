export const STATUS_LABELS: Record<string, string> = {
  proposed: "Proposed",
  planned: "Planned",
  in_progress: "In progress",
  shipped: "Shipped",
  dropped: "Dropped",
};

export const STATUS_TONES: Record<string, "slate" | "brand" | "amber" | "green" | "red"> = {
  proposed: "amber",
  planned: "slate",
  in_progress: "brand",
  shipped: "green",
  dropped: "red",
};

export const BOARD_LANES = ["proposed", "planned", "in_progress", "shipped"] as const;
