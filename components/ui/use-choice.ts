import { useState } from "react";

/**
 * A control's choice, shown at once while the navigation it starts is in flight, and
 * replaced by the URL's value whenever that changes (back/forward, a link). Adjusted
 * during render rather than in an effect, so the stale choice is never painted.
 *
 * @param current the value the URL holds now
 * @param key identity of a value (choices may be objects)
 */
export function useChoice<T>(current: T, key: (value: T) => string = String): [T, (next: T) => void] {
  const [seen, setSeen] = useState(() => key(current));
  const [choice, setChoice] = useState(current);
  const currentKey = key(current);
  if (seen !== currentKey) {
    setSeen(currentKey);
    setChoice(current);
    return [current, setChoice];
  }
  return [choice, setChoice];
}
