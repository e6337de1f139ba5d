import { open, stat } from "node:fs/promises";

/** Files up to this size go in one request (the API's limit); larger ones in parts. */
const SINGLE_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Size of each part of a larger file (R2 wants every part but the last ≥ 5 MiB). */
const PART_BYTES = 64 * 1024 * 1024;

export interface ImportTarget {
  baseUrl: string;
  adminToken: string;
  site: string;
}

export interface ImportStatus {
  id: string;
  status: string;
  counts: Record<string, number>;
  errors: { line?: number; sourceId?: string; message: string }[];
  progress: { bytesRead: number; bytes: number };
}

async function call<T>(
  target: ImportTarget,
  method: string,
  path: string,
  body?: Uint8Array<ArrayBuffer> | string,
  contentType = "application/xml",
): Promise<T> {
  const res = await fetch(`${target.baseUrl}/api/v1/admin/sites/${encodeURIComponent(target.site)}${path}`, {
    method,
    headers: { Authorization: `Bearer ${target.adminToken}`, ...(body === undefined ? {} : { "Content-Type": contentType }) },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function readPart(path: string, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const file = await open(path, "r");
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Uploads an export file as an import: in one request up to 100 MB, else as an R2 multipart
 * upload (`?parts=N`, `PUT …/parts/:n` for each, `POST …/complete` with their etags). Returns
 * the import's id.
 */
export async function uploadFile(target: ImportTarget, format: string, path: string, articleRule?: string, log = (_: string) => {}): Promise<string> {
  const { size } = await stat(path);
  const rule = articleRule ? `&articleRule=${encodeURIComponent(articleRule)}` : "";
  if (size <= SINGLE_UPLOAD_BYTES) {
    const res = await call<{ import: ImportStatus }>(target, "POST", `/imports?format=${format}${rule}`, await readPart(path, 0, size));
    return res.import.id;
  }
  const count = Math.ceil(size / PART_BYTES);
  const started = await call<{ import: ImportStatus }>(target, "POST", `/imports?format=${format}${rule}&parts=${count}`);
  const id = started.import.id;
  const parts: { partNumber: number; etag: string }[] = [];
  for (let n = 1; n <= count; n++) {
    const body = await readPart(path, (n - 1) * PART_BYTES, PART_BYTES);
    const { part } = await call<{ part: { partNumber: number; etag: string } }>(target, "PUT", `/imports/${id}/parts/${n}`, body, "application/octet-stream");
    parts.push(part);
    log(`part ${n}/${count} uploaded`);
  }
  await call(target, "POST", `/imports/${id}/complete`, JSON.stringify({ parts }), "application/json");
  return id;
}

/** Polls the import until it is done or failed, reporting progress. */
export async function waitForImport(target: ImportTarget, id: string, onProgress: (status: ImportStatus) => void, everyMs = 1000): Promise<ImportStatus> {
  for (;;) {
    const { import: status } = await call<{ import: ImportStatus }>(target, "GET", `/imports/${id}`);
    onProgress(status);
    if (status.status === "done" || status.status === "failed") return status;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
