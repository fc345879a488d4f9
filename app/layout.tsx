import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { SaveView } from "@/components/ui/save-view";
import { SavedViewBanner } from "@/components/ui/saved-view-banner";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Influence Explorer", template: "%s · Influence Explorer" },
  description: "Explore which pretraining documents influence a language model's factual and reasoning completions.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts gives each response a script nonce; next-themes' inline script must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes' inline script sets the theme class before paint, so <html>'s class differs from the server's.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <Providers nonce={nonce}>
          <header className="border-b border-zinc-200 dark:border-zinc-800">
            <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
              <Link href="/" className="font-semibold tracking-tight">
                Influence Explorer
              </Link>
              <span className="hidden text-sm text-zinc-500 dark:text-zinc-400 lg:inline">training-data influence, factual vs reasoning</span>
              <div className="ml-auto flex items-center gap-2">
                <Link href="/compare" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
                  Compare
                </Link>
                <Link href="/agreement" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
                  Agreement
                </Link>
                <SaveView />
                <ThemeToggle />
              </div>
            </nav>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">
            <Suspense fallback={null}>
              <SavedViewBanner />
            </Suspense>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
