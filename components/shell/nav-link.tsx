"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A navigation link that marks itself current (aria-current) when its section is open. */
export function NavLink({ href, children, exact = false, variant = "top" }: { href: string; children: React.ReactNode; exact?: boolean; variant?: "top" | "tab" }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const base =
    variant === "top"
      ? "whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium"
      : "whitespace-nowrap border-b-2 px-1 pb-3 pt-2 text-sm font-medium";
  const tone =
    variant === "top"
      ? active ? "bg-slate-900/5 text-slate-900" : "text-slate-600 hover:bg-slate-900/5 hover:text-slate-900"
      : active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900";
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={`${base} ${tone}`}>
      {children}
    </Link>
  );
}
