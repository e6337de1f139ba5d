/** A file that is not a (complete) Marginalia export: the whole import fails, naming the line. */
export class ExportFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}
