import type { Metadata, Viewport } from "next";
import { currentUser } from "@/server/auth/session";
import { requestLocale } from "@/server/i18n/request";
import "./globals.css";

export const metadata: Metadata = {
  title: "Charla",
  description: "Live-chat inbox",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** The page's language for screen readers and hyphenation: the reader's profile, else their browser's. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await requestLocale((await currentUser())?.locale);
  return (
    <html lang={locale === "pt" ? "pt-BR" : locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
