import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, TEST_POSTGRES_URL, type TestDatabase } from "@/tests/support/databases";
import { openDatabase, type Database } from "./database";
import { classifyDatabaseError } from "./errors";
import { migrate } from "./migrate";
import { DatabaseInUseError } from "./pglite-lock";

// Real errors, as Prisma and the drivers throw them, classified by cause.

const failure = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return classifyDatabaseError(error);
  }
  throw new Error("expected the call to fail");
};

describe.each(BACKENDS)("classifyDatabaseError on $name", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("calls a value PostgreSQL refuses bad input", async () => {
    expect(await failure(() => db.prisma.$queryRaw`SELECT (${2147483647}::int4 * 8)`)).toBe("bad-input");
    expect(await failure(() => db.prisma.$queryRaw`SELECT ${"a\u0000b"}::text`)).toBe("bad-input");
  });

  it("calls a broken statement unknown (a bug, not the client's fault)", async () => {
    expect(await failure(() => db.prisma.$queryRawUnsafe("SELEC 1"))).toBe("unknown");
  });
});

describe.runIf(TEST_POSTGRES_URL)("classifyDatabaseError on PostgreSQL's limits", () => {
  let testDb: TestDatabase;
  let limited: Database;

  beforeAll(async () => {
    testDb = await BACKENDS.find((b) => b.name === "postgres")!.create();
    const owner = await openDatabase(testDb.target);
    await migrate(owner.sql);
    await owner.close();
    const url = (testDb.target as { url: string }).url;
    limited = await openDatabase({ kind: "postgres", url, limits: { statementTimeoutMs: 200, lockTimeoutMs: 200, idleInTransactionMs: 1000 } });
  });
  afterAll(async () => {
    await limited?.close();
    await testDb?.drop();
  });

  it("calls a statement timeout and a lock timeout unavailable", async () => {
    expect(await failure(() => limited.prisma.$queryRaw`SELECT pg_sleep(2)`)).toBe("unavailable");
    const locker = new pg.Client({ connectionString: (testDb.target as { url: string }).url });
    await locker.connect();
    try {
      await locker.query("BEGIN; LOCK TABLE saved_views IN ACCESS EXCLUSIVE MODE");
      expect(await failure(() => limited.prisma.savedView.findMany())).toBe("unavailable");
    } finally {
      await locker.end();
    }
  });

  it("calls an unreachable server unavailable", async () => {
    const url = new URL(TEST_POSTGRES_URL!);
    url.port = "1"; // nothing listens on port 1
    const unreachable = await openDatabase({ kind: "postgres", url: url.toString() });
    try {
      expect(await failure(() => unreachable.prisma.savedView.findMany())).toBe("unavailable");
    } finally {
      await unreachable.close();
    }
  });
});

describe("classifyDatabaseError without a database", () => {
  it("calls the embedded database held by another process unavailable", () => {
    expect(classifyDatabaseError(new DatabaseInUseError("data/pglite", 123))).toBe("unavailable");
    expect(classifyDatabaseError(new TypeError("x is undefined"))).toBe("unknown");
  });
});
