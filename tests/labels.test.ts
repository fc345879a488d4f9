/**
 * Labels as facets, from the files to what a user sees: documents.jsonl and queries.jsonl
 * labels read, stored, used as a filter of the ranked lists (true ranks), as an
 * enrichment against the corpus share (checked against the source enrichment's
 * definition computed here by hand), as export columns, and query labels as groups.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRows } from "@/app/(explorer)/datasets/[slug]/queries/[id]/_components/ranked-export";
import { GET as getLabels } from "@/app/api/datasets/[slug]/labels/route";
import { GET as getSearch } from "@/app/api/datasets/[slug]/search/route";
import { toCsv } from "@/lib/csv";
import { listGroups } from "@/lib/data/store/statistics";
import { findDataset } from "@/lib/data/store/datasets";
import { enrichmentKs } from "@/lib/domain/ks";
import type { DatasetInput } from "@/lib/domain/records";
import { readDocuments } from "@/lib/ingest/readers/documents";
import { readQueries } from "@/lib/ingest/readers/queries";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { serveDatabase, SERVER_BACKENDS } from "./support/databases";
import { expectRefusal, tempFolder, type TempFolder } from "./support/ingest-files";
import { searchDataset } from "./support/search-dataset";

const generated = searchDataset("labels");
const D = generated.documents.length;
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
const text = (v: string | number | boolean) => (typeof v === "string" ? v : String(v));

function naiveOrder(q: number, order: "top" | "bottom"): number[] {
  const row = generated.scores[q]!;
  return Array.from({ length: D }, (_, i) => i).sort((a, b) => (order === "top" ? row[b]! - row[a]! : row[a]! - row[b]!) || a - b);
}

describe.each(SERVER_BACKENDS)("labels on $name", ({ create }) => {
  let served: Awaited<ReturnType<typeof serveDatabase>>;
  let folder: TempFolder;
  let input: DatasetInput;

  beforeAll(async () => {
    folder = await tempFolder("labels");
    // Through the files, as a user would hand them over.
    const documents = await readDocuments(await folder.write("documents.jsonl", jsonl(generated.documents)));
    const queries = await readQueries(await folder.write("queries.jsonl", jsonl(generated.queries)));
    input = { ...generated, documents, queries };
    served = await serveDatabase(create, async (owner) => {
      await ingestDataset(owner.sql, input);
    });
  }, 120_000);
  afterAll(async () => {
    await served?.close();
    await folder?.cleanup();
  });

  const call = async (handler: unknown, path: string, params: Record<string, string>) => {
    const response = await (handler as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(
      new Request(`http://test/api/datasets/labels/${path}?${new URLSearchParams(params)}`), { params: Promise.resolve({ slug: "labels" }) });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("reads labels from the files (booleans and numbers too)", () => {
    expect(input.documents[0]!.labels).toEqual(generated.documents[0]!.labels);
    expect(input.documents.filter((d) => d.labels).length).toBeGreaterThan(D / 2);
    expect(input.queries[1]!.labels).toEqual({ difficulty: "hard" });
  });

  it("filters the ranked lists by a label value, at true ranks", async () => {
    for (const [label, keep] of [
      ["kind=procedure", (l: Record<string, unknown>) => l.kind === "procedure"],
      ["has_code=true", (l: Record<string, unknown>) => l.has_code === true],
      ["year=2022", (l: Record<string, unknown>) => l.year === 2022],
    ] as const) {
      for (const order of ["top", "bottom"] as const) {
        const ranked = naiveOrder(2, order);
        const expected = ranked.flatMap((d, r) => (input.documents[d]!.labels && keep(input.documents[d]!.labels!) ? [{ rank: r + 1, documentId: input.documents[d]!.id }] : []));
        const { status, body } = await call(getSearch, "search", { query: "q2", order, label, limit: "1000" });
        expect(status).toBe(200);
        expect(body.total).toBe(expected.length);
        expect(body.items.map((i: { rank: number; documentId: string }) => ({ rank: i.rank, documentId: i.documentId }))).toEqual(expected.slice(0, 1000));
      }
    }
    // With a search: both must hold.
    const { body } = await call(getSearch, "search", { query: "q0", q: "apple", label: "kind=fact", limit: "1000" });
    const expected = naiveOrder(0, "top").flatMap((d, r) => {
      const doc = input.documents[d]!;
      return doc.labels?.kind === "fact" && /(?<![\p{L}\p{N}])apple(?![\p{L}\p{N}])/iu.test(doc.text ?? "") ? [r + 1] : [];
    });
    expect(body.items.map((i: { rank: number }) => i.rank)).toEqual(expected);
    expect(body.items.every((i: { labels: Record<string, string> | null }) => i.labels?.kind === "fact")).toBe(true);
  });

  it("enrichment: the source enrichment's definition applied to each label value, both tails, every group and k", async () => {
    const dataset = await findDataset("labels");
    const groups = await listGroups(dataset!.id);
    const ks = enrichmentKs(D);
    for (const tail of ["top", "bottom"] as const) {
      const { status, body } = await call(getLabels, "labels", { tail });
      expect(status).toBe(200);
      const expectedCorpus = new Map<string, number>();
      for (const d of input.documents) for (const [k, v] of Object.entries(d.labels ?? {})) expectedCorpus.set(`${k}=${text(v)}`, (expectedCorpus.get(`${k}=${text(v)}`) ?? 0) + 1);
      expect(new Map(body.corpus.map((c: { key: string; value: string; count: number }) => [`${c.key}=${c.value}`, c.count]))).toEqual(expectedCorpus);
      let checked = 0;
      for (const group of groups) {
        const members = group.queryIds.map((id) => input.queries.findIndex((q) => q.id === id));
        for (const k of ks) {
          for (const [labelValue, corpusCount] of expectedCorpus) {
            const [key, value] = [labelValue.slice(0, labelValue.indexOf("=")), labelValue.slice(labelValue.indexOf("=") + 1)];
            let count = 0;
            for (const q of members) for (const d of naiveOrder(q, tail).slice(0, k)) if (input.documents[d]!.labels && text(input.documents[d]!.labels![key] ?? "\u0000") === value) count++;
            const multiplier = (count / (k * members.length)) / (corpusCount / D);
            const row = body.rows.find((r: any) => r.group === group.key && r.key === key && r.value === value && r.k === k);
            expect(row, `${group.key} ${labelValue} k=${k}`).toBeDefined();
            expect(row.count).toBe(count);
            expect(Math.abs(row.multiplier - multiplier)).toBeLessThan(1e-12);
            checked++;
          }
        }
      }
      expect(checked).toBe(groups.length * ks.length * expectedCorpus.size);
    }
  });

  it("query labels group like task types", async () => {
    const dataset = await findDataset("labels");
    const groups = await listGroups(dataset!.id);
    expect(groups.filter((g) => g.kind === "label").map((g) => [g.key, g.queryIds])).toEqual([
      ["label:difficulty=easy", ["q0", "q2", "q4"]],
      ["label:difficulty=hard", ["q1", "q3", "q5"]],
    ]);
  });

  it("exports carry a column per label", async () => {
    const { body } = await call(getSearch, "search", { query: "q0", label: "kind=noise", limit: "5" });
    const csv = toCsv(exportRows(body.items, false));
    const [header, first] = csv.split("\r\n");
    expect(header).toBe("rank,documentId,score,source,label:has_code,label:kind,label:year,text");
    const doc = input.documents.find((d) => d.id === body.items[0].documentId)!;
    expect(first).toContain(`,${text(doc.labels!.has_code!)},noise,${doc.labels!.year === undefined ? "" : doc.labels!.year},`);
  });

  it("refuses labels that are not strings, numbers or booleans, naming the line", async () => {
    const file = await folder.write("bad.jsonl", jsonl([{ id: "a", source: "wiki" }, { id: "b", source: "wiki", labels: { kind: ["x"] } }]));
    await expectRefusal(readDocuments(file), file, "line 2", /field "labels.kind" must be a string, a number or a boolean/);
  });
});
