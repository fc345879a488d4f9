import { redirect } from "next/navigation";

// Placeholder until the overview cards land: the query list is the dataset's entry point.
export default async function DatasetOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  redirect(`/datasets/${(await params).slug}/queries`);
}
