/**
 * A compare selection as written in the URL: "slug" (a whole dataset),
 * "slug/group/<group key>" or "slug/query/<query id>". Pure, shared by the server
 * page and the client pickers.
 */
export type Selection =
  | { slug: string; kind: "dataset" }
  | { slug: string; kind: "group"; key: string }
  | { slug: string; kind: "query"; id: string };

/** Parses a selection; null when it has no recognisable shape (the page says why). */
export function parseSelection(raw: string): Selection | null {
  const value = raw.trim();
  if (!value) return null;
  const first = value.indexOf("/");
  if (first < 0) return { slug: value, kind: "dataset" };
  const slug = value.slice(0, first);
  const rest = value.slice(first + 1);
  const second = rest.indexOf("/");
  if (!slug || second < 0) return null;
  const kind = rest.slice(0, second);
  // Query ids may themselves hold slashes: everything after the kind is the id.
  const id = rest.slice(second + 1);
  if (!id) return null;
  if (kind === "group") return { slug, kind, key: id };
  if (kind === "query") return { slug, kind, id };
  return null;
}

/** The URL form of a selection (inverse of parseSelection). */
export function formatSelection(selection: Selection): string {
  switch (selection.kind) {
    case "dataset":
      return selection.slug;
    case "group":
      return `${selection.slug}/group/${selection.key}`;
    case "query":
      return `${selection.slug}/query/${selection.id}`;
  }
}
