/** A dataset slug: lower-case letters, digits and single dashes (it appears in URLs). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** PostgreSQL text cannot hold NUL: such an id cannot exist, so it is simply not found. */
export function isStorableId(id: string): boolean {
  return !id.includes("\u0000");
}
