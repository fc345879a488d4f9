/**
 * POST /api/views end to end on an in-memory PGlite: input validation (a 400 naming the
 * field), storage under a short random slug (retrying on a collision), and the list the
 * home page shows (newest first).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as GET_ONE } from "@/app/api/views/[slug]/route";
import { GET, POST } from "@/app/api/views/route";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { setDatabase } from "@/lib/db/server";
import { createSavedView, findSavedView, isKnownAppPath, listSavedViews } from "@/lib/data/store/saved-views";

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await migrate(db.sql);
  setDatabase(db);
});
afterAll(async () => {
  await db?.close();
});

const post = async (body: unknown) => {
  const response = await POST(
    new Request("http://test/api/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("POST /api/views", () => {
  it("refuses bad input with a 400 naming the field", async () => {
    const path = "/compare?a=demo-7b";
    const cases: [unknown, string][] = [
      [{ path, note: "no title" }, "title"],
      [{ path, title: "" }, "title"],
      [{ path, title: "   " }, "title"],
      [{ path, title: "x".repeat(121) }, "title"],
      [{ path, title: "ok", note: "n".repeat(2001) }, "note"],
      [{ title: "no path" }, "path"],
      [{ path: "compare?a=demo-7b", title: "relative" }, "path"],
      [{ path: "//evil.example/compare", title: "protocol-relative" }, "path"],
      [{ path: "/no-such-page", title: "unknown page" }, "path"],
      [{ path: "/datasets/demo-7b/secret/admin", title: "unknown view" }, "path"],
      [{ path: 42, title: "not a string" }, "path"],
      ["{not json", "body"],
    ];
    for (const [body, field] of cases) {
      const { status, body: error } = await post(body);
      expect(status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(error.parameter).toBe(field);
      expect(String(error.error)).toContain(field);
    }
    expect(await listSavedViews()).toEqual([]);
  });

  it("accepts the limits: a 120-character title and a 2000-character note", async () => {
    const { status, body } = await post({ path: "/datasets/demo-7b/transfer?method=spearman", title: "t".repeat(120), note: "n".repeat(2000) });
    expect(status).toBe(201);
    expect(body.title).toHaveLength(120);
    expect(body.note).toHaveLength(2000);
  });

  it("stores a view under an 8-character [a-z0-9] slug and returns its short link", async () => {
    const { status, body } = await post({ path: "/compare?a=demo-7b%2Fgroup%2Fset%3Areasoning&b=demo-35b", title: "  7B vs 35B  ", note: "" });
    expect(status).toBe(201);
    expect(body.slug).toMatch(/^[a-z0-9]{8}$/);
    expect(body.url).toBe(`/v/${body.slug}`);
    expect(body).toMatchObject({ title: "7B vs 35B", note: null, path: "/compare?a=demo-7b%2Fgroup%2Fset%3Areasoning&b=demo-35b" });
    const stored = await findSavedView(String(body.slug));
    expect(stored).toMatchObject({ title: "7B vs 35B", path: "/compare?a=demo-7b%2Fgroup%2Fset%3Areasoning&b=demo-35b" });
    expect(await findSavedView("zzzzzzzz")).toBeNull();
    expect(await findSavedView("../etc")).toBeNull();
  });

  it("retries with another slug when the first is taken", async () => {
    const first = await createSavedView({ path: "/", title: "first", note: null }, () => "aaaaaaaa");
    expect(first.view.slug).toBe("aaaaaaaa");
    const slugs = ["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"];
    const second = await createSavedView({ path: "/", title: "second", note: "n" }, () => slugs.shift()!);
    expect(second.view.slug).toBe("bbbbbbbb");
    expect((await findSavedView("aaaaaaaa"))?.title).toBe("first");
    await expect(createSavedView({ path: "/", title: "never", note: null }, () => "aaaaaaaa")).rejects.toThrow(/slug/);
  });

  it("serves one view by its slug (the banner's title and note), and a 404 for an unknown one", async () => {
    const one = (slug: string) => GET_ONE(new Request(`http://localhost/api/views/${slug}`), { params: Promise.resolve({ slug }) });
    const found = await one("bbbbbbbb");
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ slug: "bbbbbbbb", title: "second", note: "n", path: "/", url: "/v/bbbbbbbb" });
    for (const missing of ["zzzzzzzz", "../etc"]) {
      const response = await one(missing);
      expect(response.status).toBe(404);
      expect((await response.json()).parameter).toBe("slug");
    }
  });

  it("lists saved views newest first", async () => {
    const response = await GET();
    const views = (await response.json()) as { title: string; createdAt: string }[];
    expect(views.map((v) => v.title).slice(0, 2)).toEqual(["second", "first"]);
    const times = views.map((v) => Date.parse(v.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe("POST /api/views under abuse", () => {
  const request = (init: { body?: string; headers?: Record<string, string> }) =>
    POST(new Request("http://test/api/views", {
      method: "POST",
      headers: { "content-type": "application/json", host: "test", ...init.headers },
      body: init.body ?? JSON.stringify({ path: "/", title: "abuse" }),
    }));

  it("refuses cross-site requests (a form on another site, or a foreign Origin) with a 403", async () => {
    expect((await request({ headers: { origin: "http://evil.example" } })).status).toBe(403);
    expect((await request({ headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await request({ headers: { origin: "null" } })).status).toBe(403);
    // The site's own pages, and clients that are no browser (curl), may save.
    expect((await request({ headers: { origin: "http://test", "sec-fetch-site": "same-origin" } })).status).toBe(201);
  });

  it("takes JSON only (415), at most 16 kB (413), and refuses control characters (400)", async () => {
    expect((await request({ headers: { "content-type": "text/plain" } })).status).toBe(415);
    const huge = JSON.stringify({ path: "/", title: "big", note: "n".repeat(50_000) });
    const tooLarge = await request({ body: huge });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: string }).error).toContain("16,384 bytes");
    for (const [body, field] of [[{ path: "/", title: "a\u0000b" }, "title"], [{ path: "/\u0000", title: "x" }, "path"], [{ path: "/", title: "x", note: "bell\u0007" }, "note"]] as const) {
      const response = await request({ body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { parameter: string }).parameter).toBe(field);
    }
    // Line breaks in a note are text, not control.
    expect((await request({ body: JSON.stringify({ path: "/", title: "lines", note: "one\ntwo\tthree" }) })).status).toBe(201);
  });

  it("gives back the same slug for the same path and title", async () => {
    const first = await request({ body: JSON.stringify({ path: "/compare", title: "twice" }) });
    const again = await request({ body: JSON.stringify({ path: "/compare", title: "twice", note: "other note" }) });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { slug: string }).slug).toBe(((await first.json()) as { slug: string }).slug);
  });

  it("limits how fast one client saves (429 with Retry-After), not others", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await request({ body: JSON.stringify({ path: "/", title: `flood ${i}` }), headers: { "x-forwarded-for": "203.0.113.7" } });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    const other = await request({ body: JSON.stringify({ path: "/", title: "someone else" }), headers: { "x-forwarded-for": "198.51.100.1" } });
    expect(other.status).toBe(201);
  });
});

describe("isKnownAppPath", () => {
  it("knows the app's views and nothing else", () => {
    for (const ok of ["/", "/compare", "/compare?a=x&b=y", "/datasets/demo-7b", "/datasets/demo-7b/queries/slopes-04?order=bottom&page=3", "/datasets/ruis-7b/documents/12", "/datasets/demo-7b/concentration?tail=bottom"]) {
      expect(isKnownAppPath(ok), ok).toBe(true);
    }
    for (const bad of ["", "compare", "//evil.example", "/\\evil.example", "/api/views", "/v/abcdefgh", "/datasets", "/datasets/demo-7b/queries/a/b", "/ compare"]) {
      expect(isKnownAppPath(bad), bad).toBe(false);
    }
  });
});
