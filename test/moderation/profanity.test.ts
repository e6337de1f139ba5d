import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setScorer } from "../../src/moderation/scorer";
import { ADMIN, api, type ApiResponse, createSite, list, login, post } from "../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;
const BODY = "저거 존나 비싸던데";
const MASKED = "저거 ○○○ 비싸던데";

type Details = { reasons: { code: string }[]; publicBody?: string };
const details = (res: ApiResponse) => res.body.error.details as Details;
const codesOf = (res: ApiResponse) => details(res).reasons.map((r) => r.code);
const stored = (id: string) => env.DB.prepare("select body, public_body as publicBody, status from comments where id = ?").bind(id).first();
const queue = async (site: Site, name: string) => (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=${name}`, { headers: ADMIN })).body;

// A scorer that finds the profanity itself toxic, so what the classifier was given shows in the verdict.
beforeEach(() => setScorer({ score: async (text) => ({ toxic: /존나/.test(text) ? 0.99 : 0.05, spam: 0, labels: [] }) }));
afterEach(() => setScorer());

describe("the profanity policy", () => {
  it("holds an intensifier by default after asking the author, and never rejects it", async () => {
    const site = await createSite();
    const reader = await login(site);
    const warned = await post(site, reader, "art", { body: BODY });
    expect(warned.status).toBe(422);
    expect(warned.body.error.code).toBe("needs_confirmation");
    expect(codesOf(warned)).toContain("profanity");
    expect(details(warned).publicBody).toBeUndefined();
    const held = await post(site, reader, "art", { body: BODY, confirm: true });
    expect(held.status).toBe(201);
    expect(held.body.comment).toMatchObject({ status: "pending", body: BODY });
    expect(await stored(held.body.comment.id)).toEqual({ body: BODY, publicBody: null, status: "pending" });
  });

  it("rejects it on a site whose policy is reject", async () => {
    const site = await createSite({ settings: { profanity: "reject" } });
    const res = await post(site, await login(site), "art", { body: BODY });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("comment_rejected");
    expect(codesOf(res)).toEqual(["profanity"]);
  });

  it("on a site that masks: tells the author what readers will see, then publishes it masked", async () => {
    const site = await createSite({ settings: { profanity: "mask" } });
    const reader = await login(site);
    const warned = await post(site, reader, "art", { body: BODY });
    expect(warned.status).toBe(422);
    expect(warned.body.error.code).toBe("needs_confirmation");
    expect(codesOf(warned)).toEqual(["profanity"]);
    expect(details(warned).publicBody).toBe(MASKED);
    expect((await env.DB.prepare("select count(*) as n from comments where site_id = ?").bind(site.id).first<{ n: number }>())?.n).toBe(0);

    const posted = await post(site, reader, "art", { body: BODY, confirm: true });
    expect(posted.status).toBe(201);
    // The classifier scored the masked text: the intensifier alone does not hold it.
    expect(posted.body.comment).toMatchObject({ status: "published", body: MASKED });
    expect(await stored(posted.body.comment.id)).toEqual({ body: BODY, publicBody: MASKED, status: "published" });
    const page = (await list(site, "art")).body;
    expect(page.comments.map((c: { body: string }) => c.body)).toEqual([MASKED]);
    // The author's own view of the page shows the public text too.
    expect((await list(site, "art", "", reader)).body.comments[0].body).toBe(MASKED);
  });

  it("treats a site's own profanityWords as the built-in ones: masked on a masking site, exceptions kept", async () => {
    const site = await createSite({ settings: { profanity: "mask", profanityWords: ["졸라", "!졸라매"] } });
    const reader = await login(site);
    const posted = await post(site, reader, "art", { body: "이거 졸라 비싸네", confirm: true });
    expect(posted.status).toBe(201);
    expect(posted.body.comment).toMatchObject({ status: "published", body: "이거 ○○○ 비싸네" });
    const belt = await post(site, reader, "art", { body: "허리띠를 졸라매야 한다" });
    expect(belt.status).toBe(201);
    expect(belt.body.comment.body).toBe("허리띠를 졸라매야 한다");
    // Another site, without the word, publishes it as written.
    const other = await createSite({ settings: { profanity: "mask" } });
    expect((await post(other, await login(other), "art", { body: "이거 졸라 비싸네" })).body.comment.body).toBe("이거 졸라 비싸네");
  });

  it("masks replies in the public page's previews", async () => {
    const site = await createSite({ settings: { profanity: "mask" } });
    const reader = await login(site);
    const parent = await post(site, reader, "art", { body: "좋은 기사네요" });
    await post(site, reader, "art", { body: "진짜 존나 좋은 기사", parentId: parent.body.comment.id, confirm: true });
    const page = (await list(site, "art")).body;
    expect(page.comments[0].replies.map((r: { body: string }) => r.body)).toEqual(["진짜 ○○○ 좋은 기사"]);
  });

  it("shows moderators the whole text beside what readers see, and readers the masked one after approval", async () => {
    const site = await createSite({ settings: { profanity: "mask", premoderation: "all" } });
    const reader = await login(site);
    const posted = await post(site, reader, "art", { body: BODY, confirm: true });
    expect(posted.body.comment.status).toBe("pending");
    const item = (await queue(site, "pending")).items[0];
    expect(item.comment).toMatchObject({ body: BODY, publicBody: MASKED });
    expect(item.reasons.map((r: { code: string }) => r.code)).toEqual(["profanity", "premoderation"]);
    await api(`/api/v1/moderation/comments/${posted.body.comment.id}/approve`, { method: "POST", headers: ADMIN });
    expect((await list(site, "art")).body.comments.map((c: { body: string }) => c.body)).toEqual([MASKED]);
  });

  it("re-masks an edit, and clears the mask when the edit has nothing to mask", async () => {
    const site = await createSite({ settings: { profanity: "mask" } });
    const reader = await login(site);
    const posted = await post(site, reader, "art", { body: "좋은 기사", confirm: true });
    const id = posted.body.comment.id;
    const edit = (body: string) => api(`/api/v1/comments/${id}`, { method: "PATCH", headers: reader.auth, json: { body, confirm: true } });
    expect((await edit("지랄 맞은 날씨")).body.comment.body).toBe("○○○ 맞은 날씨");
    expect(await stored(id)).toMatchObject({ body: "지랄 맞은 날씨", publicBody: "○○○ 맞은 날씨" });
    expect((await edit("맑은 날씨")).body.comment.body).toBe("맑은 날씨");
    expect(await stored(id)).toMatchObject({ body: "맑은 날씨", publicBody: null });
  });

  it("rejects insults and slurs outright whatever the policy", async () => {
    for (const profanity of ["reject", "hold", "mask"]) {
      const site = await createSite({ settings: { profanity } });
      const res = await post(site, await login(site), "art", { body: "이 병신 같은 기자야", confirm: true });
      expect(res.body.error.code).toBe("comment_rejected");
    }
  });

  it("refuses an unknown policy with a 400 that names the field", async () => {
    const site = await createSite();
    const res = await api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json: { profanity: "censor" } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain("profanity");
  });
});
