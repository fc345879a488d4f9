import type { SqlClient } from "@/lib/db/sql";

type PgType = "int" | "text" | "float8" | "bool";
export type Column = readonly [name: string, type: PgType];

export const BATCH_ROWS = 5_000;

/** Bulk insert through unnest() of one array per column: ~10x Prisma's createMany. */
export async function insertRows(tx: SqlClient, table: string, columns: readonly Column[], rows: readonly unknown[][]) {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const text = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await tx.query(text, columns.map((_, i) => batch.map((row) => row[i])));
  }
}
