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
  const typed = typedObject(text, line);
  return "kind" in typed ? typed : parseTyped(typed, line);
}

/**
 * A line read only as far as an export's whole-file checks need (`ExportCheck`): its `type`
 * (JSON parsed, no schema check), except the header and trailer, parsed whole. Any other line
 * comes back as an `unknown` line of its type (to be counted, never written), counted exactly as
 * {@link parseExportLine}'s result, at a fraction of the cost.
 */
export function skimExportLine(text: string, line: number): ParsedLine {
  const typed = typedObject(text, line);
  if ("kind" in typed) return typed;
  if (typed.type === "marginalia-export" || typed.type === "marginalia-export-end") return parseTyped(typed, line);
  return { kind: "unknown", line, type: typed.type };
}

/** The line's JSON object and its `type`, or the invalid line it is. */
function typedObject(text: string, line: number): { fields: Record<string, unknown>; type: string } | ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "invalid", line, message: "not a JSON value" };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { kind: "invalid", line, message: "not a JSON object" };
  const fields = raw as Record<string, unknown>;
  if (typeof fields.type !== "string") return { kind: "invalid", line, message: "no `type`" };
  return { fields, type: fields.type };
}

function parseTyped({ fields, type }: { fields: Record<string, unknown>; type: string }, line: number): ParsedLine {
  if (!knownTypes.has(type)) return { kind: "unknown", line, type };
  const sourceId = typeof fields.id === "string" ? fields.id : undefined;
  const parsed = exportRecord.safeParse(fields);
  if (parsed.success) return { kind: "record", line, record: parsed.data };
  const message = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`).join("; ");
  return { kind: "invalid", line, type, ...(sourceId === undefined ? {} : { sourceId }), message: `${type}: ${message}` };
}
