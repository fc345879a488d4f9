"use client";

import { useTheme } from "next-themes";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RampTheme } from "./heatmap-ramp";

/**
 * The theme a canvas or an inline colour should draw in: light on the server and while
 * the page hydrates (so server and client markup agree), then the theme on screen.
 */
export function useRampTheme(): RampTheme {
  const hydrated = useHydrated();
  const { resolvedTheme } = useTheme();
  return hydrated && resolvedTheme === "dark" ? "dark" : "light";
}
