"use client";

import { useTheme } from "next-themes";
import { useHydrated } from "./use-hydrated";

const THEMES = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
] as const;

/** Light / dark / system (next-themes stores the choice; "system" follows the OS setting live). */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored choice is unknown on the server: no button is pressed until hydration.
  const hydrated = useHydrated();

  return (
    <div role="group" aria-label="Theme" className="flex overflow-hidden rounded border border-zinc-300 text-xs dark:border-zinc-700">
      {THEMES.map(({ value, label }) => {
        const pressed = hydrated && theme === value;
        return (
          <button
            key={value}
            type="button"
            aria-pressed={pressed}
            onClick={() => setTheme(value)}
            className={`px-2 py-1 ${
              pressed
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-900"
            }`}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
