/**
 * copyRows (lib/ingest/copy-rows.ts): ingest's large rows, sent by binary COPY on
 * PostgreSQL and by INSERT on PGlite, must read back byte for byte; backgroundCopier's
 * too, with the caller's buffers reused at once, and a failed copy must fail the ingest.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { backgroundCopier, copyRows } from "@/lib/ingest/copy-rows";
import { BACKENDS, type TestDatabase } from "./support/databases";

for (const backend of BACKENDS) {
  describe(`copyRows on ${backend.name}`, () => {
    const dropped: TestDatabase[] = [];
    afterAll(async () => {
      for (const database of dropped) await database.drop();
    });
    /** Runs `work` on a new database holding the table `ddl` creates. */
    async function withTable(ddl: string, work: (db: Database) => Promise<void>) {
      const database = await backend.create();
      dropped.push(database);
      const db = await openDatabase(database.target);
      try {
        await db.sql.exec(ddl);
        await work(db);
      } finally {
        await db.close();
      }
    }

    test("int4, bytea (larger than a slice, empty) and NULL read back as written, in a transaction or not", async () => {
      await withTable('CREATE TABLE "packed" ("a" int NOT NULL, "b" int NOT NULL, "bytes" bytea, "more" bytea)', async (db) => {
        const large = randomBytes(3 * (1 << 20) + 5);
        const small = Uint8Array.from([0, 255, 1]);
        await db.sql.transaction((tx) => copyRows(tx, '"packed"', ["a", "b", "bytes", "more"], [
          [1, -2_147_483_648, large, null],
          [2, 2_147_483_647, new Uint8Array(0), small],
        ]));
        await copyRows(db.sql, '"packed"', ["a", "b", "more"], [[3, 7, small]]);
        const rows = await db.sql.query<{ a: number; b: number; bytes: Uint8Array | null; more: Uint8Array | null }>(
          'SELECT "a", "b", "bytes", "more" FROM "packed" ORDER BY "a"');
        const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString("hex"));
        expect(rows.map((r) => [r.a, r.b, hex(r.bytes), hex(r.more)])).toEqual([
          [1, -2_147_483_648, large.toString("hex"), null],
          [2, 2_147_483_647, "", "00ff01"],
          [3, 7, null, "00ff01"],
        ]);
      });
    });

    test("in the background: each copy's rows as they were when sent, though the caller reuses its buffer", async () => {
      await withTable('CREATE TABLE "packed" ("a" int NOT NULL, "bytes" bytea)', async (db) => {
        const reused = Buffer.alloc(2 * (1 << 20) + 3);
        const sent: string[] = [];
        const copier = backgroundCopier(db.sql);
        for (let a = 0; a < 4; a++) {
          randomBytes(reused.length).copy(reused);
          sent.push(reused.toString("hex"));
          await copier.copy('"packed"', ["a", "bytes"], [[a, reused]]);
        }
        await copier.close();
        const rows = await db.sql.query<{ a: number; bytes: Uint8Array }>('SELECT "a", "bytes" FROM "packed" ORDER BY "a"');
        expect(rows.map((r) => [r.a, Buffer.from(r.bytes).toString("hex")])).toEqual(sent.map((hex, a) => [a, hex]));
      });
    });

    test("in the background: a copy that fails is thrown by the next call to its worker, or by close", async () => {
      await withTable('CREATE TABLE "packed" ("a" int NOT NULL, "bytes" bytea NOT NULL)', async (db) => {
        const failing = async (end: "copy" | "close") => {
          const copier = backgroundCopier(db.sql, 2);
          try {
            await copier.copy('"packed"', ["a", "bytes"], [[1, null]]);
            await copier.copy('"packed"', ["a", "bytes"], [[2, Uint8Array.from([2])]]);
            // The third copy goes to the first one's worker (two in turn), and waits for it.
            if (end === "copy") await copier.copy('"packed"', ["a", "bytes"], [[3, Uint8Array.from([3])]]);
            await copier.close();
          } finally {
            await copier.stop();
          }
        };
        await expect(failing("copy")).rejects.toThrow(/null value in column "bytes"/);
        await expect(failing("close")).rejects.toThrow(/null value in column "bytes"/);
        // The failed copy stored nothing, and the one after the failure was never sent (the
        // other worker's may have been stored before the failure stopped it).
        const stored = await db.sql.query<{ a: number }>('SELECT "a" FROM "packed" ORDER BY "a"');
        expect(stored.map((r) => r.a).filter((a) => a !== 2)).toEqual([]);
      });
    });
  });
}
