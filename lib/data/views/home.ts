import "server-only";
import { listDatasets } from "@/lib/data/store/datasets";
import { listSavedViews } from "@/lib/data/store/saved-views";

/** The home page: every dataset (slug order) and the saved views (newest first). */
export async function homeView() {
  const [datasets, savedViews] = await Promise.all([listDatasets(), listSavedViews()]);
  return { datasets, savedViews };
}
