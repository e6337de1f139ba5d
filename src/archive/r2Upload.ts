/**
 * R2 accepts a stream in `put` only when its length is known beforehand, which a gzip stream's
 * is not; a multipart upload takes it in parts instead. R2 wants every part but the last at
 * least 5 MiB and all of one size.
 */
const PART_SIZE = 8 * 1024 * 1024;

interface UploadOptions {
  httpMetadata?: R2HTTPMetadata;
  customMetadata?: Record<string, string>;
  /** Bytes per part (all parts but the last); R2 refuses less than 5 MiB. */
  partSize?: number;
}

/**
 * Stores a stream of unknown length in R2 holding at most one part in memory: a single `put`
 * when it all fits in one part, else a multipart upload (aborted on failure, so nothing half
 * written ever appears under `key`). Returns the stored size in bytes.
 *
 * @example
 * const size = await uploadStream(env.ARCHIVE, "backups/demo/2026-11-30.ndjson.gz", exportStream(db, "demo"));
 */
export async function uploadStream(bucket: R2Bucket, key: string, body: ReadableStream<Uint8Array>, options: UploadOptions = {}): Promise<number> {
  const partSize = options.partSize ?? PART_SIZE;
  const { httpMetadata, customMetadata } = options;
  const buffer = new PartBuffer();
  const reader = body.getReader();
  let upload: R2MultipartUpload | undefined;
  const parts: R2UploadedPart[] = [];
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      buffer.push(next.value);
      while (buffer.size >= partSize) {
        upload ??= await bucket.createMultipartUpload(key, { httpMetadata, customMetadata });
        parts.push(await upload.uploadPart(parts.length + 1, buffer.take(partSize)));
      }
    }
    if (!upload) {
      const whole = buffer.take(buffer.size);
      await bucket.put(key, whole, { httpMetadata, customMetadata });
      return whole.length;
    }
    if (buffer.size > 0) parts.push(await upload.uploadPart(parts.length + 1, buffer.take(buffer.size)));
    const object = await upload.complete(parts);
    return object.size;
  } catch (error) {
    await upload?.abort().catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/** Chunks waiting to become a part; `take` cuts exactly `n` bytes off the front. */
class PartBuffer {
  private chunks: Uint8Array[] = [];
  size = 0;

  push(chunk: Uint8Array) {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const used = Math.min(chunk.length, n - filled);
      out.set(chunk.subarray(0, used), filled);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    this.size -= n;
    return out;
  }
}
