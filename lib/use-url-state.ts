"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useTransition } from "react";

/**
 * The one way a client control changes the view: it rewrites the URL's query string
 * (the page is server-rendered from it). Discrete choices push a history entry so back
 * and forward work; continuous ones (`replace`) do not. Empty values are removed, so
 * defaults keep URLs short.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  // The query string of a navigation still in flight: a second quick change must build
  // on it, not on the URL the page was rendered from, or the first change is lost.
  const inFlight = useRef<string | null>(null);
  useEffect(() => {
    inFlight.current = null;
  }, [searchParams]);

  const update = useCallback(
    (patch: Record<string, string | number | null | undefined>, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(inFlight.current ?? searchParams.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      inFlight.current = query;
      const href = query ? `${pathname}?${query}` : pathname;
      startTransition(() => (options.replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })));
    },
    [pathname, router, searchParams],
  );

  return { searchParams, update, pending };
}
