import { describe, expect, it } from "vitest";
import { ADMIN, apiWithBindings, createSite, refusal } from "../helpers";
import messy from "./fixtures/disqus-messy.xml?raw";
import { runToEnd, upload } from "./importHelpers";

const noQueue = { IMPORTS: { send: async () => {} } as unknown as Queue<{ importId: string }> };
const MiB = 1024 * 1024;

function call(path: string, init: RequestInit & { json?: unknown }) {
  return apiWithBindings(noQueue, path, { ...init, headers: { ...ADMIN, ...init.headers } });
}

const putPart = (base: string, n: number, bytes: Uint8Array) =>
  call(`${base}/parts/${n}`, { method: "PUT", headers: { "Content-Length": String(bytes.length) }, body: bytes });

describe("uploading an import in parts", () => {
  it("joins the parts into the file the import reads", async () => {
    const site = await createSite();
    // Whitespace between records pads the first part to R2's 5 MiB minimum.
    const text = messy.replace("<thread", `${" ".repeat(5 * MiB)}\n<thread`);
    const bytes = new TextEncoder().encode(text);
    const started = await call(`/api/v1/admin/sites/${site.id}/imports?format=disqus&parts=2`, { method: "POST" });
    expect([started.status, started.body.import.status]).toEqual([202, "uploading"]);
    const base = `/api/v1/admin/sites/${site.id}/imports/${started.body.import.id}`;
    const second = await putPart(base, 2, bytes.slice(5 * MiB));
    const first = await putPart(base, 1, bytes.slice(0, 5 * MiB));
    expect([first.status, second.status]).toEqual([200, 200]);
    const completed = await call(`${base}/complete`, { method: "POST", json: { parts: [second.body.part, first.body.part] } });
    expect([completed.status, completed.body.import.status]).toEqual([202, "queued"]);
    const done = await runToEnd(site.id, started.body.import.id);
    expect(done.status).toBe("done");
    expect(done.counts).toEqual({ articles: 2, comments: 6, authors: 5, skipped: 5, rejected: 1 });
    expect(done.errors.find((e: { sourceId?: string }) => e.sourceId === "disqus:p10")?.line).toBe(85);
  });

  it("refuses parts for an import that is not waiting for them, and parts that do not join", async () => {
    const site = await createSite();
    const whole = await upload(site.id, "disqus", messy);
    const base = `/api/v1/admin/sites/${site.id}/imports/${whole.body.import.id}`;
    expect(refusal(await putPart(base, 1, new TextEncoder().encode("<disqus/>")))).toEqual([409, "state_changed"]);
    const started = await call(`/api/v1/admin/sites/${site.id}/imports?format=disqus&parts=1`, { method: "POST" });
    const bad = await call(`/api/v1/admin/sites/${site.id}/imports/${started.body.import.id}/complete`, {
      method: "POST",
      json: { parts: [{ partNumber: 1, etag: "nope" }] },
    });
    expect(refusal(bad)).toEqual([400, "invalid_request"]);
  });

  it("refuses an upload without Content-Length, or empty", async () => {
    const site = await createSite();
    const empty = await call(`/api/v1/admin/sites/${site.id}/imports?format=disqus`, { method: "POST", headers: { "Content-Length": "0" }, body: "" });
    expect(refusal(empty)[0]).toBe(400);
  });
});
