import { z } from "zod";
import { IngestError } from "@/lib/ingest/ingest-error";

/**
 * An identifier: a non-empty string, or an integer (as TRAK-style index files and the
 * authors' JSON write them) turned into its decimal string so ids compare as text.
 */
export const idSchema = z
  .union([z.string().min(1), z.number().int()], { error: "must be a non-empty string or an integer" })
  .transform((id) => String(id));

/** Most label keys a record may carry. */
export const MAX_LABELS = 32;

/**
 * A record's labels: `{ key: string | number | boolean }` (keys non-empty, at most
 * MAX_LABELS of them). Null and absent both mean none.
 */
export const labelsSchema = z
  .record(
    z.string().min(1, { error: "label names must not be empty" }).max(100, { error: "label names must be at most 100 characters" }),
    z.union([z.string(), z.number(), z.boolean()], { error: "must be a string, a number or a boolean" }),
    { error: "must be an object of strings, numbers or booleans" },
  )
  .refine((labels) => Object.keys(labels).length <= MAX_LABELS, { error: `must have at most ${MAX_LABELS} labels` })
  .nullish();

/**
 * Turns the first problem zod found into one readable clause ("missing required field
 * "prompt"", "field "set" must be one of "factual", "reasoning", got "math""), so every
 * reader's refusals read alike. Parse with `{ reportInput: true }` to get the "got" part.
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? describeZodIssue(issue) : "invalid record";
}

export function describeZodIssue(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  const where = field ? `field "${field}"` : "record";
  const got = "input" in issue ? `, got ${describeValue(issue.input)}` : "";
  if (field && "input" in issue && issue.input === undefined) return `missing required field "${field}"`;
  switch (issue.code) {
    case "invalid_type":
      return `${where} must be ${typeName(issue.expected)}${got}`;
    case "invalid_value":
      return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${got}`;
    case "too_small":
      if (issue.origin === "string") return `${where} must not be empty`;
      return `${where} must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}${got}`;
    case "too_big":
      return `${where} must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}${got}`;
    case "invalid_union":
      // The schemas give unions a "must be ..." message of their own.
      return `${where} ${issue.message}${got}`;
    default:
      return `${where}: ${issue.message}${got}`;
  }
}

/** JSON values shortened for messages: long strings and big arrays would drown the line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object" && value !== null) return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function typeName(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "object":
      return "a JSON object";
    case "array":
      return "an array";
    default:
      return `a ${expected}`;
  }
}

/**
 * Parses line `line`'s value with `schema`, or throws an IngestError naming the file and
 * line. Parses without `reportInput` first (about 3x faster over a million lines) and
 * re-parses only a failing value, to say what it got.
 */
export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, file: string, line: number): z.output<T> {
  const fast = schema.safeParse(value);
  if (fast.success) return fast.data;
  const detailed = schema.safeParse(value, { reportInput: true });
  throw new IngestError(file, describeZodError(detailed.success ? fast.error : detailed.error), `line ${line}`);
}
