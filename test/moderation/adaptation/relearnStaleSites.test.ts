import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { modelFingerprint } from "../../../src/moderation/adaptation/modelFingerprint";
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
});
