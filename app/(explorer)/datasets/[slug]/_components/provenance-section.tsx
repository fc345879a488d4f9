import type { DatasetProvenance, JsonValue } from "@/lib/domain/records";
import { formatCount } from "@/lib/format";

/** Settings a researcher checks first, by the name the libraries record them under. */
const KEY_SETTINGS = [
  "strategy", "damping_factor", "damping", "query_gradient_low_rank", "use_full_svd", "score_dtype",
  "per_sample_gradient_dtype", "precondition_dtype", "amp_dtype", "eigendecomposition_dtype",
  "activation_covariance_dtype", "gradient_covariance_dtype", "lambda_dtype", "compute_per_module_scores",
  "compute_per_token_scores", "data_partitions", "module_partitions", "experiment", "layout", "scoreDtype", "module",
  "num_items", "num_scores",
];

const LIBRARY_NAMES: Record<string, string> = { kronfluence: "Kronfluence", trak: "TRAK", bergson: "Bergson" };

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const formatValue = (value: JsonValue): string =>
  value === null ? "none" : typeof value === "object" ? JSON.stringify(value) : String(value);

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every setting flattened to "group › name" -> value (objects one level deep, as the runs record them). */
function flatten(settings: { [key: string]: JsonValue }): { key: string; name: string; value: string }[] {
  return Object.entries(settings).flatMap(([group, value]) =>
    isObject(value)
      ? Object.entries(value).map(([name, inner]) => ({ key: `${group}.${name}`, name: `${group} › ${name}`, value: formatValue(inner) }))
      : [{ key: group, name: group, value: formatValue(value) }],
  );
}

/**
 * Where a dataset's scores came from: the library and version, the settings a researcher
 * checks first (damping, low rank, dtypes, strategy, partitions), every recorded argument
 * behind a disclosure, and the files read with their sizes. Renders nothing without provenance.
 */
export function ProvenanceSection({ provenance }: { provenance: DatasetProvenance | null }) {
  if (!provenance) return null;
  const all = flatten(provenance.settings);
  const key = KEY_SETTINGS.flatMap((name) => all.filter((s) => s.key === name || s.key.endsWith(`.${name}`)));
  const library = provenance.library ? (LIBRARY_NAMES[provenance.library] ?? provenance.library) : null;
  return (
    <section aria-labelledby="provenance-heading" className="mt-8 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 id="provenance-heading" className="text-lg font-semibold">Provenance</h2>
      <p className="mt-1">
        {library ? (
          <>
            Computed with <strong>{library}</strong>
            {provenance.libraryVersion ? ` ${provenance.libraryVersion}` : " (version not recorded)"}; read from a {provenance.format} {provenance.library ? "folder" : "file"}.
          </>
        ) : (
          <>Read from {provenance.format === "demo" ? "the synthetic demo generator" : `a ${provenance.format} file`}.</>
        )}
      </p>
      {key.length > 0 ? (
        <dl aria-label="Key settings" className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 lg:grid-cols-[max-content_1fr_max-content_1fr]">
          {key.map((s) => (
            <div key={s.key} className="contents">
              <dt className="text-zinc-600 dark:text-zinc-400">{s.name}</dt>
              <dd className="font-mono break-all">{s.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {all.length > key.length ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">All recorded settings ({all.length})</summary>
          <dl aria-label="All recorded settings" className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5">
            {all.map((s) => (
              <div key={s.key} className="contents">
                <dt className="text-zinc-600 dark:text-zinc-400">{s.name}</dt>
                <dd className="font-mono break-all">{s.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {provenance.files.length > 0 ? (
        <table className="mt-3 text-sm">
          <caption className="text-left text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">Files read ({provenance.files.length})</caption>
          <thead className="sr-only">
            <tr><th scope="col">File</th><th scope="col">Read for</th><th scope="col">Size</th></tr>
          </thead>
          <tbody>
            {provenance.files.map((f) => (
              <tr key={`${f.role}:${f.path}`}>
                <td className="py-0.5 pr-4 font-mono break-all">{f.path}</td>
                <td className="py-0.5 pr-4 text-zinc-600 dark:text-zinc-400">{f.role}</td>
                <td className="py-0.5 text-right tabular-nums" title={`${formatCount(f.bytes)} bytes`}>{formatBytes(f.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
