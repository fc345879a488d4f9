import "server-only";

/**
 * The dataset a /datasets/[slug] page is about, for its layout (the header) and its
 * title (generateMetadata); the page bodies read their own view, which finds it too.
 */
export { findDataset, type Dataset, type DatasetSummary } from "@/lib/data/store/datasets";
