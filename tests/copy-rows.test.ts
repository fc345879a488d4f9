/**
 * copyRows (lib/ingest/copy-rows.ts): ingest's large rows, sent by binary COPY on
 * PostgreSQL and by INSERT on PGlite, must read back byte for byte.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { copyRows } from "@/lib/ingest/copy-rows";
import { BACKENDS, type TestDatabase } from "./support/databases";

for (const backend of BACKENDS) {
  describe(`copyRows on ${backend.name}`, () => {
    const dropped: TestDatabase[] = [];
    afterAll(async () => {
      for (const database of dropped) await database.drop();
    });

    test("int4, bytea (larger than a slice, empty) and NULL read back as written, in a transaction or not", async () => {
      const database = await backend.create();
      dropped.push(database);
      const db = await openDatabase(database.target);
      try {
        await db.sql.exec('CREATE TABLE "packed" ("a" int NOT NULL, "b" int NOT NULL, "bytes" bytea, "more" bytea)');
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
      } finally {
        await db.close();
      }
    });
  });
}
