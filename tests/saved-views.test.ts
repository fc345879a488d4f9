/**
 * POST /api/views end to end on an in-memory PGlite: input validation (a 400 naming the
 * field), storage under a short random slug (retrying on a collision), and the list the
 * home page shows (newest first).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(first.slug).toBe("aaaaaaaa");
    const slugs = ["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"];
    const second = await createSavedView({ path: "/", title: "second", note: "n" }, () => slugs.shift()!);
    expect(second.slug).toBe("bbbbbbbb");
    expect((await findSavedView("aaaaaaaa"))?.title).toBe("first");
    await expect(createSavedView({ path: "/", title: "never", note: null }, () => "aaaaaaaa")).rejects.toThrow(/slug/);
  });

  it("lists saved views newest first", async () => {
    const response = await GET();
    const views = (await response.json()) as { title: string; createdAt: string }[];
    expect(views.map((v) => v.title).slice(0, 2)).toEqual(["second", "first"]);
    const times = views.map((v) => Date.parse(v.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
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
