import Link from "next/link";
import { shadeColor, shadeExtent, textOnShade } from "@/components/charts/token-shade";
import { formatScore } from "@/lib/format";

interface Props {
  /** Links to the same document with another query's shading. */
  href: (queryId: string) => string;
  /** Queries with per-token scores for this document, and the one shown. */
  queryIds: string[];
  selected: string;
  tokens: string[];
  /** One per token (raw score units). */
  scores: number[];
}

/** How many tokens the accessible summary names at each end. */
const SUMMARY_TOKENS = 5;

/**
 * The document's text with each token shaded by its influence on the selected query
 * (diverging: blue raises the completion's likelihood, red lowers it), a legend, and a
 * text alternative: the most positive and negative tokens in words, and every token's
 * score in a table.
 */
export function TokenShading({ href, queryIds, selected, tokens, scores }: Props) {
  const extent = shadeExtent(scores);
  const ranked = tokens.map((token, i) => ({ token, i, score: scores[i] ?? 0 })).sort((a, b) => b.score - a.score);
  const describe = (list: typeof ranked) => list.map((t) => `“${t.token.trim()}” (${formatScore(t.score)})`).join(", ");
  const positive = ranked.filter((t) => t.score > 0).slice(0, SUMMARY_TOKENS);
  const negative = ranked.filter((t) => t.score < 0).reverse().slice(0, SUMMARY_TOKENS);
  return (
    <section aria-labelledby="tokens-heading" className="mt-4 rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="tokens-heading" className="text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">Influence by token</h3>
        <nav aria-label="Query shading the tokens" className="flex flex-wrap gap-1 text-xs">
          {queryIds.map((id) => (
            <Link key={id} href={href(id)} aria-current={id === selected ? "page" : undefined}
              className={`rounded px-2 py-0.5 ${id === selected ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 dark:border-zinc-700"}`}>
              {id}
            </Link>
          ))}
        </nav>
      </div>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Each token shaded by its per-token score for query <strong>{selected}</strong>.</p>
      <p data-testid="shaded-text" aria-hidden className="mt-2 whitespace-pre-wrap text-sm leading-7">
        {tokens.map((token, i) => {
          const score = scores[i] ?? 0;
          return (
            <span key={i} data-score={score} title={`${formatScore(score)}`} className="rounded-sm"
              style={{ backgroundColor: shadeColor(score, extent), color: textOnShade(score, extent) }}>
              {token}
            </span>
          );
        })}
      </p>
      <p className="sr-only" data-testid="token-summary">
        {positive.length ? `Tokens raising the completion's likelihood most: ${describe(positive)}.` : "No token has a positive score."}{" "}
        {negative.length ? `Tokens lowering it most: ${describe(negative)}.` : "No token has a negative score."}
      </p>
      <div className="mt-2 flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400" role="img"
        aria-label={`Colour scale: red ${formatScore(-extent)} (lowers the likelihood), white 0, blue ${formatScore(extent)} (raises it)`}>
        <span className="tabular-nums">{formatScore(-extent)}</span>
        <span aria-hidden className="h-3 w-40 rounded-sm"
          style={{ background: `linear-gradient(to right, ${shadeColor(-extent, extent)}, ${shadeColor(0, extent)}, ${shadeColor(extent, extent)})` }} />
        <span className="tabular-nums">{formatScore(extent)}</span>
        <span>red lowers, blue raises the completion&apos;s likelihood</span>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-xs text-zinc-700 dark:text-zinc-300">Token scores as a table ({tokens.length} tokens)</summary>
        <table className="mt-1 text-xs">
          <caption className="sr-only">Per-token scores for query {selected}, in text order</caption>
          <thead><tr><th scope="col" className="pr-3 text-left">#</th><th scope="col" className="pr-3 text-left">Token</th><th scope="col" className="text-right">Score</th></tr></thead>
          <tbody>
            {tokens.map((token, i) => (
              <tr key={i}>
                <td className="pr-3 tabular-nums">{i + 1}</td>
                <td className="pr-3 font-mono whitespace-pre">{JSON.stringify(token)}</td>
                <td className="text-right font-mono tabular-nums">{formatScore(scores[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
