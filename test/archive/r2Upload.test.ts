import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { uploadStream } from "../../src/archive/r2Upload";

const MiB = 1024 * 1024;
const bucket = env.ARCHIVE!;

/** `size` pseudo-random bytes in chunks of odd sizes (so parts never line up with chunks); errors after `failAfter` bytes if given. */
function randomStream(size: number, failAfter?: number): { stream: ReadableStream<Uint8Array>; digest: Promise<string> } {
  const all = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(all.subarray(i, Math.min(i + 65_536, size)));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && sent >= failAfter) return controller.error(new Error("the export failed"));
      if (sent >= size) return controller.close();
      const next = all.subarray(sent, Math.min(sent + 300_007, size));
      sent += next.length;
      controller.enqueue(next);
    },
  });
  return { stream, digest: sha256(all) };
}

async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("uploadStream", () => {
  it("stores a stream larger than a part as a multipart upload of equal parts, byte for byte", async () => {
    const { stream, digest } = randomStream(11 * MiB + 123);
    const size = await uploadStream(bucket, "test/multipart.bin", stream, { partSize: 5 * MiB, customMetadata: { a: "b" } });
    expect(size).toBe(11 * MiB + 123);
    const stored = await bucket.get("test/multipart.bin");
    expect(stored?.customMetadata).toEqual({ a: "b" });
    expect(await sha256(await stored!.arrayBuffer())).toBe(await digest);
  });

  it("stores a stream smaller than a part with one put", async () => {
    const { stream, digest } = randomStream(1000);
    expect(await uploadStream(bucket, "test/small.bin", stream)).toBe(1000);
    expect(await sha256(await (await bucket.get("test/small.bin"))!.arrayBuffer())).toBe(await digest);
  });

  it("stores nothing when the stream fails midway, keeping what was there", async () => {
    await bucket.put("test/failing.bin", "yesterday's");
    const { stream } = randomStream(12 * MiB, 6 * MiB);
    await expect(uploadStream(bucket, "test/failing.bin", stream, { partSize: 5 * MiB })).rejects.toThrow("the export failed");
    expect(await (await bucket.get("test/failing.bin"))!.text()).toBe("yesterday's");
  });
});
