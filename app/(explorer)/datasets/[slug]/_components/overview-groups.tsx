import Link from "next/link";
import { NEUTRAL, SET_COLORS } from "@/components/palette";
import { Badge } from "@/components/ui/badge";

/** The queries view's filters that show exactly one group's queries. */
export function groupQueriesHref(slug: string, group: { kind: string; name: string }): string {
  const base = `/datasets/${slug}/queries`;
  if (group.kind === "set") return `${base}?set=${encodeURIComponent(group.name)}&control=no`;
  if (group.kind === "type") return `${base}?type=${encodeURIComponent(group.name)}&control=no`;
  const set = group.name.replace(/_control$/, "");
  return `${base}?set=${encodeURIComponent(set)}&control=yes`;
}

const KIND_LABEL: Record<string, string> = { set: "Sets", type: "Task types", control: "Controls" };

/** The dataset's query groups with their sizes, each linking to its queries. */
export function OverviewGroups({ slug, groups }: { slug: string; groups: { key: string; kind: string; name: string; size: number }[] }) {
  const kinds = [...new Set(groups.map((g) => g.kind))];
  return (
    <section aria-labelledby="groups-heading" className="mt-8">
      <h2 id="groups-heading" className="text-lg font-semibold">Query groups</h2>
      {groups.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">This dataset has no query groups.</p>
      ) : (
        <div className="mt-2 flex flex-wrap gap-x-8 gap-y-3">
          {kinds.map((kind) => (
            <div key={kind}>
              <h3 className="text-xs font-medium uppercase text-zinc-500">{KIND_LABEL[kind] ?? kind}</h3>
              <ul className="mt-1 flex flex-wrap gap-2" aria-label={KIND_LABEL[kind] ?? kind}>
                {groups.filter((g) => g.kind === kind).map((g) => (
                  <li key={g.key}>
                    <Link href={groupQueriesHref(slug, g)} className="rounded-full hover:underline">
                      <Badge color={SET_COLORS[g.kind === "type" ? "reasoning" : g.name] ?? NEUTRAL}>
                        {g.name.replace("_", " ")} · {g.size} {g.size === 1 ? "query" : "queries"}
                      </Badge>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
