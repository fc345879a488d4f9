/**
 * Fixture folders and refusal assertions shared by the ingest tests: the readers' unit
 * tests (lib/ingest/readers/*.test.ts) and the command line's (tests/ingest-cli.test.ts).
 */
import { mkdir, mkdtemp, readdir, readlink, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { IngestError } from "@/lib/ingest/ingest-error";
import type { ScoreSource } from "@/lib/domain/records";
import { allRows, scoreSource } from "@/lib/ingest/score-source";

/** A fresh temporary folder for one test file's fixtures; `cleanup` removes it. */
export async function tempFolder(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  let counter = 0;
  return {
    dir,
    /**
     * Writes `content` under a fresh sub-folder, returning the path. The file keeps `name`
     * as its own name (readers infer formats from it; it may hold a folder, as in TRAK's
     * "scores/<experiment>.mmap").
     */
    async write(name: string, content: string | Uint8Array): Promise<string> {
      const file = path.join(dir, String(++counter), name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export type TempFolder = Awaited<ReturnType<typeof tempFolder>>;

/**
 * Asserts that `promise` rejects with an IngestError for `file`, naming `record` (exactly,
 * or undefined for file-level problems) and a problem matching `problem`, in one line.
 */
export async function expectRefusal(
  promise: Promise<unknown>,
  file: string,
  record: string | undefined,
  problem: RegExp,
): Promise<IngestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the reader to refuse the input").toBeInstanceOf(IngestError);
  const refusal = error as IngestError;
  expect(refusal.file).toBe(file);
  expect(refusal.record).toBe(record);
  expect(refusal.problem).toMatch(problem);
  expect(refusal.message.startsWith(file)).toBe(true);
  expect(refusal.message).not.toContain("\n");
  return refusal;
}

/** What a run of the ingest command line left: its exit code and what it printed. */
export interface CliOutcome {
  code: number | null;
  /** The signal that ended a child process; null when it exited (or ran in process). */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The ingest command refused: a non-zero exit (not a crash by signal), nothing on stdout,
 * and exactly one stderr line, "ingest: <file>: [<record>: ]<problem>". Returns the line.
 */
export function expectCliRefusal(result: CliOutcome, file: string, record: string | undefined, problem: RegExp): string {
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines, `stderr was:\n${result.stderr}`).toHaveLength(1);
  const line = lines[0]!;
  expect(result.signal ?? null).toBeNull();
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.stdout).toBe("");
  expect(line.startsWith(`ingest: ${file}: `), line).toBe(true);
  if (record !== undefined) expect(line).toContain(`: ${record}: `);
  expect(line).toMatch(problem);
  return line;
}

/** A reader's scores as rows, the source closed (a folder reader may return a ScoreSource). */
export async function scoreRows(scores: Float32Array[] | ScoreSource): Promise<Float32Array[]> {
  const source = scoreSource(scores);
  try {
    return await allRows(source);
  } finally {
    await source.close();
  }
}

/**
 * The ingest's temporary files this process still holds open. They are unlinked as soon
 * as they are created, so the folder never lists them; a descriptor left open (a source
 * not closed, a refusal that forgot its file) shows here as ".../influence-explorer-... (deleted)".
 */
export async function openScratchFiles(): Promise<string[]> {
  const links = await Promise.all(
    (await readdir("/proc/self/fd")).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")),
  );
  return links.filter((link) => link.includes("influence-explorer-"));
}
