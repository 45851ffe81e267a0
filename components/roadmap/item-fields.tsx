import { TextAreaField, TextField } from "@/components/ui/action-form";
import type { RoadmapItem } from "@/lib/types/roadmap";

/** Title, description, target month and estimate: shared by "add" and "edit". */
export function ItemFields({ item }: { item?: RoadmapItem }) {
  return (
    <>
      <TextField name="title" label="Title" maxLength={200} defaultValue={item?.title} />
      <TextAreaField name="description" label="Description" rows={5} defaultValue={item?.description} hint="Markdown: lists, **bold**, [links](https://…). Owners see it as written." />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField name="targetMonth" label="Target month" type="month" defaultValue={item?.targetMonth?.slice(0, 7) ?? ""} />
        <TextField name="estimateMinutes" label="Estimate (hours)" inputMode="decimal" placeholder="8" defaultValue={item?.estimateMinutes != null ? String(Math.round((item.estimateMinutes / 60) * 100) / 100) : ""} />
      </div>
    </>
  );
}
