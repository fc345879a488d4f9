/**
 * The whole HTTP surface under hostile input: every API route and every page, each query
 * parameter, slug and id given empty, huge, control-character, malformed-encoding,
 * traversal, SQL-ish, numeric-limit, repeated and unicode values. No input may give a 5xx,
 * an /api error body that is not JSON, or a stack trace in any body.
 *
 * Durations are recorded and printed (the run shows the figures), never asserted: timing
 * belongs in benchmarks (npm run bench, npm run load).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";

/** A hostile value as it goes into the URL: `raw` is inserted as is (already percent-encoded where meant). */
interface Hostile {
  label: string;
  raw: string;
}

const HOSTILE: Hostile[] = [
  { label: "empty", raw: "" },
  { label: "10k chars", raw: "a".repeat(10_000) },
  { label: "10k chars of emoji", raw: "%F0%9F%98%80".repeat(830) },
  { label: "NUL", raw: "%00" },
  { label: "NUL inside", raw: "top%00x" },
  { label: "control characters", raw: "%01%02%1B%7F" },
  { label: "CRLF header injection", raw: "x%0D%0ASet-Cookie:%20a=b" },
  { label: "malformed %zz", raw: "%zz" },
  { label: "lone %", raw: "%" },
  { label: "truncated UTF-8", raw: "%E2%82" },
  { label: "lone surrogate", raw: "%ED%A0%80" },
  { label: "overlong UTF-8", raw: "%C0%AF" },
  { label: "invalid bytes", raw: "%FF%FE" },
  { label: "encoded traversal", raw: "..%2F..%2F..%2Fetc%2Fpasswd" },
  { label: "SQL tautology", raw: "%27%20OR%201%3D1%20--" },
  { label: "SQL statement", raw: "1%3B%20DROP%20TABLE%20datasets%3B--" },
  { label: "int4 max", raw: "2147483647" },
  { label: "int4 max + 1", raw: "2147483648" },
  { label: "int4 min - 1", raw: "-2147483649" },
  { label: "int8 max + 1", raw: "9223372036854775808" },
  { label: "400 digits", raw: "9".repeat(400) },
  { label: "1e309", raw: "1e309" },
  { label: "-0", raw: "-0" },
  { label: "NaN", raw: "NaN" },
  { label: "Infinity", raw: "Infinity" },
  { label: "-1", raw: "-1" },
  { label: "0", raw: "0" },
  { label: "1.5", raw: "1.5" },
  { label: "hex", raw: "0x7fffffff" },
  { label: "RTL override and Hebrew", raw: "%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D" },
  { label: "emoji ZWJ sequence", raw: "%F0%9F%91%A9%E2%80%8D%F0%9F%92%BB" },
  { label: "markup", raw: "%3Cscript%3Ealert(1)%3C%2Fscript%3E" },
  { label: "operator object", raw: "%7B%22%24gt%22%3A%22%22%7D" },
];

/** The values pages get for each parameter: pages render for real, so fewer of the cheap-to-tell-apart ones. */
const PAGE_HOSTILE = HOSTILE.filter((h) =>
  ["empty", "10k chars", "NUL", "control characters", "malformed %zz", "lone %", "lone surrogate", "overlong UTF-8", "encoded traversal",
    "SQL tautology", "int4 max + 1", "int8 max + 1", "1e309", "-0", "NaN", "Infinity", "RTL override and Hebrew", "emoji ZWJ sequence"].includes(h.label),
);

/** Path segments: the query-string values, plus an unencoded traversal (the URL parser resolves it) and a dot segment. */
const SEGMENT_HOSTILE: Hostile[] = [...HOSTILE, { label: "traversal", raw: "../../../etc/passwd" }, { label: "%2e%2e", raw: "%2e%2e" }];
const PAGE_SEGMENT_HOSTILE = SEGMENT_HOSTILE.filter((h) => PAGE_HOSTILE.includes(h) || h.label === "traversal");

interface Outcome {
  method: string;
  url: string;
  status: number;
  ms: number;
  problem?: string;
  excerpt: string;
}

interface Probe {
  method?: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

// A stack frame ("    at fn (/path/file.js:10:5)") or a server file path.
const STACK_FRAME = /^\s*at\s+\S.*:\d+:\d+\)?\s*$/m;
const SERVER_PATH = /\/work\/|node_modules\/|\/home\/[^/\s]+\/|webpack-internal:|\.next\/server/;
const ERROR_DIGEST = /data-dgst="(?!NEXT_)/;
const BATCH = 4;
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

async function send(request: APIRequestContext, probe: Probe): Promise<Outcome> {
  const method = probe.method ?? "GET";
  const started = performance.now();
  try {
    const response = await request.fetch(probe.url, {
      method,
      headers: probe.headers,
      data: probe.body,
      maxRedirects: 0,
      failOnStatusCode: false,
      timeout: 60_000,
    });
    const body = await response.text();
    const ms = performance.now() - started;
    const status = response.status();
    const type = response.headers()["content-type"] ?? "";
    // The path the server saw: the client resolves "../" and "%2e%2e" segments before sending.
    const api = new URL(probe.url, "http://fuzz").pathname.startsWith("/api/");
    let problem: string | undefined;
    if (status >= 500) problem = "5xx";
    else if (STACK_FRAME.test(body) || SERVER_PATH.test(body)) problem = "leaks a stack trace or server path";
    // A page whose streamed part failed: 200, but the error boundary shows (a digest not Next's own notFound/redirect).
    else if (!api && (ERROR_DIGEST.test(body) || body.includes("This view could not be loaded"))) problem = "renders the error boundary";
    // Node answers an oversized request line itself (431, empty body) before the app sees it.
    else if (api && status >= 400 && status !== 431) {
      if (!type.includes("application/json")) problem = `error body is ${type || "untyped"}, not JSON`;
      else {
        try {
          JSON.parse(body);
        } catch {
          problem = "error body does not parse as JSON";
        }
      }
    }
    return { method, url: probe.url, status, ms, problem, excerpt: truncate(body.replace(/\s+/g, " "), 300) };
  } catch (error) {
    return { method, url: probe.url, status: 0, ms: performance.now() - started, problem: "no response", excerpt: String(error).slice(0, 300) };
  }
}

const withParam = (path: string, name: string, raw: string) => `${path}${path.includes("?") ? "&" : "?"}${name}=${raw}`;

test.describe("fuzz", () => {
  test("no input gives a 5xx, a non-JSON API error or a stack trace", async ({ request }) => {
    test.setTimeout(240_000);

    // Real names for the "valid slug, hostile parameter" cases.
    const datasets = (await (await request.get("/api/datasets")).json()) as { slug: string }[];
    expect(datasets.length, "the e2e database has datasets").toBeGreaterThan(0);
    const slug = datasets.find((d) => d.slug === "demo-7b")?.slug ?? datasets[0]!.slug;
    const other = datasets.find((d) => d.slug !== slug)?.slug ?? slug;
    const queries = (await (await request.get(`/api/datasets/${slug}/queries`)).json()) as { id: string }[];
    const [q1, q2] = [queries[0]!.id, (queries[1] ?? queries[0]!).id];
    const ranking = (await (await request.get(`/api/datasets/${slug}/queries/${encodeURIComponent(q1)}/documents?limit=1`)).json()) as {
      items: { documentId: string }[];
    };
    const doc = ranking.items[0]!.documentId;
    const ds = `/api/datasets/${slug}`;
    const qid = encodeURIComponent(q1);
    const pageBase = `/datasets/${slug}`;

    const probes: Probe[] = [];
    const fuzzParams = (path: string, names: string[], values: Hostile[]) => {
      for (const name of names) {
        for (const v of values) probes.push({ url: withParam(path, name, v.raw) });
        // Repeated parameter (an array), a valid value first and a hostile one after, and the other way round.
        probes.push({ url: `${path}${path.includes("?") ? "&" : "?"}${name}=1&${name}=%00&${name}=top` });
      }
      // Unknown and prototype-polluting names, and a 100k-character query string.
      probes.push({ url: withParam(withParam(path, "__proto__", "x"), "constructor", "%00") });
      probes.push({ url: withParam(path, names[0] ?? "x", "b".repeat(100_000)) });
    };
    const fuzzSegment = (template: (segment: string) => string, values: Hostile[]) => {
      for (const v of values) probes.push({ url: template(v.raw) });
    };

    // --- API routes (app/api/**/route.ts) ---
    fuzzParams("/api/datasets", ["x"], [HOSTILE[0]!, HOSTILE[3]!]);
    fuzzParams("/api/health", ["x"], [HOSTILE[3]!]);
    fuzzParams("/api/views", ["x"], [HOSTILE[3]!]);
    fuzzParams(`${ds}/queries/${qid}/documents`, ["order", "offset", "limit"], HOSTILE);
    fuzzParams(`${ds}/correlations`, ["method", "k"], HOSTILE);
    fuzzParams(`${ds}/correlations?method=jaccard`, ["k"], HOSTILE);
    fuzzParams(`${ds}/coverage`, ["tail", "unit"], HOSTILE);
    fuzzParams(`${ds}/sources`, ["tail"], HOSTILE);
    fuzzParams(`${ds}/scatter?b=${encodeURIComponent(q2)}`, ["a", "k", "extent"], HOSTILE);
    fuzzParams(`${ds}/powerlaw`, ["x"], [HOSTILE[3]!]);
    fuzzParams(`${ds}/retrieval`, ["x"], [HOSTILE[3]!]);
    fuzzParams(ds, ["x"], [HOSTILE[3]!]);
    // Offsets at and past the ranking's end.
    for (const offset of ["999999", "2147483647"]) probes.push({ url: `${ds}/queries/${qid}/documents?offset=${offset}&limit=1000` });
    // Every dataset route finds its dataset the same way (lib/http.ts datasetRoute): all values on one, the page set on the rest.
    fuzzSegment((s) => `/api/datasets/${s}/queries`, SEGMENT_HOSTILE);
    fuzzSegment((s) => `/api/datasets/${s}`, PAGE_SEGMENT_HOSTILE);
    for (const route of ["queries/q/documents", "correlations", "coverage", "sources", "powerlaw", "retrieval", "scatter?a=x&b=y", "documents/d"]) {
      fuzzSegment((s) => `/api/datasets/${s}/${route}`, PAGE_SEGMENT_HOSTILE);
    }
    fuzzSegment((s) => `${ds}/queries/${s}/documents`, SEGMENT_HOSTILE);
    fuzzSegment((s) => `${ds}/documents/${s}`, SEGMENT_HOSTILE);
    fuzzSegment((s) => `/api/${s}`, [HOSTILE[3]!, HOSTILE[7]!, HOSTILE[10]!]);

    // --- POST /api/views: hostile bodies, types and origins ---
    // A bucket of the rate limiter of its own, so the saved-views spec's saves still pass.
    const json = { "content-type": "application/json", "x-forwarded-for": "fuzz" };
    const viewBodies = [
      "", "{", "null", "[]", "1e309", "\"x\"", "{\"__proto__\":{\"admin\":true}}",
      "[".repeat(8_000) + "]".repeat(8_000),
      JSON.stringify({ path: "/", title: "\u0000" }),
      JSON.stringify({ path: "/\u0000", title: "t" }),
      JSON.stringify({ path: "/", title: "\ud800" }),
      JSON.stringify({ path: "/", title: "t", note: "\u0001\u007f" }),
      JSON.stringify({ path: "/", title: 2147483648 }),
      JSON.stringify({ path: "/", title: ["a", "b"] }),
      JSON.stringify({ path: "/", title: { $gt: "" } }),
      JSON.stringify({ path: "/", title: "x".repeat(10_000) }),
      JSON.stringify({ path: "/".repeat(10_000), title: "t" }),
      JSON.stringify({ path: "//evil.example", title: "t" }),
      JSON.stringify({ path: "javascript:alert(1)", title: "t" }),
      JSON.stringify({ path: "/../../etc/passwd", title: "t" }),
      JSON.stringify({ path: "/datasets/%zz", title: "t" }),
      JSON.stringify({ path: "/", title: "' OR 1=1 --" }),
      JSON.stringify({ path: `${pageBase}?offset=2147483648`, title: "\u202e\u05e9\u05dc\u05d5\u05dd fuzz" }),
      JSON.stringify({ path: "/compare", title: "👩‍💻 fuzz", note: "🙂".repeat(500) }),
    ];
    for (const body of viewBodies) probes.push({ method: "POST", url: "/api/views", headers: json, body });
    probes.push({ method: "POST", url: "/api/views", headers: { ...json, "content-type": "text/plain" }, body: "{}" });
    probes.push({ method: "POST", url: "/api/views", headers: { ...json, "content-type": "application/json; charset=utf-16" }, body: "\u0000{" });
    probes.push({ method: "POST", url: "/api/views", headers: { ...json, "content-length": "99999999999999999999" }, body: "{}" });
    probes.push({ method: "POST", url: "/api/views", headers: json, body: "x".repeat(100_000) });
    probes.push({ method: "POST", url: "/api/views", headers: { ...json, origin: "http://evil.example" }, body: "{}" });
    probes.push({ method: "POST", url: "/api/views", headers: { ...json, origin: "%00" }, body: "{}" });

    // --- Pages (app/**/page.tsx) ---
    fuzzParams("/", ["x"], [HOSTILE[3]!]);
    fuzzParams("/compare", ["a", "b"], PAGE_HOSTILE);
    for (const side of [slug, `${slug}/query/`, `${slug}/group/`, `${other}/query/${encodeURIComponent(q1)}/`]) {
      probes.push({ url: `/compare?a=${side}${HOSTILE[3]!.raw}&b=${side}${HOSTILE[10]!.raw}` });
      probes.push({ url: `/compare?a=${side}${HOSTILE[14]!.raw}&b=${side}${HOSTILE[13]!.raw}` });
    }
    fuzzParams(`${pageBase}/queries`, ["set", "type", "control", "correct", "search"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/queries/${qid}`, ["order", "rank", "source", "search"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/documents/${encodeURIComponent(doc)}`, ["scale", "tokens"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/distribution`, ["unit", "tail", "x", "groups", "upto"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/transfer`, ["method", "k", "a", "b", "top", "extent"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/transfer?method=jaccard`, ["k"], PAGE_HOSTILE);
    fuzzParams(`${pageBase}/concentration`, ["tail", "groups", "task"], PAGE_HOSTILE);
    for (const view of ["", "/queries", "/queries/q", "/documents/d", "/distribution", "/transfer", "/concentration"]) {
      fuzzSegment((s) => `/datasets/${s}${view}`, PAGE_SEGMENT_HOSTILE);
    }
    fuzzSegment((s) => `${pageBase}/queries/${s}`, PAGE_SEGMENT_HOSTILE);
    fuzzSegment((s) => `${pageBase}/documents/${s}`, PAGE_SEGMENT_HOSTILE);
    fuzzSegment((s) => `/v/${s}`, SEGMENT_HOSTILE);

    const outcomes: Outcome[] = [];
    for (let i = 0; i < probes.length; i += BATCH) {
      outcomes.push(...(await Promise.all(probes.slice(i, i + BATCH).map((p) => send(request, p)))));
    }

    const histogram = new Map<number, number>();
    for (const o of outcomes) histogram.set(o.status, (histogram.get(o.status) ?? 0) + 1);
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `fuzz: ${outcomes.length} requests; statuses ${[...histogram].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(" ")}; ` +
        `slowest ${slowest.map((o) => `${Math.round(o.ms)} ms ${o.method} ${truncate(o.url, 80)} (${o.status})`).join(", ")}`,
    );

    const offenders = outcomes.filter((o) => o.problem);
    expect(
      offenders.map((o) => `${o.method} ${truncate(o.url, 160)} → ${o.status} ${o.problem}: ${o.excerpt}`),
      `${offenders.length} of ${outcomes.length} requests failed`,
    ).toEqual([]);
  });
});
