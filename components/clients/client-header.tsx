import { NavLink } from "@/components/shell/nav-link";
import { ScrollingNav } from "@/components/shell/scrolling-nav";
import type { ClientRow } from "@/lib/types/clients";

/** The client's name, zone and currency, and its sections; money sections for staff and owners only. */
export function ClientHeader({ client, seesMoney }: { client: ClientRow; seesMoney: boolean }) {
  const base = `/clients/${client.id}`;
  return (
    <div className="mb-6 border-b border-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{client.name}</h1>
        <p className="text-sm text-slate-500">
          {client.timezone} · {client.currency}
          {client.archivedAt && " · Archived"}
        </p>
      </div>
      <ScrollingNav label={`${client.name} sections`} fade="slate-50" className="mt-3 flex gap-6 print:hidden">
        <NavLink href={base} exact variant="tab">Overview</NavLink>
        <NavLink href={`${base}/hours`} variant="tab">Hours</NavLink>
        <NavLink href={`${base}/roadmap`} variant="tab">Roadmap</NavLink>
        <NavLink href={`${base}/updates`} variant="tab">Updates</NavLink>
        <NavLink href={`${base}/handbook`} variant="tab">Handbook</NavLink>
        <NavLink href={`${base}/statements`} variant="tab">Past months</NavLink>
        {seesMoney && <NavLink href={`${base}/extra-hours`} variant="tab">Extra hours</NavLink>}
        {seesMoney && <NavLink href={`${base}/invoices`} variant="tab">Invoices</NavLink>}
        {seesMoney && <NavLink href={`${base}/activity`} variant="tab">Activity</NavLink>}
        {seesMoney && <NavLink href={`${base}/ai`} variant="tab">What AI saw</NavLink>}
        {seesMoney && <NavLink href={`${base}/settings`} variant="tab">Settings</NavLink>}
      </ScrollingNav>
    </div>
  );
}
