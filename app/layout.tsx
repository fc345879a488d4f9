import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Influence Explorer", template: "%s · Influence Explorer" },
  description: "Explore which pretraining documents influence a language model's factual and reasoning completions.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
            <Link href="/" className="font-semibold tracking-tight">
              Influence Explorer
            </Link>
            <span className="hidden text-sm text-zinc-500 md:inline">training-data influence, factual vs reasoning</span>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
