import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { migrate, readMigrations } from "@/lib/db/migrate";
import type { SqlClient } from "@/lib/db/sql";
import { getDatamodel, type DmmfDatamodel, type DmmfField, type DmmfModel } from "./support/prisma-schema-wasm";

/*
 * Guards against drift between prisma/schema.prisma and prisma/migrations: `prisma migrate
 * diff` needs the native schema engine, which cannot be installed here. The schema is read
 * with Prisma's own parser (the CLI's WebAssembly build, see support/prisma-schema-wasm.ts);
 * the migrations are applied by the project's runner to an in-memory PGlite, whose catalog
 * is then compared with what Prisma would create for the schema: tables, columns (type,
 * nullability, default), primary keys, unique and other indexes, foreign keys and enums.
 *
 * Prisma cannot express column storage, so the property the storage design rests on is
 * checked on its own: the packed score columns are STORAGE EXTERNAL (uncompressed TOAST),
 * which lets substring() read only the chunks a request needs.
 */

const SCHEMA_PATH = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));

/** Tables the migrations create that the schema does not model. */
const DB_ONLY_TABLES = new Set(["_prisma_migrations"]);

/**
 * "table.column" for columns of Unsupported("...") fields, which Prisma's DMMF omits.
 * None today; list one here rather than weakening the comparison.
 */
const DB_ONLY_COLUMNS = new Set<string>();

/** PostgreSQL's identifier limit, which Prisma's default constraint names respect. */
const MAX_IDENTIFIER_LENGTH = 63;

// ---------------------------------------------------------------------------------------
// What the database holds (pg_catalog)

interface DbColumn {
  /** format_type(): "integer", "integer[]", "timestamp(3) with time zone", ... */
  type: string;
  nullable: boolean;
  /** pg_get_expr() of the default, e.g. "nextval('datasets_id_seq'::regclass)". */
  default: string | null;
  identity: boolean;
}

interface DbIndex {
  name: string;
  primary: boolean;
  unique: boolean;
  method: string;
  columns: string[];
  descending: boolean[];
  /** Expression or partial index: not expressible in schema.prisma. */
  unrepresentable: string | null;
}

interface DbForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

interface DbTable {
  columns: Map<string, DbColumn>;
  indexes: DbIndex[];
  foreignKeys: DbForeignKey[];
}

interface DbSchema {
  tables: Map<string, DbTable>;
  enums: Map<string, string[]>;
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

async function introspect(sql: SqlClient): Promise<DbSchema> {
  const tables = new Map<string, DbTable>();
  const table = (name: string): DbTable => {
    let found = tables.get(name);
    if (!found) {
      found = { columns: new Map(), indexes: [], foreignKeys: [] };
      tables.set(name, found);
    }
    return found;
  };

  const tableRows = await sql.query<{ table: string }>(
    `SELECT c.relname::text AS table
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  for (const row of tableRows) table(row.table);

  const columnRows = await sql.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    default: string | null;
    identity: string;
  }>(
    `SELECT c.relname::text AS table, a.attname::text AS column,
            format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  for (const row of columnRows) {
    table(row.table).columns.set(row.column, {
      type: row.type.replaceAll('"', ""),
      nullable: !row.not_null,
      default: row.default,
      identity: row.identity !== "",
    });
  }

  const indexRows = await sql.query<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    method: string;
    columns: string[];
    options: number[];
    expressions: string | null;
    predicate: string | null;
  }>(
    `SELECT t.relname::text AS table, i.relname::text AS name, ix.indisprimary AS primary,
            ix.indisunique AS unique, am.amname::text AS method,
            array(SELECT coalesce(a.attname::text, '<expression>')
                  FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                  ORDER BY k.ord) AS columns,
            ix.indoption::int2[] AS options,
            pg_get_expr(ix.indexprs, ix.indrelid) AS expressions,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_am am ON am.oid = i.relam
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema()`,
  );
  for (const row of indexRows) {
    const unrepresentable = [
      row.expressions === null ? null : `on expression ${row.expressions}`,
      row.predicate === null ? null : `partial (WHERE ${row.predicate})`,
    ].filter((part): part is string => part !== null);
    table(row.table).indexes.push({
      name: row.name,
      primary: row.primary,
      unique: row.unique,
      method: row.method,
      columns: row.columns,
      // indoption bit 0 is INDOPTION_DESC.
      descending: row.columns.map((_, i) => ((row.options[i] ?? 0) & 1) === 1),
      unrepresentable: unrepresentable.length > 0 ? unrepresentable.join(", ") : null,
    });
  }

  const foreignKeyRows = await sql.query<{
    table: string;
    name: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    // "char" columns are cast to text: not every client decodes Postgres' internal "char".
    `SELECT t.relname::text AS table, con.conname::text AS name,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                  ORDER BY k.ord) AS columns,
            rt.relname::text AS ref_table,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                  ORDER BY k.ord) AS ref_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid
     JOIN pg_class rt ON rt.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  for (const row of foreignKeyRows) {
    table(row.table).foreignKeys.push({
      name: row.name,
      columns: row.columns,
      refTable: row.ref_table,
      refColumns: row.ref_columns,
      onDelete: REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
    });
  }

  const enumRows = await sql.query<{ name: string; values: string[] }>(
    `SELECT t.typname::text AS name,
            array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
                  ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype = 'e' AND n.nspname = current_schema()`,
  );
  const enums = new Map(enumRows.map((row) => [row.name, row.values]));

  return { tables, enums };
}

// ---------------------------------------------------------------------------------------
// Column storage of the packed score columns

/**
 * The packed columns (schema.prisma's QueryScores, lib/data/store/packed.ts): read by byte range
 * with substring(), which fetches only the TOAST chunks it needs when the value is stored
 * uncompressed. Compressed (EXTENDED, the bytea default) it would decompress the whole row.
 * The density bins are read whole, but compressing them at ingest costs more than it saves.
 */
const PACKED_COLUMNS = ["query_scores.by_document", "query_scores.top", "query_scores.bottom", "query_scores.global_ranks",
  "query_scores.top_normalised", "query_scores.bottom_normalised", "query_scores.density_bins", "query_scores.density_bins_robust",
  "document_rank_buckets.buckets"];

const STORAGE_NAMES: Record<string, string> = { p: "PLAIN", e: "EXTERNAL", m: "MAIN", x: "EXTENDED" };

/** "table.column" -> attstorage ('p', 'e', 'm' or 'x') of every column of the current schema's tables. */
async function introspectStorage(sql: SqlClient): Promise<Map<string, string>> {
  const rows = await sql.query<{ table: string; column: string; storage: string }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, a.attstorage::text AS storage
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  return new Map(rows.map((row) => [`${row.table}.${row.column}`, row.storage]));
}

/** Each packed column that is missing or not STORAGE EXTERNAL, one readable line each. */
function storageProblems(storage: ReadonlyMap<string, string>, packed: readonly string[] = PACKED_COLUMNS): string[] {
  return packed.flatMap((column) => {
    const actual = storage.get(column);
    if (actual === undefined) return [`${column}: packed column missing from the database`];
    if (actual === "e") return [];
    return [`${column}: storage ${STORAGE_NAMES[actual] ?? actual}, the packed design needs EXTERNAL (ALTER COLUMN ... SET STORAGE EXTERNAL)`];
  });
}

/** "table.column" of every `ALTER TABLE ... ALTER COLUMN ... SET STORAGE EXTERNAL` in the migrations. */
function externalColumnsInMigrations(): string[] {
  const pattern = /ALTER\s+TABLE\s+"?(\w+)"?\s+ALTER\s+COLUMN\s+"?(\w+)"?\s+SET\s+STORAGE\s+EXTERNAL/gi;
  return readMigrations().flatMap((migration) => [...migration.sql.matchAll(pattern)].map((m) => `${m[1]}.${m[2]}`));
}

// ---------------------------------------------------------------------------------------
// What Prisma would create for the schema, compared with the database

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** A @db.* native type as format_type() prints it. */
function nativeTypeToPg(name: string, args: readonly string[]): string {
  const params = args.length > 0 ? `(${args.join(",")})` : "";
  switch (name) {
    case "Text":
    case "Uuid":
    case "Xml":
    case "Inet":
    case "Citext":
    case "Date":
    case "Money":
    case "Oid":
    case "Json":
      return name.toLowerCase();
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    case "Boolean":
      return "boolean";
    case "SmallInt":
      return "smallint";
    case "Integer":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Real":
      return "real";
    case "DoublePrecision":
      return "double precision";
    case "Decimal":
      return `numeric${params}`;
    case "VarChar":
      return `character varying${params}`;
    case "Char":
      return `character${params || "(1)"}`;
    case "Bit":
      return `bit${params || "(1)"}`;
    case "VarBit":
      return `bit varying${params}`;
    case "Timestamp":
      return `timestamp${params} without time zone`;
    case "Timestamptz":
      return `timestamp${params} with time zone`;
    case "Time":
      return `time${params} without time zone`;
    case "Timetz":
      return `time${params} with time zone`;
    default:
      return `${name.toLowerCase()}${params}`;
  }
}

const tableName = (model: DmmfModel): string => model.dbName ?? model.name;
const columnName = (field: DmmfField): string => field.dbName ?? field.name;
const list = (names: readonly string[]): string => `(${names.join(", ")})`;

/** Prisma's default constraint name: {table}_{columns}_{suffix}, cut to 63 characters. */
function defaultConstraintName(table: string, columns: readonly string[], suffix: string): string {
  const prefix = [table, ...columns].join("_");
  const name = `${prefix}_${suffix}`;
  return name.length <= MAX_IDENTIFIER_LENGTH ? name : `${prefix.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 1)}_${suffix}`;
}

/** A default as pg_get_expr() prints it, without casts, quotes and parentheses. */
function bareDefault(expression: string): string {
  let value = expression.trim();
  for (;;) {
    const next = value
      .replace(/::[a-z_ ]+(\(\d+(,\d+)?\))?( with(out)? time zone)?(\[\])?$/i, "")
      .replace(/::"[^"]+"$/, "")
      .replace(/^\((.*)\)$/s, "$1")
      .trim();
    if (next === value) break;
    value = next;
  }
  const quoted = /^'(.*)'$/s.exec(value);
  return quoted?.[1] !== undefined ? quoted[1].replaceAll("''", "'") : value;
}

/** Why the column's database default does not match the field's @default, or null. */
function defaultMismatch(field: DmmfField, column: DbColumn, datamodel: DmmfDatamodel): string | null {
  const actual = column.default;
  const value = field.default;
  const describe = (expected: string) => `default: schema ${expected}, database ${actual ?? "none"}`;

  if (value === undefined || field.isUpdatedAt) {
    return actual === null && !column.identity ? null : describe("none");
  }
  if (typeof value === "object" && !Array.isArray(value) && "name" in value) {
    switch (value.name) {
      case "autoincrement":
        return column.identity || (actual?.startsWith("nextval(") ?? false) ? null : describe("autoincrement()");
      case "now":
        return actual !== null && /^(CURRENT_TIMESTAMP|now\(\))$/i.test(actual) ? null : describe("now()");
      case "dbgenerated":
        // Postgres rewrites expressions; like `prisma migrate diff`, check only presence.
        return actual !== null ? null : describe(`dbgenerated(${value.args.join(", ")})`);
      default:
        // uuid(), cuid(), nanoid(), ulid() are filled in by Prisma Client, not the database.
        return actual === null ? null : describe(`${value.name}() (client-side, so none)`);
    }
  }
  if (actual === null) return describe(JSON.stringify(value));
  if (Array.isArray(value) || field.type === "DateTime" || field.type === "Bytes") return null; // presence only
  const bare = bareDefault(actual);
  if (field.kind === "enum") {
    const enumValue = datamodel.enums.find((e) => e.name === field.type)?.values.find((v) => v.name === value);
    return bare === (enumValue?.dbName ?? enumValue?.name ?? value) ? null : describe(String(value));
  }
  if (typeof value === "number") return Number(bare) === value ? null : describe(String(value));
  if (typeof value === "boolean") return bare === String(value) ? null : describe(String(value));
  return bare === value ? null : describe(JSON.stringify(value));
}

/** Every difference between the schema's datamodel and the database, one readable line each. */
function diffSchema(datamodel: DmmfDatamodel, db: DbSchema): string[] {
  const problems: string[] = [];
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));
  const expectedTables = new Set<string>();

  for (const model of datamodel.models) {
    const table = tableName(model);
    expectedTables.add(table);
    const actual = db.tables.get(table);
    if (!actual) {
      problems.push(`${table}: table missing from the migrations (model ${model.name})`);
      continue;
    }
    const fieldColumn = (fieldName: string): string => {
      const field = model.fields.find((f) => f.name === fieldName);
      return field ? columnName(field) : `<unknown field ${fieldName}>`;
    };

    // Columns
    const expectedColumns = new Set<string>();
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const column = columnName(field);
      expectedColumns.add(column);
      const where = `${table}.${column}`;
      const dbColumn = actual.columns.get(column);
      if (!dbColumn) {
        problems.push(`${where}: column missing from the migrations (field ${model.name}.${field.name})`);
        continue;
      }
      const baseType =
        field.kind === "enum"
          ? (datamodel.enums.find((e) => e.name === field.type)?.dbName ?? field.type)
          : field.nativeType
            ? nativeTypeToPg(field.nativeType[0], field.nativeType[1])
            : (SCALAR_TYPES[field.type] ?? `<unknown Prisma type ${field.type}>`);
      const type = field.isList ? `${baseType}[]` : baseType;
      if (dbColumn.type !== type) problems.push(`${where}: type: schema ${type}, database ${dbColumn.type}`);
      // Prisma creates scalar lists without NOT NULL.
      const nullable = !field.isRequired || field.isList;
      if (dbColumn.nullable !== nullable) {
        problems.push(`${where}: schema ${nullable ? "NULL" : "NOT NULL"}, database ${dbColumn.nullable ? "NULL" : "NOT NULL"}`);
      }
      const mismatch = defaultMismatch(field, dbColumn, datamodel);
      if (mismatch) problems.push(`${where}: ${mismatch}`);
    }
    for (const column of actual.columns.keys()) {
      if (!expectedColumns.has(column) && !DB_ONLY_COLUMNS.has(`${table}.${column}`)) {
        problems.push(`${table}.${column}: column in the migrations but not in the schema (model ${model.name})`);
      }
    }

    // Primary key, unique and plain indexes
    const unmatched = new Set(actual.indexes);
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => fieldColumn(f.name));
      const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : `${index.type} index`;
      const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
      const name = index.type === "id" ? (index.dbName ?? `${table}_pkey`) : (index.dbName ?? defaultConstraintName(table, columns, suffix));
      const where = `${table}: ${kind} ${list(columns)}`;
      const found = [...unmatched].find(
        (i) =>
          i.primary === (index.type === "id") &&
          i.unique === (index.type !== "normal") &&
          i.columns.join() === columns.join(),
      );
      if (!found) {
        problems.push(`${where}: missing from the migrations (expected as "${name}")`);
        continue;
      }
      unmatched.delete(found);
      if (found.name !== name) problems.push(`${where}: name: schema "${name}", database "${found.name}"`);
      const method = (index.algorithm ?? "BTree").toLowerCase();
      if (found.method !== method) problems.push(`${where}: method: schema ${method}, database ${found.method}`);
      const descending = index.fields.map((f) => f.sortOrder === "desc");
      if (found.descending.join() !== descending.join()) {
        problems.push(`${where}: sort order: schema ${descending.map((d) => (d ? "DESC" : "ASC")).join(", ")}, database ${found.descending.map((d) => (d ? "DESC" : "ASC")).join(", ")}`);
      }
      if (found.unrepresentable) problems.push(`${where}: database index "${found.name}" is ${found.unrepresentable}`);
    }
    for (const index of unmatched) {
      const kind = index.primary ? "primary key" : index.unique ? "unique index" : "index";
      problems.push(`${table}: ${kind} "${index.name}" ${list(index.columns)}${index.unrepresentable ? ` ${index.unrepresentable}` : ""} in the migrations but not in the schema`);
    }

    // Foreign keys (the side of a relation that holds `fields:`)
    const unmatchedKeys = new Set(actual.foreignKeys);
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelsByName.get(field.type);
      if (!target) continue; // Prisma's validation rejects this already
      const columns = field.relationFromFields.map(fieldColumn);
      const refTable = tableName(target);
      const refColumns = (field.relationToFields ?? []).map((name) => {
        const refField = target.fields.find((f) => f.name === name);
        return refField ? columnName(refField) : `<unknown field ${name}>`;
      });
      // Prisma's defaults: Restrict for a required relation, SetNull for an optional one.
      const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
      const onUpdate = field.relationOnUpdate ?? "Cascade";
      const where = `${table}: foreign key ${list(columns)} -> ${refTable}${list(refColumns)} (${model.name}.${field.name})`;
      const found = [...unmatchedKeys].find((fk) => fk.columns.join() === columns.join() && fk.refTable === refTable);
      if (!found) {
        problems.push(`${where}: missing from the migrations`);
        continue;
      }
      unmatchedKeys.delete(found);
      if (found.refColumns.join() !== refColumns.join()) {
        problems.push(`${where}: referenced columns: database ${refTable}${list(found.refColumns)}`);
      }
      if (found.onDelete !== onDelete) problems.push(`${where}: ON DELETE: schema ${onDelete}, database ${found.onDelete}`);
      if (found.onUpdate !== onUpdate) problems.push(`${where}: ON UPDATE: schema ${onUpdate}, database ${found.onUpdate}`);
    }
    for (const fk of unmatchedKeys) {
      problems.push(`${table}: foreign key "${fk.name}" ${list(fk.columns)} -> ${fk.refTable}${list(fk.refColumns)} in the migrations but not in the schema`);
    }
  }

  for (const table of db.tables.keys()) {
    if (!expectedTables.has(table) && !DB_ONLY_TABLES.has(table)) {
      problems.push(`${table}: table in the migrations but not in the schema`);
    }
  }

  // Enums
  const expectedEnums = new Set<string>();
  for (const enumType of datamodel.enums) {
    const name = enumType.dbName ?? enumType.name;
    expectedEnums.add(name);
    const values = enumType.values.map((v) => v.dbName ?? v.name);
    const actual = db.enums.get(name);
    if (!actual) problems.push(`enum ${name}: missing from the migrations`);
    else if (actual.join() !== values.join()) {
      problems.push(`enum ${name}: values: schema ${list(values)}, database ${list(actual)}`);
    }
  }
  for (const name of db.enums.keys()) {
    if (!expectedEnums.has(name)) problems.push(`enum ${name}: in the migrations but not in the schema`);
  }

  return problems;
}

// ---------------------------------------------------------------------------------------

/** The schema text with `from` (which must occur exactly once) replaced by `to`. */
function mutate(schema: string, from: string, to: string): string {
  const at = schema.indexOf(from);
  if (at < 0 || schema.indexOf(from, at + 1) >= 0) {
    throw new Error(`Mutation target must occur exactly once in schema.prisma: ${JSON.stringify(from)}`);
  }
  return schema.slice(0, at) + to + schema.slice(at + from.length);
}

/** Runs `work` in a transaction that is always rolled back. */
async function inRolledBackTransaction<T>(sql: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const rollback = new Error("rollback");
  let result: { value: T } | undefined;
  try {
    await sql.transaction(async (tx) => {
      result = { value: await work(tx) };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  if (!result) throw new Error("transaction produced no result");
  return result.value;
}

describe("schema.prisma and prisma/migrations", () => {
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  let database: Database;
  let db: DbSchema;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    const applied = await migrate(database.sql);
    expect(applied.length).toBeGreaterThan(0);
    db = await introspect(database.sql);
  });

  afterAll(async () => {
    await database?.close();
  });

  it("describe the same database", () => {
    const datamodel = getDatamodel(schema);
    expect(datamodel.models.length).toBeGreaterThan(0);
    expect(diffSchema(datamodel, db)).toEqual([]);
  });

  it("a dataset's partitions (schema dataset_partitions, lib/ingest/staged-load.ts) are no drift", async () => {
    const problems = await inRolledBackTransaction(database.sql, async (tx) => {
      const [dataset] = await tx.query<{ id: number }>(
        "INSERT INTO datasets (slug, name, query_count, document_count) VALUES ('partitioned', 'p', 1, 1) RETURNING id");
      for (const table of ["documents", "query_scores", "search_postings", "document_rank_buckets"]) {
        await tx.exec(`CREATE TABLE "dataset_partitions"."${table}_${dataset!.id}" PARTITION OF "${table}" FOR VALUES IN (${dataset!.id})`);
      }
      const [{ count }] = await tx.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_inherits WHERE inhparent = 'documents'::regclass") as [{ count: number }];
      expect(count).toBe(1);
      return diffSchema(getDatamodel(schema), await introspect(tx));
    });
    expect(problems).toEqual([]);
  });

  describe("the comparison notices a change to the schema", () => {
    it.each([
      {
        change: "a column renamed with @map",
        from: 'queryCount     Int      @map("query_count")',
        to: 'queryCount     Int      @map("queries_count")',
        expected: ["datasets.queries_count: column missing", "datasets.query_count: column in the migrations but not in the schema"],
      },
      {
        change: "a field added",
        from: "  note      String?\n",
        to: "  note      String?\n  pinned    Boolean  @default(false)\n",
        expected: ["saved_views.pinned: column missing from the migrations (field SavedView.pinned)"],
      },
      {
        change: "a field removed",
        from: "  tokens     Int?\n",
        to: "",
        expected: ["documents.tokens: column in the migrations but not in the schema"],
      },
      {
        change: "a type changed",
        from: "  nats          Float?\n",
        to: "  nats          Int?\n",
        expected: ["queries.nats: type: schema integer, database double precision"],
      },
      {
        change: "a list made scalar",
        from: "  members          Int[]\n",
        to: "  members          Int\n",
        expected: ["query_groups.members: type: schema integer, database integer[]"],
      },
      {
        change: "a native type dropped",
        from: '@map("created_at") @db.Timestamptz(3)\n\n  @@map("saved_views")',
        to: '@map("created_at")\n\n  @@map("saved_views")',
        expected: ["saved_views.created_at: type: schema timestamp(3) without time zone, database timestamp(3) with time zone"],
      },
      {
        change: "a field made optional",
        from: "  prompt        String\n",
        to: "  prompt        String?\n",
        expected: ["queries.prompt: schema NULL, database NOT NULL"],
      },
      {
        change: "a default removed",
        from: "synthetic      Boolean  @default(false)",
        to: "synthetic      Boolean",
        expected: ["datasets.synthetic: default: schema none, database false"],
      },
      {
        change: "a default changed",
        from: "synthetic      Boolean  @default(false)",
        to: "synthetic      Boolean  @default(true)",
        expected: ["datasets.synthetic: default: schema true, database false"],
      },
      {
        change: "a unique constraint removed",
        from: "slug           String   @unique",
        to: "slug           String",
        expected: ['datasets: unique index "datasets_slug_key" (slug) in the migrations but not in the schema'],
      },
      {
        change: "an index added",
        from: '  @@map("saved_views")',
        to: '  @@index([title(sort: Desc)])\n  @@map("saved_views")',
        expected: ['saved_views: normal index (title): missing from the migrations (expected as "saved_views_title_idx")'],
      },
      {
        change: "a primary key reordered",
        from: "@@id([datasetId, source])",
        to: "@@id([source, datasetId])",
        expected: ["source_counts: primary key (source, dataset_id): missing", 'source_counts: primary key "source_counts_pkey" (dataset_id, source) in the migrations'],
      },
      {
        change: "an ON DELETE action changed",
        from: "onDelete: Cascade)\n\n  @@id([datasetId, source])",
        to: "onDelete: Restrict)\n\n  @@id([datasetId, source])",
        expected: ["source_counts: foreign key (dataset_id) -> datasets(id) (SourceCount.dataset): ON DELETE: schema Restrict, database Cascade"],
      },
      {
        change: "a table renamed with @@map",
        from: '@@map("saved_views")',
        to: '@@map("saved_view")',
        expected: ["saved_view: table missing from the migrations (model SavedView)", "saved_views: table in the migrations but not in the schema"],
      },
      {
        change: "an enum added",
        from: "model SavedView {\n",
        to: "enum Visibility {\n  PUBLIC\n  PRIVATE\n}\n\nmodel SavedView {\n  visibility Visibility @default(PUBLIC)\n",
        expected: ["saved_views.visibility: column missing", "enum Visibility: missing from the migrations"],
      },
    ])("$change", ({ from, to, expected }) => {
      const problems = diffSchema(getDatamodel(mutate(schema, from, to)), db);
      for (const line of expected) {
        expect(problems.some((problem) => problem.startsWith(line)), `${line}\nin:\n${problems.join("\n")}`).toBe(true);
      }
    });
  });

  describe("the packed score columns are STORAGE EXTERNAL", () => {
    it("in the migrations, for exactly the packed columns", () => {
      expect(externalColumnsInMigrations().sort()).toEqual([...PACKED_COLUMNS].sort());
    });

    it("in the database the migrations create", async () => {
      expect(storageProblems(await introspectStorage(database.sql))).toEqual([]);
    });

    it("the check notices a column stored otherwise or missing", () => {
      const catalog = new Map(PACKED_COLUMNS.map((column) => [column, "e"]));
      catalog.set("query_scores.top", "x");
      catalog.set("query_scores.bottom", "m");
      catalog.delete("query_scores.global_ranks");
      expect(storageProblems(catalog)).toEqual([
        "query_scores.top: storage EXTENDED, the packed design needs EXTERNAL (ALTER COLUMN ... SET STORAGE EXTERNAL)",
        "query_scores.bottom: storage MAIN, the packed design needs EXTERNAL (ALTER COLUMN ... SET STORAGE EXTERNAL)",
        "query_scores.global_ranks: packed column missing from the database",
      ]);
    });

    it("the check notices a migration that resets the storage", async () => {
      const problems = await inRolledBackTransaction(database.sql, async (tx) => {
        await tx.exec(`ALTER TABLE "query_scores" ALTER COLUMN "by_document" SET STORAGE EXTENDED;`);
        return storageProblems(await introspectStorage(tx));
      });
      expect(problems).toEqual([
        "query_scores.by_document: storage EXTENDED, the packed design needs EXTERNAL (ALTER COLUMN ... SET STORAGE EXTERNAL)",
      ]);
      expect(storageProblems(await introspectStorage(database.sql))).toEqual([]);
    });
  });

  it("the comparison notices a change to the migrations", async () => {
    const problems = await inRolledBackTransaction(database.sql, async (tx) => {
      await tx.exec(`
        ALTER TABLE "saved_views" ADD COLUMN "extra" TEXT;
        ALTER TABLE "datasets" ALTER COLUMN "name" DROP NOT NULL;
        ALTER TABLE "queries" ALTER COLUMN "gini" TYPE REAL;
        ALTER TABLE "datasets" ALTER COLUMN "synthetic" DROP DEFAULT;
        CREATE INDEX "queries_set_idx" ON "queries" ("set");
        CREATE UNIQUE INDEX "queries_prompt_lower_key" ON "queries" (lower("prompt"));
        ALTER TABLE "documents" DROP CONSTRAINT "documents_dataset_id_fkey";
        ALTER TABLE "coverage" DROP CONSTRAINT "coverage_dataset_id_fkey";
        ALTER TABLE "coverage" ADD CONSTRAINT "coverage_dataset_id_fkey" FOREIGN KEY ("dataset_id")
          REFERENCES "datasets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
        CREATE TYPE "mood" AS ENUM ('happy');
        CREATE TABLE "stray" ("id" INTEGER PRIMARY KEY);
      `);
      return diffSchema(getDatamodel(schema), await introspect(tx));
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "saved_views.extra: column in the migrations but not in the schema (model SavedView)",
        "datasets.name: schema NOT NULL, database NULL",
        "queries.gini: type: schema double precision, database real",
        "datasets.synthetic: default: schema false, database none",
        'queries: index "queries_set_idx" (set) in the migrations but not in the schema',
        'queries: unique index "queries_prompt_lower_key" (<expression>) on expression lower(prompt) in the migrations but not in the schema',
        "documents: foreign key (dataset_id) -> datasets(id) (Document.dataset): missing from the migrations",
        "coverage: foreign key (dataset_id) -> datasets(id) (Coverage.dataset): ON DELETE: schema Cascade, database SetNull",
        "enum mood: in the migrations but not in the schema",
        "stray: table in the migrations but not in the schema",
      ]),
    );
    // The rollback left the real database as the migrations made it.
    expect(diffSchema(getDatamodel(schema), await introspect(database.sql))).toEqual([]);
  });
});
