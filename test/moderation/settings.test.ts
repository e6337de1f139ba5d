import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api, comment, createSite, detailPaths, list, login, post, refusal } from "../helpers";

const settingsPath = (site: { id: string }) => `/api/v1/sites/${site.id}/settings`;
const getSettings = (site: { id: string }, headers: Record<string, string>) => api(settingsPath(site), { headers });
const patchSettings = (site: { id: string }, headers: Record<string, string>, json: unknown) => api(settingsPath(site), { method: "PATCH", headers, json });

const defaults = {
  premoderation: "off",
  newUserCommentCount: 3,
  bannedWords: [],
  suspectWords: [],
  maxLinks: 2,
  reportThreshold: 1,
  autoHideThreshold: 5,
  editWindowSeconds: 300,
  dailyLimit: 20,
  perArticleDailyLimit: 3,
  minIntervalSeconds: 10,
  closeAfterDays: null,
  webhookUrl: null,
};

/** A site as the admin API creates it with no settings (the test helper relaxes posting limits). */
async function createPlainSite() {
  const id = `plain-${crypto.randomUUID().slice(0, 8)}`;
  const res = await api<{ ssoSecret: string }>("/api/v1/admin/sites", { method: "POST", headers: ADMIN, json: { id, name: "Plain", origins: [] } });
  expect(res.status).toBe(201);
  return { id, secret: res.body.ssoSecret };
}

async function siteWithModerator() {
  const site = await createSite();
  const moderator = await login(site, { role: "moderator" });
  const before = (await getSettings(site, moderator.auth)).body.settings as Record<string, unknown>;
  return { site, moderator, before };
}

describe("GET /api/v1/sites/:site/settings", () => {
  it("shows a new site's defaults to a moderator", async () => {
    const site = await createPlainSite();
    const moderator = await login(site, { role: "moderator" });
    const res = await getSettings(site, moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject(defaults);
    // Unset: the site's calibrated threshold (or the model's) applies; an explicit value overrides it.
    expect(res.body.settings).toMatchObject({ toxicityThreshold: null, targetPrecision: 0.9 });
  });

  it("shows the settings to the admin token", async () => {
    const site = await createPlainSite();
    const res = await getSettings(site, ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject(defaults);
  });

  it("shows the settings to a moderator granted through the admin API", async () => {
    const site = await createSite();
    const granted = await login(site);
    await api(`/api/v1/admin/sites/${site.id}/moderators`, { method: "POST", headers: ADMIN, json: { userId: granted.userId } });
    expect((await getSettings(site, granted.auth)).status).toBe(200);
  });

  it("refuses a plain reader with 403, a moderator of another site with 403, and no auth with 401", async () => {
    const { site } = await siteWithModerator();
    const reader = await login(site);
    const elsewhere = await login(await createSite(), { role: "moderator" });
    expect(refusal(await getSettings(site, reader.auth))).toEqual([403, "forbidden"]);
    const foreign = await getSettings(site, elsewhere.auth);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("forbidden");
    expect(refusal(await getSettings(site, {}))).toEqual([401, "unauthenticated"]);
  });

  it("answers 404 for an unknown site", async () => {
    const res = await getSettings({ id: "no-such-site-here" }, ADMIN);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("site_not_found");
  });
});

describe("PATCH /api/v1/sites/:site/settings", () => {
  it("changes only the fields given and keeps them across later changes", async () => {
    const { site, moderator, before } = await siteWithModerator();
    const first = await patchSettings(site, moderator.auth, { maxLinks: 5, bannedWords: ["광고문구"], premoderation: "new-users" });
    expect(first.status).toBe(200);
    expect(first.body.settings).toEqual({ ...before, maxLinks: 5, bannedWords: ["광고문구"], premoderation: "new-users" });

    // webhookUrl is the admin's alone (test/notifications/webhooks.test.ts).
    const second = await patchSettings(site, moderator.auth, { dailyLimit: 50, closeAfterDays: 30 });
    expect(second.status).toBe(200);
    expect(second.body.settings).toEqual({
      ...before,
      maxLinks: 5,
      bannedWords: ["광고문구"],
      premoderation: "new-users",
      dailyLimit: 50,
      closeAfterDays: 30,
    });
    expect((await getSettings(site, moderator.auth)).body.settings).toEqual(second.body.settings);
  });

  it("lets the admin token change settings and clear nullable ones", async () => {
    const site = await createPlainSite();
    expect((await patchSettings(site, ADMIN, { closeAfterDays: 7, webhookUrl: "https://hooks.example/x" })).status).toBe(200);
    const res = await patchSettings(site, ADMIN, { closeAfterDays: null, webhookUrl: null, toxicityThreshold: 0.5 });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ ...defaults, closeAfterDays: null, webhookUrl: null, toxicityThreshold: 0.5 });
  });

  it("raises the report threshold together with the auto-hide threshold", async () => {
    const { site, moderator } = await siteWithModerator();
    expect((await patchSettings(site, moderator.auth, { autoHideThreshold: 20 })).status).toBe(200);
    // Only the report threshold is sent: checked against the stored auto-hide threshold (20).
    const res = await patchSettings(site, moderator.auth, { reportThreshold: 10 });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ reportThreshold: 10, autoHideThreshold: 20 });
  });

  it.each([
    ["premoderation", { premoderation: "sometimes" }],
    ["newUserCommentCount", { newUserCommentCount: 1.5 }],
    ["maxLinks", { maxLinks: -1 }],
    ["toxicityThreshold", { toxicityThreshold: 2 }],
    ["webhookUrl", { webhookUrl: "ftp://x" }],
    ["webhookUrl", { webhookUrl: "not a url" }],
    ["reportThreshold", { reportThreshold: 0 }],
    ["autoHideThreshold", { reportThreshold: 5, autoHideThreshold: 2 }],
    ["editWindowSeconds", { editWindowSeconds: "300" }],
    ["dailyLimit", { dailyLimit: 0 }],
    ["closeAfterDays", { closeAfterDays: 0 }],
    ["bannedWords", { bannedWords: "바보" }],
    ["suspectWords.0", { suspectWords: [""] }],
  ])("answers 400 naming %s for %j, and changes nothing", async (field, json) => {
    const { site, moderator, before } = await siteWithModerator();
    const res = await patchSettings(site, moderator.auth, json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(detailPaths(res)).toContain(field);
    expect((await getSettings(site, moderator.auth)).body.settings).toEqual(before);
  });

  it("answers 400 naming autoHideThreshold when a new report threshold passes the stored auto-hide one", async () => {
    const { site, moderator } = await siteWithModerator();
    const res = await patchSettings(site, moderator.auth, { reportThreshold: 6 });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toContain("autoHideThreshold");
    expect((await getSettings(site, moderator.auth)).body.settings.reportThreshold).toBe(1);
  });

  it("answers 400 for an unknown field, naming it", async () => {
    const { site, moderator } = await siteWithModerator();
    const res = await patchSettings(site, moderator.auth, { maxLinks: 4, colour: "blue" });
    expect(refusal(res)).toEqual([400, "invalid_request"]);
    expect(detailPaths(res)).toEqual(["colour"]);
    expect((await getSettings(site, moderator.auth)).body.settings.maxLinks).toBe(2);
  });

  it("refuses a plain reader, a moderator of another site and no auth, and changes nothing", async () => {
    const { site, moderator } = await siteWithModerator();
    const reader = await login(site);
    const elsewhere = await login(await createSite(), { role: "moderator" });
    expect(refusal(await patchSettings(site, reader.auth, { premoderation: "all" }))).toEqual([403, "forbidden"]);
    expect(refusal(await patchSettings(site, elsewhere.auth, { premoderation: "all" }))).toEqual([403, "forbidden"]);
    expect(refusal(await patchSettings(site, {}, { premoderation: "all" }))).toEqual([401, "unauthenticated"]);
    expect((await getSettings(site, moderator.auth)).body.settings.premoderation).toBe("off");
  });

  it("answers 404 for an unknown site", async () => {
    expect(refusal(await patchSettings({ id: "no-such-site-here" }, ADMIN, { maxLinks: 1 }))).toEqual([404, "site_not_found"]);
  });
});

describe("settings take effect", () => {
  it("closes an article to new comments closeAfterDays after it was created", async () => {
    const { site, moderator } = await siteWithModerator();
    const first = await login(site);
    await comment(site, first, "old-story", "The first word on this story");
    expect((await patchSettings(site, moderator.auth, { closeAfterDays: 2 })).status).toBe(200);

    const second = await login(site);
    await env.DB.prepare("update articles set created_at = ? where site_id = ? and id = ?")
      .bind(Date.now() - 3 * 24 * 3600_000, site.id, "old-story")
      .run();
    const res = await post(site, second, "old-story", { body: "A late remark on an old story" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("article_closed");
    // A fresh article of the same site stays open.
    expect((await post(site, second, "new-story", { body: "A timely remark on a new story" })).status).toBe(201);
  });

  it("keeps an article open before closeAfterDays have passed", async () => {
    const { site, moderator } = await siteWithModerator();
    await patchSettings(site, moderator.auth, { closeAfterDays: 2 });
    await comment(site, await login(site), "story", "The first word on this story");
    await env.DB.prepare("update articles set created_at = ? where site_id = ? and id = ?")
      .bind(Date.now() - 24 * 3600_000, site.id, "story")
      .run();
    expect((await post(site, await login(site), "story", { body: "A remark a day later" })).status).toBe(201);
  });

  it("holds every new comment for review under premoderation all: pending, seen by its author only, not counted", async () => {
    const { site, moderator } = await siteWithModerator();
    expect((await patchSettings(site, moderator.auth, { premoderation: "all" })).status).toBe(200);
    const author = await login(site);
    const res = await post(site, author, "held", { body: "Waiting for the moderators to read this" });
    expect(res.status).toBe(201);
    expect(res.body.comment.status).toBe("pending");
    const id = res.body.comment.id;

    const mine = await list(site, "held", "", author);
    expect(mine.body.comments.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[id, "pending"]]);
    expect(mine.body.article.commentCount).toBe(0);

    const anonymous = await list(site, "held");
    expect(anonymous.body.comments).toEqual([]);
    expect(anonymous.body.article.commentCount).toBe(0);
    const otherReader = await list(site, "held", "", await login(site));
    expect(otherReader.body.comments).toEqual([]);

    const counts = await api(`/api/v1/sites/${site.id}/counts?articles=held`);
    expect(counts.body.counts).toEqual({ held: 0 });
  });

  it("publishes comments again once premoderation is turned off", async () => {
    const { site, moderator } = await siteWithModerator();
    await patchSettings(site, moderator.auth, { premoderation: "all" });
    await patchSettings(site, moderator.auth, { premoderation: "off" });
    const res = await post(site, await login(site), "open", { body: "Straight to the page this time" });
    expect(res.body.comment.status).toBe("published");
    expect((await list(site, "open")).body.article.commentCount).toBe(1);
  });
});
