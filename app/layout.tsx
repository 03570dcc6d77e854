import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Volta Analytics", template: "%s · Volta Analytics" },
  description: "Sales, inventory and model analytics for Volta's plants and sales teams.",
  icons: { icon: "/icon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900">{children}</body>
    </html>
  );
}
