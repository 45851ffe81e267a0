import type { Metadata } from "next";
import Link from "next/link";
import { ClientFields } from "@/components/clients/client-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { createClientAction } from "./actions";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  await authorizePage("admin");
  return (
    <div className="max-w-2xl">
      <PageHeader title="New client" description="Create the client, then invite its owners and set the retainer terms." />
      <Card>
        <ActionForm action={createClientAction} ariaLabel="New client">
          <ClientFields />
          <div className="flex gap-3">
            <SubmitButton pendingLabel="Creating…">Create client</SubmitButton>
            <Link href="/engineer" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">Cancel</Link>
          </div>
        </ActionForm>
      </Card>
    </div>
  );
}
