import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { imports, type ImportFormat, type ImportRow } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";

/** Largest file sent in one request; larger ones are sent in parts (`npm run import`). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

interface StartArgs {
  siteId: string;
  format: ImportFormat;
  articleRule?: string;
}

function bindings(env: Env): { archive: R2Bucket; queue: Queue<{ importId: string }> } {
  if (!env.ARCHIVE || !env.IMPORTS) throw new ApiError("misconfigured", "Imports need the ARCHIVE bucket and the IMPORTS queue bindings");
  return { archive: env.ARCHIVE, queue: env.IMPORTS };
}

/** The declared size of an upload's body: required, at most MAX_UPLOAD_BYTES, not empty. */
function declaredLength(request: Request): number {
  const header = request.headers.get("Content-Length");
  if (header === null || !/^\d+$/.test(header)) throw new ApiError("length_required", "Send the file with a Content-Length");
  const length = Number(header);
  if (length > MAX_UPLOAD_BYTES)
    throw new ApiError("payload_too_large", `A file over ${MAX_UPLOAD_BYTES} bytes is uploaded in parts (?parts=N, see the README)`);
  if (length === 0 || !request.body) throw new ApiError("empty_body", "The request body (the export file) is empty");
  return length;
}

/** The body as a stream of exactly its declared length, which R2 needs to store it without buffering. */
function sizedBody(request: Request, length: number): ReadableStream {
  const { readable, writable } = new FixedLengthStream(length);
  request.body!.pipeTo(writable).catch(() => {});
  return readable;
}

/** A body shorter or longer than its Content-Length (a cut connection) is the client's fault: 400. */
async function storeOrRefuse<T>(storing: Promise<T>): Promise<T> {
  try {
    return await storing;
  } catch (error) {
    console.warn("import upload not stored", String(error));
    throw new ApiError("invalid_request", "The body did not arrive whole (its length differs from Content-Length)");
  }
}

function newImport(args: StartArgs, status: ImportRow["status"], now: number): ImportRow {
  const id = newId(now);
  return {
    id,
    siteId: args.siteId,
    format: args.format,
    status,
    articleRule: args.articleRule ?? null,
    r2Key: `imports/${args.siteId}/${id}`,
    uploadId: null,
    bytes: 0,
    resumeOffset: 0,
    resumeLine: 1,
    leaseUntil: null,
    articles: 0,
    comments: 0,
    authors: 0,
    skipped: 0,
    rejected: 0,
    errors: [],
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

/** XML for Disqus and WordPress; a Marginalia export is NDJSON, gzipped or not (the reader tells by its first bytes). */
const contentTypeOf = (format: ImportFormat) => (format === "marginalia" ? "application/x-ndjson" : "application/xml");

/** Stores the request's body in R2 as the import's file, records the import and queues it. */
export async function uploadImport(db: Db, env: Env, request: Request, args: StartArgs, now = Date.now()): Promise<ImportRow> {
  const { archive, queue } = bindings(env);
  const length = declaredLength(request);
  const row = { ...newImport(args, "queued", now), bytes: length };
  await storeOrRefuse(archive.put(row.r2Key, sizedBody(request, length), { httpMetadata: { contentType: contentTypeOf(args.format) } }));
  await db.insert(imports).values(row);
  await queue.send({ importId: row.id });
  return row;
}

/** Starts an upload in parts (R2 multipart): the import waits in `uploading` until completed. */
export async function startMultipartImport(db: Db, env: Env, args: StartArgs, now = Date.now()): Promise<ImportRow> {
  const { archive } = bindings(env);
  const row = newImport(args, "uploading", now);
  const upload = await archive.createMultipartUpload(row.r2Key, { httpMetadata: { contentType: contentTypeOf(args.format) } });
  const stored = { ...row, uploadId: upload.uploadId };
  await db.insert(imports).values(stored);
  return stored;
}

function uploading(row: ImportRow): string {
  if (row.status !== "uploading" || !row.uploadId) throw new ApiError("state_changed", "This import is not waiting for parts");
  return row.uploadId;
}

/** Stores part `n` of an upload; returns what `completeMultipartImport` needs back. */
export async function uploadPart(env: Env, row: ImportRow, n: number, request: Request): Promise<{ partNumber: number; etag: string }> {
  const upload = bindings(env).archive.resumeMultipartUpload(row.r2Key, uploading(row));
  const length = declaredLength(request);
  const part = await storeOrRefuse(upload.uploadPart(n, sizedBody(request, length)));
  return { partNumber: part.partNumber, etag: part.etag };
}

/** Joins the parts into the import's file and queues it. */
export async function completeMultipartImport(db: Db, env: Env, row: ImportRow, parts: R2UploadedPart[], now = Date.now()): Promise<ImportRow> {
  const { archive, queue } = bindings(env);
  const upload = archive.resumeMultipartUpload(row.r2Key, uploading(row));
  let object: R2Object;
  try {
    object = await upload.complete([...parts].sort((a, b) => a.partNumber - b.partNumber));
  } catch (error) {
    throw new ApiError("invalid_request", `The parts could not be joined: ${String(error instanceof Error ? error.message : error)}`);
  }
  const done = { status: "queued" as const, uploadId: null, bytes: object.size, updatedAt: now };
  await db.update(imports).set(done).where(eq(imports.id, row.id));
  await queue.send({ importId: row.id });
  return { ...row, ...done };
}
