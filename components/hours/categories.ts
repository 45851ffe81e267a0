import { CATEGORIES, categoryLabel } from "@/lib/domain/categories";

/** Work categories as shown in forms and filters. */
export const CATEGORY_OPTIONS = CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
