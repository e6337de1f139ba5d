import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { modelFingerprint } from "../../../src/moderation/adaptation/modelFingerprint";
import { learnFromDecisions, relearnIfStale } from "../../../src/moderation/adaptation/learnFromDecisions";
import { relearnStaleSites } from "../../../src/moderation/adaptation/relearnStaleSites";
import { storedWeights, weightsBlob } from "../../../src/moderation/adaptation/siteScoring";
import { ADMIN, apiWithBindings, comment, createSite, login } from "../../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;

/** A site whose moderators rejected one held comment and approved another. */
async function taughtSite() {
  const site = await createSite({ settings: { premoderation: "all" } });
  const reader = await login(site);
  for (const [body, action] of [
    ["저 꼰무새 들은 또 왜 저래", "reject"],
    ["좋은 기사 잘 읽었습니다", "approve"],
  ] as const) {
    const posted = await comment(site, reader, "art", body, { confirm: true });
    const res = await apiWithBindings({}, `/api/v1/moderation/comments/${posted.id}/${action}`, { method: "POST", headers: ADMIN, json: {} });
    expect(res.status).toBe(200);
  }
  return site;
}

const weightsOf = async (site: Site) =>
  storedWeights((await env.DB.prepare("select weights from site_adaptations where site_id = ?").bind(site.id).first<{ weights: number[] }>())!.weights);

/** As if a new base model had been deployed since the site learnt. */
async function makeStale(site: Site) {
  const other = weightsBlob((await weightsOf(site)).weights, 0, modelFingerprint() ^ 1);
  await env.DB.prepare("update site_adaptations set weights = ?2, version = version + 1 where site_id = ?1").bind(site.id, other).run();
}

describe("the daily relearning of sites learnt over another base model", () => {
  it("relearns only the stale sites, from their labels, and then has nothing left to do", async () => {
    const db = createDb(env.DB);
    const [stale, current] = [await taughtSite(), await taughtSite()];
    await makeStale(stale);
    const currentBefore = await env.DB.prepare("select version from site_adaptations where site_id = ?").bind(current.id).first<{ version: number }>();

    expect(await relearnStaleSites(db)).toEqual({ relearnt: 1, failed: 0 });

    const relearnt = await weightsOf(stale);
    expect(relearnt.fingerprint).toBe(modelFingerprint());
    expect(relearnt.weights.some((w) => w !== 0)).toBe(true);
    const labels = await env.DB.prepare("select count(*) as n from adaptation_labels where site_id = ?").bind(stale.id).first<{ n: number }>();
    expect(labels?.n).toBe(2);
    // The site that was current is left alone.
    expect(await env.DB.prepare("select version from site_adaptations where site_id = ?").bind(current.id).first()).toEqual(currentBefore);
    expect(await relearnStaleSites(db)).toEqual({ relearnt: 0, failed: 0 });
  });

  it("relearns a full window of 1000 labels in one update: all re-scored, counted and calibrated", async () => {
    const db = createDb(env.DB);
    const site = await createSite();
    const reader = await login(site);
    const seed = await comment(site, reader, "big", "첫 댓글입니다");
    await learnFromDecisions(db, site.id, 0.9, [{ commentId: seed.id, body: "첫 댓글입니다", score: 0.1, abusive: false, decidedAt: 1 }]);
    const bodyOf = (i: number) => (i % 3 === 0 ? `저 꼰무새 들은 또 왜 저래 ${i}` : `좋은 기사 잘 읽었습니다 ${i}`);
    const ids = Array.from({ length: 999 }, (_, i) => `RELEARN${String(i).padStart(19, "0")}`);
    const statements = ids.flatMap((id, i) => [
      env.DB.prepare(
        "insert into comments (id, site_id, article_id, author_id, body, status, created_at, toxicity) values (?, ?, 'big', ?, ?, 'published', ?, 0.01)",
      ).bind(id, site.id, reader.userId, bodyOf(i), 1_000 + i),
      env.DB.prepare("insert into adaptation_labels (site_id, comment_id, abusive, score, decided_at) values (?, ?, ?, 0.01, ?)").bind(
        site.id,
        id,
        i % 3 === 0 ? 1 : 0,
        2 + i,
      ),
    ]);
    for (let at = 0; at < statements.length; at += 500) await env.DB.batch(statements.slice(at, at + 500));
    await makeStale(site);

    expect(await relearnIfStale(db, site.id, 0.9)).toBe(true);

    const labels = await env.DB.prepare("select count(*) as n, sum(abusive) as abusive, sum(score = 0.01) as old from adaptation_labels where site_id = ?")
      .bind(site.id)
      .first<{ n: number; abusive: number; old: number }>();
    // Every label re-scored by the site as it relearnt: none keeps the old model's 0.01.
    expect(labels).toEqual({ n: 1000, abusive: 333, old: 0 });
    const state = await env.DB.prepare("select abusive_labels, clean_labels, threshold from site_adaptations where site_id = ?").bind(site.id).first();
    expect(state).toMatchObject({ abusive_labels: 333, clean_labels: 667 });
    expect(state!.threshold).not.toBeNull();
    expect((await weightsOf(site)).fingerprint).toBe(modelFingerprint());
  });
});
