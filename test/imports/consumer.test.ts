import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ImportJob } from "../../src/imports/importJob";
import worker from "../../src/index";
import { runImport } from "../../src/imports/runImport";
import { ADMIN, api, createSite } from "../helpers";
import messy from "./fixtures/disqus-messy.xml?raw";
import { upload } from "./importHelpers";

describe("the IMPORTS queue", () => {
  it("reaches the import consumer through the Worker's queue handler, which acks the job", async () => {
    const site = await createSite();
    const res = await upload(site.id, "disqus", messy);
    const batch = createMessageBatch<ImportJob>("marginalia-imports", [
      { id: "i0", timestamp: new Date(), attempts: 1, body: { importId: res.body.import.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue!(batch as MessageBatch<never>, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["i0"]);
    const done = await api(`/api/v1/admin/sites/${site.id}/imports/${res.body.import.id}`, { headers: ADMIN });
    expect(done.body.import).toMatchObject({ status: "done", counts: { comments: 6 } });
  });

  it("runs one delivery of a job at a time: a duplicate waits (busy) and nothing is written twice", async () => {
    const site = await createSite();
    const res = await upload(site.id, "disqus", messy);
    const importId = res.body.import.id;
    const noQueue = { ...env, IMPORTS: { send: async () => {} } as unknown as Queue<ImportJob> };
    const outcomes = await Promise.all([runImport(noQueue, { importId }), runImport(noQueue, { importId })]);
    expect(outcomes.sort()).toEqual(["busy", "done"]);
    const done = await api(`/api/v1/admin/sites/${site.id}/imports/${importId}`, { headers: ADMIN });
    expect(done.body.import.counts).toEqual({ articles: 2, comments: 6, authors: 5, skipped: 5, rejected: 1 });
  });
});
