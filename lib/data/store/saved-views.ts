import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { getDatabase } from "@/lib/db/server";
import { SAVED_VIEW_SLUG } from "@/lib/url-state";

/** A stored view: a short link (/v/<slug>) to a path with its query string. */
export interface SavedViewSummary {
  slug: string;
  title: string;
  note: string | null;
  path: string;
  createdAt: string;
}

const SEGMENT = "[^/?#\\s]+";
/**
 * The app's pages a view may point at (path without its query string). Only these are
 * accepted, so a saved link can never redirect off the site ("//evil.example").
 */
const KNOWN_PATHS = [
  /^\/$/,
  /^\/compare$/,
  /^\/agreement$/,
  new RegExp(`^/datasets/${SEGMENT}(/(queries|distribution|transfer|concentration))?$`),
  new RegExp(`^/datasets/${SEGMENT}/(queries|documents)/${SEGMENT}$`),
];

/** True when `path` (with an optional query string) is one of the app's view paths. */
export function isKnownAppPath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || /[\s\\]/.test(path)) return false;
  const pathname = path.split(/[?#]/, 1)[0]!;
  return KNOWN_PATHS.some((pattern) => pattern.test(pathname));
}

// C0 control characters and DEL; a note may still hold line breaks and tabs.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/* eslint-enable no-control-regex */

/** Body of POST /api/views. */
export const savedViewInput = z.object({
  path: z
    .string({ message: "path is required" })
    .max(2000, "path must be at most 2000 characters")
    .refine((p) => !CONTROL.test(p), "path must not contain control characters")
    .refine((p) => p.startsWith("/"), "path must start with /")
    .refine(isKnownAppPath, "path must be one of the app's views"),
  title: z
    .string({ message: "title is required" })
    .trim()
    .min(1, "title is required")
    .max(120, "title must be at most 120 characters")
    .refine((t) => !CONTROL.test(t), "title must not contain control characters"),
  note: z
    .string()
    .trim()
    .max(2000, "note must be at most 2000 characters")
    .refine((n) => !CONTROL_BUT_LINES.test(n), "note must not contain control characters other than line breaks and tabs")
    .nullish()
    .transform((note) => (note ? note : null)),
});
export type SavedViewInput = z.output<typeof savedViewInput>;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** 8 random characters of [a-z0-9] (about 41 bits). */
export function randomSlug(): string {
  let slug = "";
  for (let i = 0; i < 8; i++) slug += ALPHABET[randomInt(ALPHABET.length)];
  return slug;
}

// Saved views are read and written on the primary (never a read replica), so a view is
// found the moment it is saved, however far a replica lags.

const toSummary = (row: { slug: string; title: string; note: string | null; path: string; createdAt: Date }): SavedViewSummary => ({
  slug: row.slug, title: row.title, note: row.note, path: row.path, createdAt: row.createdAt.toISOString(),
});

/**
 * Stores a view under a fresh random slug, retrying on the (rare) collision. The same
 * path and title saved again gives back the view saved first (a double click, a retry),
 * not a second entry on everyone's home page.
 */
export async function createSavedView(
  input: SavedViewInput,
  nextSlug: () => string = randomSlug,
): Promise<{ view: SavedViewSummary; created: boolean }> {
  const { primary: prisma } = await getDatabase();
  const existing = await prisma.savedView.findFirst({ where: { path: input.path, title: input.title }, orderBy: { createdAt: "asc" } });
  if (existing) return { view: toSummary(existing), created: false };
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = nextSlug();
    // ON CONFLICT DO NOTHING: a taken slug inserts nothing and we try another.
    const inserted = await prisma.$queryRaw<{ slug: string; title: string; note: string | null; path: string; createdAt: Date }[]>`
      INSERT INTO saved_views (slug, title, note, path) VALUES (${slug}, ${input.title}, ${input.note}, ${input.path})
      ON CONFLICT (slug) DO NOTHING
      RETURNING slug, title, note, path, created_at AS "createdAt"`;
    const row = inserted[0];
    if (row) return { view: toSummary({ ...row, createdAt: new Date(row.createdAt) }), created: true };
  }
  throw new Error("Could not find a free short link slug");
}

/** One saved view, or null (unknown or malformed slug). */
export async function findSavedView(slug: string): Promise<SavedViewSummary | null> {
  if (!SAVED_VIEW_SLUG.test(slug)) return null;
  const { primary: prisma } = await getDatabase();
  const row = await prisma.savedView.findUnique({ where: { slug } });
  return row ? toSummary(row) : null;
}

/** Saved views, newest first. */
export async function listSavedViews(limit = 50): Promise<SavedViewSummary[]> {
  const { primary: prisma } = await getDatabase();
  const rows = await prisma.savedView.findMany({ orderBy: [{ createdAt: "desc" }, { slug: "asc" }], take: limit });
  return rows.map(toSummary);
}
