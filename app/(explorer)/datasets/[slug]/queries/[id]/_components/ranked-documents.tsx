"use client";

import { useQueries } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Highlight, highlightPosition, type HighlightTerm } from "@/components/ui/highlight";
import { OVERSCAN, pagesCovering, sliceRows, sliceStart } from "@/components/ui/list-window";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RankedDocument } from "@/lib/data/views/query";
import { RANKING_ORDERS, type RankingOrder } from "@/lib/domain/vocabulary";
import { formatCount, formatScore, snippet } from "@/lib/format";
import { useUrlState } from "@/lib/use-url-state";
import { exportRows } from "./ranked-export";
import { LIST_HEIGHT, matchIndexAtRank, RANKING_PAGE, rankingPageOptions, ROW_HEIGHT, searchPageOptions, type ListFilter } from "./ranking-query";

/** The ranking orders' names, as the order switch and the list's status line say them. */
const ORDER_LABELS: Record<RankingOrder, { button: string; status: string }> = {
  top: { button: "Most positive", status: "most positive first" },
  bottom: { button: "Most negative", status: "most negative first" },
  top_normalised: { button: "Most positive, self-normalised", status: "highest score / √self-influence first" },
  bottom_normalised: { button: "Most negative, self-normalised", status: "lowest score / √self-influence first" },
};


/** A filtered ranking (search, source or label) over the whole corpus. */
export interface FilteredRanking {
  /** Matching documents in the corpus. */
  total: number;
  /** Index among the matches of the one the list opens on. */
  offset: number;
}

interface Props {
  slug: string;
  queryId: string;
  order: RankingOrder;
  /** Documents in the ranking (the dataset's size). */
  total: number;
  /** The selected rank from the URL (1-based). */
  rank: number;
  source: string;
  search: string;
  /** The label filter, "key=value" ("" = none). */
  label: string;
  sources: string[];
  hasGlobalRanks: boolean;
  /** Whether the dataset has self-influence: the self-normalised orders are offered and each row shows its normalised score. */
  hasSelfInfluence?: boolean;
  terms: HighlightTerm[];
  /** Server-side filter result (its pages are in the query cache); null shows the whole ranking. */
  filtered: FilteredRanking | null;
  /** Facet filters offered beside the source filter (rendered by the page). */
  facets?: ReactNode;
}

/** Rows the list lays out at once; a longer ranking scrolls through slices of this many. */
const SLICE_ROWS = sliceRows(ROW_HEIGHT);

const inputClass = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest("input, textarea, select, [contenteditable=true]");
}

/** Writes the selected rank into the address without a server round trip (Next.js syncs its router with history). */
function replaceRank(rank: number) {
  const url = new URL(window.location.href);
  if (rank <= 1) url.searchParams.delete("rank");
  else url.searchParams.set("rank", String(rank));
  window.history.replaceState(window.history.state, "", url);
}

interface ListProps {
  slug: string;
  queryId: string;
  order: RankingOrder;
  total: number;
  rank: number;
  hasGlobalRanks: boolean;
  terms: HighlightTerm[];
  filtered: FilteredRanking | null;
  /** A jump-to-rank request from the controls (nonce makes a repeated rank jump again). */
  jump: { rank: number; nonce: number; key: string } | null;
  onRows: (rows: Record<string, unknown>[]) => void;
  listKey: string;
  /** The text search, highlighted in the matches. */
  search: string;
  filter: ListFilter;
}

/** The windowed list itself; remounted (by key) when the order or the filter changes. */
function RankedList({ slug, queryId, order, total, rank, hasGlobalRanks, terms: queryTerms, filtered, jump, onRows, listKey, search, filter }: ListProps) {
  const terms = useMemo(() => (search ? [{ term: search, kind: "search" as const }, ...queryTerms] : queryTerms), [search, queryTerms]);
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = filtered ? filtered.total : total;
  const viewport = Math.min(LIST_HEIGHT, count * ROW_HEIGHT);

  const initialIndex = filtered ? filtered.offset : Math.min(Math.max(rank, 1), total) - 1;
  const [active, setActive] = useState(initialIndex);
  const [focusActive, setFocusActive] = useState(false);

  // The virtualizer's rows are the slice [base, base + slice) of the list (all of it unless it is very long).
  const slice = Math.min(count, SLICE_ROWS);
  const [base, setBase] = useState(() => sliceStart(count, initialIndex, SLICE_ROWS));
  // TanStack Virtual returns a mutable instance React Compiler cannot memoise; this
  // project does not run the compiler, so the lint's "compilation skipped" is moot here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: slice,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The server renders the rows at the linked rank before there is an element to measure.
    initialRect: { width: 0, height: viewport },
    initialOffset: () => Math.max(0, Math.min((initialIndex - base) * ROW_HEIGHT, slice * ROW_HEIGHT - viewport)),
  });
  const virtualRows = virtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows.at(-1)?.index ?? -1;

  // A row to scroll to once a new slice is laid out (moving the slice moves every row).
  const pendingScroll = useRef<{ index: number; align: "start" | "auto" } | null>(null);
  useLayoutEffect(() => {
    const target = pendingScroll.current;
    if (!target) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(target.index - base, { align: target.align });
  }, [base, virtualizer]);
  // Scrolling to a slice's edge moves the slice on, keeping the top row in view. The
  // element's own scrollTop, not the rendered rows, decides: it is current at once
  // after a move, while the rows catch up on the next scroll event.
  useEffect(() => {
    const element = scrollRef.current;
    if (slice === count || !element) return;
    const atStart = base > 0 && element.scrollTop < ROW_HEIGHT;
    const atEnd = base + slice < count && element.scrollTop + viewport > (slice - 1) * ROW_HEIGHT;
    if (!atStart && !atEnd) return;
    const top = base + Math.floor(element.scrollTop / ROW_HEIGHT);
    pendingScroll.current = { index: top, align: "start" };
    setBase(sliceStart(count, top, SLICE_ROWS));
  }, [base, count, firstRow, lastRow, slice, viewport]);

  // A link to a rank (a permalink) brings the list itself into view.
  useEffect(() => {
    if (initialIndex > 0) scrollRef.current?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Pages of the whole ranking covering the rendered rows.
  // Pages (of the whole ranking, or of the matches) covering the rendered rows.
  const pages = useMemo(() => pagesCovering(base + firstRow, base + lastRow, RANKING_PAGE), [base, firstRow, lastRow]);
  const results = useQueries({
    queries: pages.map((p) => (filtered ? searchPageOptions(slug, queryId, order, filter, p) : rankingPageOptions(slug, queryId, order, p))),
  });
  const pageData = new Map(pages.map((p, i) => [p, results[i]]));

  const itemAt = (index: number): RankedDocument | undefined => pageData.get(Math.floor(index / RANKING_PAGE))?.data?.items[index % RANKING_PAGE];
  const errorAt = (index: number) => pageData.get(Math.floor(index / RANKING_PAGE))?.error ?? null;
  // A match's rank is known once its page has loaded.
  const rankAt = (index: number): number | null => (filtered ? itemAt(index)?.rank ?? null : index + 1);
  const documentHref = (item: RankedDocument) => `/datasets/${slug}/documents/${encodeURIComponent(item.documentId)}`;

  const select = useCallback(
    (index: number, options: { scroll?: "start" | "nearest"; focus?: boolean } = {}) => {
      if (count === 0) return;
      const next = Math.min(Math.max(index, 0), count - 1);
      setActive(next);
      const align = options.scroll === "start" ? "start" : "auto";
      if (next >= base && next < base + slice) {
        virtualizer.scrollToIndex(next - base, { align });
      } else {
        pendingScroll.current = { index: next, align };
        setBase(sliceStart(count, next, SLICE_ROWS));
      }
      // A jump also brings the list itself into the page's view.
      if (options.scroll === "start") scrollRef.current?.scrollIntoView({ block: "nearest" });
      if (options.focus) setFocusActive(true);
      const nextRank = filtered ? itemAt(next)?.rank : next + 1;
      if (nextRank !== undefined) replaceRank(nextRank);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [count, filtered, base, slice, virtualizer],
  );

  // Each jump once: `select` changes with the slice, and a moved slice must not jump back.
  const jumped = useRef<number | null>(null);
  useEffect(() => {
    if (!jump || jump.key !== listKey || jumped.current === jump.nonce) return;
    jumped.current = jump.nonce;
    if (!filtered) select(Math.min(Math.max(jump.rank, 1), total) - 1, { scroll: "start" });
    else void matchIndexAtRank(slug, queryId, order, filter, jump.rank).then((index) => select(index, { scroll: "start" }), () => undefined);
  }, [jump, select, listKey, filtered, total, slug, queryId, order, filter]);


  const activeItem = itemAt(active);

  // Focus follows j/k once the row is rendered (and its page loaded).
  useEffect(() => {
    if (!focusActive) return;
    const link = document.querySelector<HTMLAnchorElement>(`[data-row-index="${active}"] a[data-document-link]`);
    if (link) {
      link.focus({ preventScroll: true });
      setFocusActive(false);
    }
  }, [focusActive, active, activeItem]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (event.key === "j") {
        event.preventDefault();
        select(active + 1, { focus: true });
      } else if (event.key === "k") {
        event.preventDefault();
        select(active - 1, { focus: true });
      } else if (event.key === "Enter" && activeItem) {
        // Links and buttons handle their own Enter; elsewhere Enter opens the selected document.
        const target = event.target as HTMLElement | null;
        if (target?.closest("a, button, summary")) return;
        event.preventDefault();
        router.push(documentHref(activeItem));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const loaded = results.flatMap((r) => r.data?.items ?? []);
  useEffect(() => {
    onRows(exportRows(loaded, hasGlobalRanks));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.length, loaded[0]?.rank, hasGlobalRanks, onRows]);

  const renderRow = (index: number) => {
    const item = itemAt(index);
    const r = rankAt(index);
    const isActive = index === active;
    const error = errorAt(index);
    return (
      <div
        data-row-index={index}
        onClick={() => select(index)}
        className={`flex h-full gap-3 border-b border-zinc-100 px-2 py-1.5 text-sm dark:border-zinc-900 ${
          isActive ? "bg-sky-50 shadow-[inset_3px_0_0_#0284c7] dark:bg-sky-950/60" : ""
        }`}
      >
        <div className="w-20 shrink-0 tabular-nums">
          <div className="font-medium" data-cell="rank">{r === null ? "…" : formatCount(r)}</div>
          {hasGlobalRanks && item ? (
            <div className="text-xs text-zinc-600 dark:text-zinc-400" title="rank among the study's 5M documents" data-cell="global-rank">
              {item.globalRank === null ? "of 5M: —" : `of 5M: ${formatCount(item.globalRank + 1)}`}
            </div>
          ) : null}
        </div>
        <div className="w-24 shrink-0 text-right font-mono tabular-nums" data-cell="score">
          {item ? formatScore(item.score) : ""}
          {item?.normalisedScore != null ? (
            <div className="text-xs text-zinc-600 dark:text-zinc-400" title="score / √self-influence" data-cell="normalised-score">
              {formatScore(item.normalisedScore)}
            </div>
          ) : null}
        </div>
        <div className="min-w-0 flex-1">
          {item ? (
            <>
              <div className="flex items-center gap-2">
                <Link href={documentHref(item)} data-document-link className="truncate font-mono text-xs text-sky-700 hover:underline dark:text-sky-300">
                  {item.documentId}
                </Link>
                <SourceBadge source={item.source} />
              </div>
              <p className={`${item.span ? "line-clamp-1" : "line-clamp-2"} text-zinc-700 dark:text-zinc-300`}>
                {item.text ? <Highlight text={snippet(item.text, 240, highlightPosition(item.text, terms))} terms={terms} /> : <span className="text-zinc-500">(no text)</span>}
              </p>
              {item.span ? (
                <p className="truncate text-xs" data-cell="span" title={`summed token influence ${formatScore(item.span.total)}`}>
                  <span className="text-zinc-600 dark:text-zinc-400">Most influential span: </span>
                  <mark className="rounded-sm bg-emerald-100 px-0.5 text-emerald-950 dark:bg-emerald-900 dark:text-emerald-50">{item.span.text.trim()}</mark>
                </p>
              ) : null}
            </>
          ) : error ? (
            <p className="text-red-700 dark:text-red-300">{error.message}</p>
          ) : (
            <p className="text-zinc-500" aria-busy="true">{r === null ? `Loading match ${formatCount(index + 1)}…` : `Loading rank ${formatCount(r)}…`}</p>
          )}
        </div>
      </div>
    );
  };

  if (count === 0) return null;
  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="list"
      aria-label={filtered ? "Matching documents" : "Ranked documents"}
      style={{ height: viewport, overflowY: "auto" }}
      className="rounded-b border border-t-0 border-zinc-200 dark:border-zinc-800"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualRows.map((row) => {
          const index = base + row.index;
          return (
            <div
              key={index}
              role="listitem"
              aria-label={rankAt(index) === null ? `match ${formatCount(index + 1)}` : `rank ${formatCount(rankAt(index)!)}`}
              aria-current={index === active ? "true" : undefined}
              aria-posinset={index + 1}
              aria-setsize={count}
              style={{ position: "absolute", top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
            >
              {renderRow(index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The ranked documents of a query: a windowed list over the whole ranking (pages of
 * 100 fetched as they scroll into view), or over the server's filtered matches;
 * jump to rank, j/k to move, Enter to open, / to search.
 */
export function RankedDocuments(props: Props) {
  const { slug, queryId, order, total, source, search, label, sources, filtered, hasSelfInfluence } = props;
  const filter = useMemo(() => ({ search, source, label }), [search, source, label]);
  const { update, pending } = useUrlState();
  const searchRef = useRef<HTMLInputElement>(null);
  const count = filtered ? filtered.total : total;
  // The search box announces its "/" shortcut only once the listener below exists: its
  // effect runs in the hydration commit, before the re-render that makes this true.
  const shortcutLive = useHydrated();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target) || event.key !== "/") return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Search box: local text, debounced into the URL (replacing history).
  const [text, setText] = useState(search);
  useEffect(() => {
    if (document.activeElement !== searchRef.current) setText(search);
  }, [search]);
  useEffect(() => {
    if (text.trim() === search) return;
    const timer = setTimeout(() => update({ search: text.trim() || null, rank: null }, { replace: true }), 350);
    return () => clearTimeout(timer);
  }, [text, search, update]);

  const [jumpText, setJumpText] = useState("");
  const [jump, setJump] = useState<{ rank: number; nonce: number; key: string } | null>(null);
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const listKey = `${order}|${source}|${search}|${label}|${props.rank}`;
  const maxRank = total;

  const base = `/datasets/${slug}/queries/${encodeURIComponent(queryId)}`;
  const orderHref = (o: RankingOrder) => {
    const params = new URLSearchParams();
    if (o !== "top") params.set("order", o);
    if (source) params.set("source", source);
    if (search) params.set("search", search);
    if (label) params.set("label", label);
    const q = params.toString();
    return q ? `${base}?${q}` : base;
  };

  return (
    <div>
      <div className="flex flex-wrap items-end gap-3">
        <nav aria-label="Ranking" className="flex gap-1 text-sm">
          {(hasSelfInfluence ? RANKING_ORDERS : (["top", "bottom"] as const)).map((o) => (
            <Link key={o} href={orderHref(o)} aria-current={order === o ? "page" : undefined}
              className={`rounded px-3 py-1 ${order === o ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 dark:border-zinc-700"}`}>
              {ORDER_LABELS[o].button}
            </Link>
          ))}
        </nav>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Source
          <select aria-label="Source" className={inputClass} value={source} onChange={(e) => update({ source: e.target.value || null, rank: null })}>
            <option value="">all sources</option>
            {sources.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {props.facets}
        <label className="flex min-w-48 flex-1 flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Search document text (press /)
          <input ref={searchRef} type="search" aria-keyshortcuts={shortcutLive ? "/" : undefined} value={text} onChange={(e) => setText(e.target.value)} className={inputClass} placeholder="words or numbers" />
        </label>
        <form
          className="flex items-end gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const target = Number(jumpText.replace(/[,\s]/g, ""));
            if (Number.isInteger(target) && target >= 1) setJump({ rank: Math.min(target, maxRank), nonce: Date.now(), key: listKey });
          }}
        >
          <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
            Jump to rank
            <input type="text" inputMode="numeric" value={jumpText} onChange={(e) => setJumpText(e.target.value)} className={`${inputClass} w-28`} placeholder={`1–${formatCount(maxRank)}`} />
          </label>
          <button type="submit" className="rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">Go</button>
        </form>
      </div>

      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <p aria-live="polite">
          {pending ? "Updating… " : ""}
          {filtered
            ? `${formatCount(filtered.total)} of ${formatCount(total)} documents match${describeFilter(filter)}, at their true ranks, ${ORDER_LABELS[order].status}`
            : `${formatCount(total)} documents, ${ORDER_LABELS[order].status}`}
          {" · "}j/k move, Enter opens, / searches
        </p>
        <ExportButtons name={`${slug}-${queryId}-${order}${filtered ? "-filtered" : ""}-documents`} rows={rows} />
      </div>

      <div className="mt-1 flex gap-3 border-b border-zinc-200 px-2 pb-1 text-xs font-medium uppercase text-zinc-500 dark:border-zinc-800" aria-hidden>
        <span className="w-20 shrink-0">Rank</span>
        <span className="w-24 shrink-0 text-right">Score</span>
        <span className="flex-1">Document</span>
      </div>
      {count === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No document of the {formatCount(total)} matches{describeFilter(filter)}.
        </p>
      ) : (
        <RankedList key={listKey} {...props} filter={filter} listKey={listKey} jump={jump} onRows={setRows} />
      )}
    </div>
  );
}

/** " from wiki, labelled kind=procedure, containing “28”": what the list is filtered by. */
function describeFilter(filter: ListFilter): string {
  return `${filter.source ? ` from ${filter.source}` : ""}${filter.label ? `, labelled ${filter.label}` : ""}${filter.search ? `, containing “${filter.search}”` : ""}`;
}
