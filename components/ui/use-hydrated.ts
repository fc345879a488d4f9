import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/**
 * False on the server and while the page hydrates, true once React has taken over (for
 * what only the browser knows: a stored theme, a key listener that is now live).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNothing, () => true, () => false);
}
