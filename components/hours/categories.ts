/** Work categories as shown in forms and filters (the database checks the same six values). */
export const CATEGORY_OPTIONS = [
  { value: "build", label: "Build" },
  { value: "maintenance", label: "Maintenance" },
  { value: "audit", label: "Audit" },
  { value: "meeting", label: "Meeting" },
  { value: "training", label: "Training" },
  { value: "support", label: "Support" },
];
