import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Retainer Portal", template: "%s · Retainer Portal" },
  description: "Hours, roadmap, weekly updates and invoices for your engineering retainer.",
};

// Every page is per-person and read at request time; nothing is prerendered with data at build time.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
