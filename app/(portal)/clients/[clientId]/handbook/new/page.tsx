import type { Metadata } from "next";
import Link from "next/link";
import { PageForm } from "@/components/handbook/page-form";
import { Card } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewHandbookEditor } from "@/lib/pages/handbook";
import { createPageAction } from "../actions";

export const metadata: Metadata = { title: "New handbook page" };

// GET /clients/:clientId/handbook/new[?item=<roadmap item>] — the client's engineers write a page ("document it"
// from a shipped roadmap item names the item and its title).
export default async function NewHandbookPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>; searchParams: Promise<{ item?: string | string[] }>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("engineer", clientId);
  const { items } = await viewHandbookEditor(access);
  const asked = (await searchParams).item;
  const item = items.find((i) => i.id === asked);
  return (
    <Card title="New handbook page" action={<Link href={`/clients/${clientId}/handbook`} className="text-sm text-brand-700 underline">Back to the handbook</Link>}>
      <PageForm action={createPageAction} clientId={clientId} page={null} items={items}
        defaults={item ? { roadmapItemId: item.id, title: `Runbook: ${item.title}`.slice(0, 200), section: "runbooks" } : undefined} />
    </Card>
  );
}
