import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/data/store/health";
import { jsonError, RETRY_AFTER_SECONDS } from "@/lib/http";

export const dynamic = "force-dynamic";

/** For load balancers and monitors: 200 { database: "ok" }, or 503 with Retry-After. */
export async function GET() {
  try {
    await checkDatabase();
    return NextResponse.json({ database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.warn(`health: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return jsonError(503, "The database does not answer; try again shortly.", undefined, {
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    });
  }
}
