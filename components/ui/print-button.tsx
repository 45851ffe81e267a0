"use client";
import { buttonClass } from "@/components/ui/button";

/** The browser's print dialog, where "Save as PDF" makes the PDF (a printable invoice, a handbook page). */
export function PrintButton({ variant = "primary", size = "md" }: { variant?: "primary" | "secondary"; size?: "sm" | "md" }) {
  return <button type="button" onClick={() => window.print()} className={buttonClass(variant, size)}>Print or save as PDF</button>;
}
