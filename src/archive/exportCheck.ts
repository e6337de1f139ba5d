import { EXPORT_VERSION } from "./exportFormat";
import { ExportFormatError } from "./exportFormatError";
import type { ParsedLine } from "./parseExportLine";

const HEADER = "marginalia-export";
const TRAILER = "marginalia-export-end";

/**
 * The whole-file checks of an export, fed its non-blank lines in order: the first line is a
 * header of a version this reader knows, nothing follows the trailer, and the trailer counts
 * each type's records as the file holds them (invalid and unknown ones included). `add` and
 * `end` throw {@link ExportFormatError} naming the line.
 *
 * @example
 * const check = new ExportCheck();
 * for (const parsed of lines) check.add(parsed);
 * check.end(lastLine);
 */
export class ExportCheck {
  private readonly seen = new Map<string, number>();
  private trailer: Record<string, number> | undefined;
  /** Whether the header has been read. */
  header = false;

  add(parsed: ParsedLine): void {
    if (this.trailer) throw new ExportFormatError(parsed.line, `a record after the ${TRAILER} trailer`);
    if (!this.header) {
      if (parsed.kind !== "record" || parsed.record.type !== HEADER) {
        throw new ExportFormatError(parsed.line, `not a Marginalia export: the first record must be the ${HEADER} header`);
      }
      if (parsed.record.version > EXPORT_VERSION) {
        throw new ExportFormatError(parsed.line, `format version ${parsed.record.version} is newer than this reader's (${EXPORT_VERSION})`);
      }
      this.header = true;
    } else if (parsed.kind === "record" && parsed.record.type === TRAILER) {
      this.trailer = parsed.record.counts;
    } else {
      const type = parsed.kind === "record" ? parsed.record.type : (parsed.type ?? "?");
      this.seen.set(type, (this.seen.get(type) ?? 0) + 1);
    }
  }

  /** After the last line (`line`, blank ones counted): the file had a header and a trailer whose counts hold. */
  end(line: number): void {
    if (!this.header) throw new ExportFormatError(line, `empty: no ${HEADER} header`);
    const trailer = this.trailer;
    if (!trailer) throw new ExportFormatError(line, `the file breaks off after line ${line}: no ${TRAILER} trailer`);
    for (const type of new Set([...Object.keys(trailer), ...this.seen.keys()])) {
      const expected = trailer[type] ?? 0;
      const found = this.seen.get(type) ?? 0;
      if (expected !== found) throw new ExportFormatError(line, `the trailer counts ${expected} ${type} records, the file holds ${found}`);
    }
  }
}
