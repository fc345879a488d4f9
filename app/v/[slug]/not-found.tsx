import Link from "next/link";

export default function SavedViewNotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">There is no saved view at this short link.</p>
      <Link href="/" className="mt-4 inline-block text-blue-700 underline dark:text-blue-400">
        Back to the datasets
      </Link>
    </div>
  );
}
