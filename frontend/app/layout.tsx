import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppProviders } from "@/components/providers/app-providers";
import { translator } from "@/lib/i18n";
import { requestLocale } from "@/lib/i18n/request-locale";
import "./globals.css";
import "./tutor.css";
import "./study.css";
import "./classes.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await requestLocale());
  return { title: "ChatGepeto", description: t("app.description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
};

// The locale comes from the request (cookie, else Accept-Language), so every page renders per
// request; that also gives useSearchParams (the course in the URL) its value on the server.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>
        <AppProviders initialLocale={locale}>
          <AppHeader />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </AppProviders>
      </body>
    </html>
  );
}
