import "server-only";
import { getDatabase } from "@/lib/db/server";

/** Whether the database answers a trivial statement (throws what the database threw). */
export async function checkDatabase(): Promise<void> {
  const { prisma } = await getDatabase();
  await prisma.$queryRaw`SELECT 1`;
}
