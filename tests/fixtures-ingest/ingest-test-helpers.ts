import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { IngestError } from "@/lib/ingest/ingest-error";

/** A fresh temporary folder for one test file's fixtures; `cleanup` removes it. */
export async function tempFolder(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  let counter = 0;
  return {
    dir,
    /** Writes `content` under a unique name ending in `name`, returning the path. */
    async write(name: string, content: string | Uint8Array): Promise<string> {
      const file = path.join(dir, `${++counter}-${name}`);
      await writeFile(file, content);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

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
