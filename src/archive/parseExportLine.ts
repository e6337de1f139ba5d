import { type ExportRecord, exportRecord } from "./exportFormat";

/** One line of an export, read on its own: a record, a type this reader does not know, or a line that is not valid. */
export type ParsedLine =
  | { kind: "record"; line: number; record: ExportRecord }
  | { kind: "unknown"; line: number; type: string }
  | { kind: "invalid"; line: number; type?: string; sourceId?: string; message: string };

const knownTypes = new Set<string>(exportRecord.options.map((option) => option.shape.type.value));

/**
 * Reads one NDJSON line of a Marginalia export (`line` is its 1-based number, for messages).
 * Never throws: whether an invalid record is skipped or fails the whole file is the caller's call.
 *
 * @example
 * parseExportLine('{"type":"ban","userId":"u1",…}', 12) // { kind: "record", line: 12, record: { type: "ban", … } }
 */
export function parseExportLine(text: string, line: number): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "invalid", line, message: "not a JSON value" };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { kind: "invalid", line, message: "not a JSON object" };
  const fields = raw as Record<string, unknown>;
  const type = typeof fields.type === "string" ? fields.type : undefined;
  if (type === undefined) return { kind: "invalid", line, message: "no `type`" };
  if (!knownTypes.has(type)) return { kind: "unknown", line, type };
  const sourceId = typeof fields.id === "string" ? fields.id : undefined;
  const parsed = exportRecord.safeParse(raw);
  if (parsed.success) return { kind: "record", line, record: parsed.data };
  const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`).join("; ");
  return { kind: "invalid", line, type, ...(sourceId === undefined ? {} : { sourceId }), message: `${type}: ${message}` };
}
