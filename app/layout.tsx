import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { SaveView } from "@/components/ui/save-view";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Influence Explorer", template: "%s · Influence Explorer" },
  description: "Explore which pretraining documents influence a language model's factual and reasoning completions.",
};

/**
 * Runs in <head> before first paint, so a dark page never flashes light: reads
 * localStorage "theme" (light | dark | system) and sets the "dark" class on <html>.
 * ThemeToggle's applyTheme does the same on a change.
 */
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("theme");var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts gives each response a script nonce; the inline theme script must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The inline script sets the theme class before paint, so <html>'s class differs from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
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
              <SaveView />
              <ThemeToggle />
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
