/**
 * Labels on documents and queries (`{"kind": "procedure", "has_code": true}`): a label is
 * a key and a value; values compare as text, so a facet, a group and a CSV column read
 * the same "true", "3" or "procedure" whatever JSON type the file used.
 */

/** A label value as stored, filtered on and exported: strings as they are, numbers and booleans as JSON writes them. */
export function labelValue(value: string | number | boolean): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A label filter as the URL and the API write it: "key=value" (split at the first "="). */
export interface LabelFilter {
  key: string;
  value: string;
}

/** Reads "key=value"; null when there is no "=" or the key is empty. */
export function parseLabelFilter(text: string): LabelFilter | null {
  const at = text.indexOf("=");
  if (at <= 0) return null;
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** "key=value". */
export function formatLabelFilter(filter: LabelFilter): string {
  return `${filter.key}=${filter.value}`;
}
