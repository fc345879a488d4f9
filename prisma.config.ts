import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env by itself. `prisma generate` needs no database, so a
// placeholder URL keeps it working where DATABASE_URL is unset; the app and the
// migration runner (lib/db/migrate.ts) never read this file.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder" },
});
