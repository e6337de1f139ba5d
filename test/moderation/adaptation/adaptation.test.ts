import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { type Decision, learnFromDecisions } from "../../../src/moderation/adaptation/learnFromDecisions";
import { score } from "../../../src/moderation/classifier";
import { MODEL } from "../../../src/moderation/classifier/model";
import { modelFingerprint } from "../../../src/moderation/adaptation/modelFingerprint";
import { topContributions } from "../../../src/moderation/adaptation/explain";
import { extractFeatures } from "../../../src/moderation/classifier/features";
import { blankSiteModel, siteProbability } from "../../../src/moderation/adaptation/siteModel";
import { storedLearner } from "../../../src/moderation/adaptation/learnerBlob";
import { loadSiteScoring, storedWeights, weightsBlob } from "../../../src/moderation/adaptation/siteScoring";
import { ADMIN, api, apiWithBindings, type Comment, comment, createSite, login, post } from "../../helpers";

type Site = Awaited<ReturnType<typeof createSite>>;

/** A moderator decision through the Worker, its background learning awaited. */
async function decide(id: string, action: "approve" | "reject" | "restore", headers: Record<string, string> = ADMIN) {
  const res = await apiWithBindings({}, `/api/v1/moderation/comments/${id}/${action}`, { method: "POST", headers, json: {} });
  expect(res.status).toBe(200);
  return res.body.comment as Comment;
}

const status = (site: { id: string }, headers: Record<string, string> = ADMIN) => api(`/api/v1/sites/${site.id}/moderation/adaptation`, { headers });

async function labelsOf(siteId: string) {
  const { results } = await env.DB.prepare("select comment_id, abusive from adaptation_labels where site_id = ? order by comment_id").bind(siteId).all();
  return Object.fromEntries(results.map((r) => [r.comment_id as string, r.abusive === 1]));
}

/** Held comments (every one is pre-moderated), posted by one reader. */
async function heldComments(site: Site, bodies: string[]) {
  const reader = await login(site);
  const posted = [];
  for (const body of bodies) posted.push(await comment(site, reader, "art", body, { confirm: true }));
  return posted;
}

/** `n` synthetic decisions: abusive ones say `word` and were scored high, clean ones not. */
function decisions(n: number, abusiveShare: number, word = "꼰무새", from = 0): Decision[] {
  return Array.from({ length: n }, (_, i) => {
    const abusive = i < n * abusiveShare;
    return {
      commentId: `c-${from + i}`,
      body: abusive ? `저 ${word} 들은 또 왜 저래 ${i}` : `좋은 기사 잘 읽었습니다 ${i}`,
      score: abusive ? 0.6 + (i % 40) / 100 : 0.1 + (i % 40) / 100,
      abusive,
      decidedAt: 1_000_000 + from + i,
    };
  });
}

describe("labels from moderator decisions", () => {
  it("learns approve and restore as clean, reject of a held or a published comment as abusive", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const [a, b, c] = await heldComments(site, ["첫 번째 의견입니다", "두 번째 의견입니다", "세 번째 의견입니다"]);
    await decide(a!.id, "approve");
    await decide(b!.id, "reject");
    await decide(c!.id, "approve");
    // Removal of a comment already published.
    await decide(c!.id, "reject");
    expect(await labelsOf(site.id)).toEqual({ [a!.id]: false, [b!.id]: true, [c!.id]: true });
    await decide(b!.id, "restore");
    expect(await labelsOf(site.id)).toEqual({ [a!.id]: false, [b!.id]: false, [c!.id]: true });
    const res = await status(site);
    expect(res.status).toBe(200);
    // A reversal moves its label: three comments, three labels.
    expect(res.body.adaptation.labels).toMatchObject({ abusive: 1, clean: 2 });
  });

  it("learns a moderator's deletion of a published comment as abusive, an author's own deletion as nothing", async () => {
    const site = await createSite();
    const reader = await login(site);
    const moderator = await login(site, { role: "moderator" });
    const [removed, withdrawn] = [await comment(site, reader, "art", "지워질 댓글입니다"), await comment(site, reader, "art", "내가 지우는 댓글")];
    const del = (id: string, headers: Record<string, string>) => apiWithBindings({}, `/api/v1/comments/${id}`, { method: "DELETE", headers });
    expect((await del(removed.id, moderator.auth)).status).toBe(204);
    expect((await del(withdrawn.id, reader.auth)).status).toBe(204);
    expect(await labelsOf(site.id)).toEqual({ [removed.id]: true });
  });

  it("replaces a reversed label and undoes its push", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    const base = decisions(60, 0.5);
    await learnFromDecisions(db, site.id, 0.9, base);
    const probe = { ...base[0]!, commentId: "probe", body: "꼰무새 꼰무새 또 나왔네" };
    const weightsNow = async () => (await env.DB.prepare("select bias from site_adaptations where site_id = ?").bind(site.id).first<{ bias: number }>())!.bias;
    const before = await weightsNow();
    await learnFromDecisions(db, site.id, 0.9, [probe]);
    await learnFromDecisions(db, site.id, 0.9, [{ ...probe, abusive: false }]);
    const row = await env.DB.prepare("select abusive_labels a, clean_labels c from site_adaptations where site_id = ?").bind(site.id).first();
    expect(row).toEqual({ a: 30, c: 31 });
    expect(await labelsOf(site.id)).toMatchObject({ probe: false });
    // Learn abusive, unlearn it, learn clean: the bias ends below where it started.
    expect(await weightsNow()).toBeLessThan(before);
  });

  it("keeps both of two concurrent updates (version-guarded retries)", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    await Promise.all([
      learnFromDecisions(db, site.id, 0.9, decisions(5, 1, "꼰무새", 0)),
      learnFromDecisions(db, site.id, 0.9, decisions(5, 0, "꼰무새", 100)),
    ]);
    const row = await env.DB.prepare("select abusive_labels a, clean_labels c, version v from site_adaptations where site_id = ?").bind(site.id).first();
    expect(row).toEqual({ a: 5, c: 5, v: 2 });
    expect(Object.keys(await labelsOf(site.id))).toHaveLength(10);
  });

  it("stays within 256 KB a site however many decisions it learns", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    for (let from = 0; from < 1200; from += 300) await learnFromDecisions(db, site.id, 0.9, decisions(300, 0.5, "꼰무새", from));
    const size = await env.DB.prepare(
      `select (select length(weights) + length(squared) + 200 from site_adaptations where site_id = ?1)
            + (select coalesce(sum(length(site_id) + length(comment_id) + 40), 0) from adaptation_labels where site_id = ?1) as bytes,
              (select count(*) from adaptation_labels where site_id = ?1) as labels`,
    )
      .bind(site.id)
      .first<{ bytes: number; labels: number }>();
    expect(size!.labels).toBe(1000);
    expect(size!.bytes).toBeLessThanOrEqual(256 * 1024);
  });
});

describe("revisiting stored labels", () => {
  const learnerOf = async (siteId: string) => {
    const row = await env.DB.prepare("select weights, squared, bias_squared b, scale_squared s from site_adaptations where site_id = ?")
      .bind(siteId)
      .first<{ weights: ArrayBuffer; squared: ArrayBuffer; b: number; s: number }>();
    return storedLearner(row!.squared, storedWeights(row!.weights).weights, row!.b, row!.s);
  };

  it("revisits the next stored labels after each update, from the oldest again once past the newest", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    await learnFromDecisions(db, site.id, 0.9, decisions(10, 0.5));
    expect((await learnerOf(site.id)).revisitedUntil).toBe(0);
    // Four revisits a new label, oldest first.
    await learnFromDecisions(db, site.id, 0.9, decisions(1, 1, "꼰무새", 100));
    expect((await learnerOf(site.id)).revisitedUntil).toBe(1_000_003);
    await learnFromDecisions(db, site.id, 0.9, decisions(1, 1, "꼰무새", 200));
    expect((await learnerOf(site.id)).revisitedUntil).toBe(1_000_007);
    // Eight wanted, four left after the cursor: back to the oldest next time.
    await learnFromDecisions(db, site.id, 0.9, decisions(2, 1, "꼰무새", 300));
    expect((await learnerOf(site.id)).revisitedUntil).toBe(0);
  });

  it("learns a revisited label again from its comment's text, and skips one whose text is gone", async () => {
    const bodies = ["꼰무새 또 몰려왔네", "좋은 기사 감사합니다", "꼰무새들 진짜 지겹다", "잘 읽었습니다"];
    const learnt = [];
    for (const textGone of [false, true]) {
      const site = await createSite({ settings: { premoderation: "all" } });
      const db = createDb(env.DB);
      const posted = await heldComments(site, bodies);
      await learnFromDecisions(
        db,
        site.id,
        0.9,
        posted.map((c, i) => ({ commentId: c.id, body: c.body!, score: 0.5, abusive: i % 2 === 0, decidedAt: 1_000 + i })),
      );
      if (textGone) await env.DB.prepare("update comments set body = null where site_id = ?").bind(site.id).run();
      await learnFromDecisions(db, site.id, 0.9, decisions(1, 0, "꼰무새", 50));
      learnt.push((await learnerOf(site.id)).learner);
    }
    const [withText, withoutText] = learnt;
    // The same labels and counts; only the revisits' steps differ.
    expect(withText!.counts.abusiveTotal).toBeCloseTo(withoutText!.counts.abusiveTotal, 3);
    expect(withText!.weights).not.toEqual(withoutText!.weights);
  });
});

describe("the site's score and threshold", () => {
  it("scores the site's new comments with what it learnt, once it has enough labels", async () => {
    const site = await createSite();
    const reader = await login(site);
    const text = "꼰무새 들은 또 왜 저래 진짜";
    const base = score(text).toxic;
    await learnFromDecisions(createDb(env.DB), site.id, 0.9, decisions(49, 0.5));
    expect((await comment(site, reader, "a1", text, { confirm: true })).id).toBeTruthy();
    const few = await env.DB.prepare("select toxicity from comments where site_id = ? order by created_at desc limit 1")
      .bind(site.id)
      .first<{ toxicity: number }>();
    expect(few!.toxicity).toBeCloseTo(base, 5);
    await learnFromDecisions(createDb(env.DB), site.id, 0.9, decisions(20, 1, "꼰무새", 500));
    await comment(site, reader, "a2", `${text} ㅋ`, { confirm: true });
    const learnt = await env.DB.prepare("select toxicity from comments where site_id = ? order by created_at desc limit 1")
      .bind(site.id)
      .first<{ toxicity: number }>();
    expect(learnt!.toxicity).toBeGreaterThan(score(`${text} ㅋ`).toxic + 0.1);
  });

  it("sees another isolate's update within 20 seconds, reading the weights only when they changed", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    const t0 = Date.now();
    await learnFromDecisions(db, site.id, 0.9, decisions(60, 0.5), t0);
    const held = await loadSiteScoring(db, site.id, t0);
    expect(held.version).toBe(1);
    // Another isolate learns: this one's copy is the old one until it is 20 s old.
    await env.DB.prepare("update site_adaptations set version = version + 1, bias = bias + 1 where site_id = ?").bind(site.id).run();
    expect((await loadSiteScoring(db, site.id, t0 + 10_000)).version).toBe(1);
    const fresh = await loadSiteScoring(db, site.id, t0 + 21_000);
    expect(fresh.version).toBe(2);
    expect(fresh.model!.bias).toBeCloseTo(held.model!.bias + 1, 5);
    expect(fresh.model!.weights).toEqual(held.model!.weights);
  });

  it("calibrates the hold threshold on the site's decisions from 200 labels with 30 of each kind", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    await learnFromDecisions(db, site.id, 0.9, decisions(199, 0.5));
    expect((await status(site)).body.adaptation.threshold.source).toBe("model");
    await learnFromDecisions(db, site.id, 0.9, decisions(1, 0, "꼰무새", 1000), Date.now() + 120_000);
    const { adaptation } = (await status(site)).body;
    expect(adaptation.labels).toMatchObject({ abusive: 100, clean: 100 });
    expect(adaptation.threshold.source).toBe("site");
    // Abusive ones were scored 0.60..0.99, clean ones 0.10..0.49: the lowest threshold with
    // precision 0.9 takes every abusive one and as many of the highest clean ones as 10% allows.
    expect(adaptation.threshold.value).toBeGreaterThan(0.3);
    expect(adaptation.threshold.value).toBeLessThanOrEqual(0.6);
    expect(adaptation.estimate).toMatchObject({ recall: 1, observed: 200, abusive: 100 });
    expect(adaptation.estimate.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps toxicityThreshold as an explicit override, and null as unset", async () => {
    const site = await createSite();
    const patch = (json: unknown) => api(`/api/v1/sites/${site.id}/settings`, { method: "PATCH", headers: ADMIN, json });
    expect((await patch({ toxicityThreshold: 0.95 })).body.settings.toxicityThreshold).toBe(0.95);
    expect((await status(site)).body.adaptation.threshold).toEqual({ value: 0.95, source: "setting" });
    expect((await patch({ toxicityThreshold: null })).body.settings.toxicityThreshold).toBeNull();
    expect((await status(site)).body.adaptation.threshold.source).toBe("model");
    expect((await patch({ targetPrecision: 2 })).status).toBe(400);
  });
});

describe("reset and isolation", () => {
  it("resets a site's adaptation, audited, and leaves other sites alone", async () => {
    const [a, b] = [await createSite(), await createSite()];
    const db = createDb(env.DB);
    await learnFromDecisions(db, a.id, 0.9, decisions(10, 0.5));
    await learnFromDecisions(db, b.id, 0.9, decisions(4, 0.5));
    expect((await status(a)).body.adaptation.labels).toMatchObject({ abusive: 5, clean: 5 });
    const res = await api(`/api/v1/sites/${a.id}/moderation/adaptation`, { method: "DELETE", headers: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.adaptation.labels).toMatchObject({ abusive: 0, clean: 0 });
    expect(await labelsOf(a.id)).toEqual({});
    // The state is blank under a newer version: no isolate can take it for the weights it holds.
    const row = await env.DB.prepare(
      "select version, bias, length(weights) bytes, abusive_labels + clean_labels labels from site_adaptations where site_id = ?",
    )
      .bind(a.id)
      .first();
    expect(row).toEqual({ version: 2, bias: 0, bytes: 65536, labels: 0 });
    // A learning update that read the state before the reset loses its race and learns afresh.
    await learnFromDecisions(db, a.id, 0.9, decisions(2, 0.5));
    expect((await status(a)).body.adaptation.labels).toMatchObject({ abusive: 1, clean: 1 });
    expect((await status(b)).body.adaptation.labels).toMatchObject({ abusive: 2, clean: 2 });
    const log = await api(`/api/v1/sites/${a.id}/moderation/log`, { headers: ADMIN });
    expect(log.body.entries[0]).toMatchObject({ action: "adaptation_reset", actorType: "admin" });
  });

  it("shows and resets nothing of another site to a moderator", async () => {
    const [a, b] = [await createSite(), await createSite()];
    await learnFromDecisions(createDb(env.DB), b.id, 0.9, decisions(4, 0.5));
    const moderatorOfA = await login(a, { role: "moderator" });
    expect((await status(a, moderatorOfA.auth)).status).toBe(200);
    expect((await status(b, moderatorOfA.auth)).status).toBe(403);
    const reset = await api(`/api/v1/sites/${b.id}/moderation/adaptation`, { method: "DELETE", headers: moderatorOfA.auth });
    expect(reset.status).toBe(403);
    expect(Object.keys(await labelsOf(b.id))).toHaveLength(4);
    expect((await status(b, {})).status).toBe(401);
  });

  it("never learns a decision on one site into another", async () => {
    const [a, b] = [await createSite({ settings: { premoderation: "all" } }), await createSite()];
    const [held] = await heldComments(a, ["이 댓글은 보류됩니다"]);
    await decide(held!.id, "reject");
    expect(Object.keys(await labelsOf(a.id))).toEqual([held!.id]);
    expect(await labelsOf(b.id)).toEqual({});
    expect((await status(b)).body.adaptation.labels).toMatchObject({ abusive: 0, clean: 0 });
  });
});

describe("comments nobody reviewed", () => {
  /** A site whose reader posted `bodies` (published at once), each then made `ageMs` old. */
  async function siteWithPublished(bodies: string[], ageMs: number) {
    const site = await createSite();
    const reader = await login(site);
    const posted = [];
    for (const body of bodies) posted.push(await comment(site, reader, "art", body, { confirm: true }));
    for (const c of posted)
      await env.DB.prepare("update comments set created_at = ? where id = ?")
        .bind(Date.now() - ageMs, c.id)
        .run();
    return { site, posted };
  }
  const stateOf = async (siteId: string) =>
    storedWeights((await env.DB.prepare("select weights from site_adaptations where site_id = ?").bind(siteId).first<{ weights: number[] }>())!.weights);
  const hour = 60 * 60_000;
  const bodies = ["오늘 경기 정말 재밌었어요", "좋은 기사 잘 읽었습니다"];

  it("learns published comments that stood an hour unreviewed and unreported as clean, once", async () => {
    const now = Date.now();
    const db = createDb(env.DB);
    const nothing = await createSite();
    const { site } = await siteWithPublished(bodies, 2 * hour);
    await learnFromDecisions(db, nothing.id, 0.9, decisions(1, 1), now);
    await learnFromDecisions(db, site.id, 0.9, decisions(1, 1), now);
    const [without, withPresumed] = [await stateOf(nothing.id), await stateOf(site.id)];
    expect(withPresumed.weights).not.toEqual(without.weights);
    // They are not labels, and the cursor moved past them: the next update does not learn them again.
    expect((await status(site)).body.adaptation.labels).toMatchObject({ abusive: 1, clean: 0 });
    expect(withPresumed.presumedUntil).toBe(now - hour);
  });

  it("presumes nothing of a comment too recent, reported or reviewed", async () => {
    const now = Date.now();
    const db = createDb(env.DB);
    const nothing = await createSite();
    const recent = await siteWithPublished(bodies, 10 * 60_000);
    const flagged = await siteWithPublished(bodies, 2 * hour);
    await env.DB.prepare("update comments set reported_at = ? where id = ?").bind(now, flagged.posted[0]!.id).run();
    await env.DB.prepare("update comments set reviewed_at = ? where id = ?").bind(now, flagged.posted[1]!.id).run();
    for (const site of [nothing, recent.site, flagged.site]) await learnFromDecisions(db, site.id, 0.9, decisions(1, 1), now);
    const without = await stateOf(nothing.id);
    expect((await stateOf(recent.site.id)).weights).toEqual(without.weights);
    expect((await stateOf(flagged.site.id)).weights).toEqual(without.weights);
  });
});

describe("the base model's version", () => {
  it("stores with the weights the fingerprint of the model they were learnt over", () => {
    const model = blankSiteModel();
    model.weights[7] = 0.25;
    const stored = storedWeights(weightsBlob(model.weights, 0));
    expect(stored.fingerprint).toBe(modelFingerprint());
    expect(stored.weights[7]).toBe(0.25);
    // Weights stored before fingerprints, or blanked by a reset: no fingerprint, never the model's.
    expect(storedWeights(new Uint8Array(model.weights.buffer)).fingerprint).toBeNull();
    expect(modelFingerprint({ ...MODEL, bias: MODEL.bias + 1e-6 })).not.toBe(modelFingerprint());
  });

  it("never applies a correction learnt over another base model, and learns afresh after it", async () => {
    const site = await createSite();
    const db = createDb(env.DB);
    await learnFromDecisions(db, site.id, 0.9, decisions(240, 0.5));
    let clock = Date.now();
    const later = () => (clock += 60_000); // each read past this isolate's cached copy
    const learnt = await loadSiteScoring(db, site.id, later());
    expect(learnt.model).not.toBeNull();
    expect(learnt.calibratedThreshold).not.toBeNull();
    // The base model changed since: the stored fingerprint is another model's.
    const weightsOf = async () =>
      (await env.DB.prepare("select weights from site_adaptations where site_id = ?").bind(site.id).first<{ weights: number[] }>())!.weights;
    const other = weightsBlob(storedWeights(await weightsOf()).weights, 0, modelFingerprint() ^ 1);
    await env.DB.prepare("update site_adaptations set weights = ?2, version = version + 1 where site_id = ?1").bind(site.id, other).run();
    const stale = await loadSiteScoring(db, site.id, later());
    expect(stale).toMatchObject({ model: null, calibratedThreshold: null });
    expect((await status(site)).body.adaptation).toMatchObject({ labels: { abusive: 0, clean: 0 }, threshold: { source: "model" } });
    // The next decisions relearn the old labels over the new model from their comments' texts:
    // these synthetic ones have no comment, so none can be relearnt and only the new ones count.
    await learnFromDecisions(db, site.id, 0.9, decisions(2, 0.5, "꼰무새", 1000));
    expect(Object.keys(await labelsOf(site.id)).sort()).toEqual(["c-1000", "c-1001"]);
    expect((await status(site)).body.adaptation.labels).toMatchObject({ abusive: 1, clean: 1 });
    expect(storedWeights(await weightsOf()).fingerprint).toBe(modelFingerprint());
  });
});

describe("relearning under a new base model", () => {
  it("relearns the site's labels from their comments' texts, re-scored, dropping those whose text is gone", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    const texts = ["저 꼰무새 들은 또 왜 저래", "좋은 기사 잘 읽었습니다", "꼰무새 같은 소리 하네", "동의합니다 좋은 지적이에요", "다음 기사도 기대할게요"];
    const held = await heldComments(site, texts);
    const [first, second, third, fourth, fifth] = held.map((c) => c.id);
    await decide(first!, "reject");
    await decide(second!, "approve");
    await decide(third!, "reject");
    await decide(fourth!, "approve");
    // The third comment's text is gone since (deleted), and every label's stored score is the old model's.
    await env.DB.prepare("update comments set body = null, public_body = null, deleted = 1 where id = ?").bind(third).run();
    await env.DB.prepare("update adaptation_labels set score = 0.01 where site_id = ?").bind(site.id).run();
    const weightsOf = async () =>
      (await env.DB.prepare("select weights from site_adaptations where site_id = ?").bind(site.id).first<{ weights: number[] }>())!.weights;
    const other = weightsBlob(new Float32Array(storedWeights(await weightsOf()).weights.length), 0, modelFingerprint() ^ 1);
    await env.DB.prepare("update site_adaptations set weights = ?2, version = version + 1 where site_id = ?1").bind(site.id, other).run();

    await decide(fifth!, "approve");

    expect(await labelsOf(site.id)).toEqual({ [first!]: true, [second!]: false, [fourth!]: false, [fifth!]: false });
    expect((await status(site)).body.adaptation.labels).toMatchObject({ abusive: 1, clean: 3 });
    const relearnt = storedWeights(await weightsOf());
    expect(relearnt.fingerprint).toBe(modelFingerprint());
    // The rejected comment taught its words again: the blank weights were replaced by what it says.
    const features = extractFeatures(texts[0]!, MODEL.features);
    const base = score(texts[0]!).toxic;
    expect(siteProbability({ ...blankSiteModel(), weights: relearnt.weights }, base, features)).toBeGreaterThan(base);
    // Each relearnt label is scored as the site scores it now (below 50 labels: the base model's score).
    const { results } = await env.DB.prepare("select comment_id, score from adaptation_labels where site_id = ?").bind(site.id).all();
    const scoreOf = new Map(results.map((r) => [r.comment_id as string, r.score as number]));
    for (const [i, id] of [first, second, fourth].entries()) expect(scoreOf.get(id!)).toBeCloseTo(score(texts[[0, 1, 3][i]!]!).toxic, 5);
  });
});

describe("the queue's explanation", () => {
  it("shows each scored item's top contributing n-grams", async () => {
    const site = await createSite({ settings: { premoderation: "all" } });
    await heldComments(site, ["너 같은 쓰레기는 꺼져라"]);
    const res = await api(`/api/v1/sites/${site.id}/moderation/queue?queue=pending`, { headers: ADMIN });
    const [item] = res.body.items;
    expect(item.comment.toxicity).toBeGreaterThan(0);
    expect(item.explanation.contributions.length).toBeGreaterThan(0);
    const top = item.explanation.contributions[0];
    expect(top.weight).toBeGreaterThan(0);
    expect(top.ngrams.join(" ")).toMatch(/쓰|레|기|꺼|져/);
  });

  it("carries the site's hold threshold in use, which the dashboard marks scores against", async () => {
    const text = "너 같은 쓰레기는 꺼져라";
    const byModel = await createSite({ settings: { premoderation: "all" } });
    const bySetting = await createSite({ settings: { premoderation: "all", toxicityThreshold: 0.05 } });
    await heldComments(byModel, [text]);
    await heldComments(bySetting, [text]);
    const explained = async (site: Site) =>
      (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=pending`, { headers: ADMIN })).body.items[0].explanation;
    expect((await explained(byModel)).threshold).toBe((await status(byModel)).body.adaptation.threshold.value);
    expect((await explained(bySetting)).threshold).toBe(0.05);
  });
});

describe("on a site that masks profanity", () => {
  const BODY = "저거 존나 비싸던데";
  const MASKED = "저거 ○○○ 비싸던데";
  const db = createDb(env.DB);
  const stateOf = async (siteId: string) =>
    (await env.DB.prepare("select weights, bias from site_adaptations where site_id = ?").bind(siteId).first<{ weights: number[]; bias: number }>())!;
  const storedOf = (id: string) =>
    env.DB.prepare("select public_body as publicBody, toxicity from comments where id = ?").bind(id).first<{ publicBody: string | null; toxicity: number }>();

  it("corrects a masked comment's score by the masked text, the one the base model scored", async () => {
    const site = await createSite({ settings: { profanity: "mask" } });
    // The site learnt that comments saying 존나 are abusive: its correction pushes that word up.
    await learnFromDecisions(db, site.id, 0.9, decisions(60, 0.5, "존나"));
    const posted = await comment(site, await login(site), "art", BODY, { confirm: true });
    const row = await storedOf(posted.id);
    expect(row!.publicBody).toBe(MASKED);
    const { model } = await loadSiteScoring(db, site.id);
    const base = score(MASKED).toxic;
    const ofMasked = siteProbability(model!, base, extractFeatures(MASKED, MODEL.features));
    const ofWhole = siteProbability(model!, base, extractFeatures(BODY, MODEL.features));
    // The two differ (the learnt word is only in the whole text): the stored score is the masked text's.
    expect(ofWhole - ofMasked).toBeGreaterThan(0.05);
    expect(row!.toxicity).toBeCloseTo(ofMasked, 5);
  });

  it("learns a decision on a masked comment from the masked text", async () => {
    const site = await createSite({ settings: { profanity: "mask", premoderation: "all" } });
    const [held] = await heldComments(site, [BODY]);
    const row = await storedOf(held!.id);
    await decide(held!.id, "reject");
    // The same label given the masked text directly, on a site of its own: the same step learnt.
    const twin = await createSite();
    await learnFromDecisions(db, twin.id, 0.9, [{ commentId: held!.id, body: MASKED, score: row!.toxicity, abusive: true, decidedAt: Date.now() }]);
    const [learnt, expected] = [await stateOf(site.id), await stateOf(twin.id)];
    expect(learnt.bias).toBe(expected.bias);
    expect(storedWeights(learnt.weights).weights).toEqual(storedWeights(expected.weights).weights);
  });

  it("presumes a masked published comment clean by its masked text", async () => {
    const masking = await createSite({ settings: { profanity: "mask" } });
    const plain = await createSite();
    const a = await comment(masking, await login(masking), "art", BODY, { confirm: true });
    // The masked text itself, posted where nothing is masked.
    const b = await comment(plain, await login(plain), "art", MASKED, { confirm: true });
    expect([a.status, b.status]).toEqual(["published", "published"]);
    const now = Date.now();
    await env.DB.prepare("update comments set created_at = ? where id in (?, ?)")
      .bind(now - 2 * 60 * 60_000, a.id, b.id)
      .run();
    for (const site of [masking, plain]) await learnFromDecisions(db, site.id, 0.9, decisions(1, 1), now);
    const [learnt, expected] = [await stateOf(masking.id), await stateOf(plain.id)];
    expect(storedWeights(learnt.weights).weights).toEqual(storedWeights(expected.weights).weights);
  });

  it("explains a masked queue item by the masked text", async () => {
    const site = await createSite({ settings: { profanity: "mask", premoderation: "all" } });
    await heldComments(site, [BODY]);
    const res = await api(`/api/v1/sites/${site.id}/moderation/queue?queue=pending`, { headers: ADMIN });
    const [item] = res.body.items;
    expect(item.comment.publicBody).toBe(MASKED);
    expect(item.explanation.contributions).toEqual(topContributions(MASKED, null));
    expect(item.explanation.contributions).not.toEqual(topContributions(BODY, null));
  });

  it("keeps the masked copy of a rejected comment, the text its score is of", async () => {
    const site = await createSite({ settings: { profanity: "mask", bannedWords: ["금지어"] } });
    const res = await post(site, await login(site), "art", { body: `${BODY} 금지어`, confirm: true });
    expect(res.status).toBe(422);
    const row = await env.DB.prepare("select public_body as publicBody, status from comments where site_id = ?").bind(site.id).first();
    expect(row).toEqual({ publicBody: `${MASKED} 금지어`, status: "rejected" });
  });

  it("scores a moderator's own comment as written, since it is published unmasked", async () => {
    const site = await createSite({ settings: { profanity: "mask" } });
    const posted = await comment(site, await login(site, { role: "moderator" }), "art", BODY);
    expect(await storedOf(posted.id)).toEqual({ publicBody: null, toxicity: expect.closeTo(score(BODY).toxic, 5) });
  });
});
