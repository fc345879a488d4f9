/** A refusal of bad input: names the file, the record (when there is one) and the problem. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly record?: string,
  ) {
    super(`${file}${record ? `: ${record}` : ""}: ${problem}`);
    this.name = "IngestError";
  }
}
