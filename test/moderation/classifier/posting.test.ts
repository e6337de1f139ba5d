import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_TOXICITY_THRESHOLD } from "../../../src/moderation/classifier";
import { ADMIN, api, createSite, login, post, type Rejection } from "../../helpers";

// The built-in classifier is the default scorer: no setScorer here.
const TOXIC = "너 같은 쓰레기는 꺼져라"; // on neither built-in word list

describe("posting with the built-in classifier", () => {
  it("asks before posting a toxic comment no word list catches, then holds it with its score", async () => {
    const site = await createSite();
    const reader = await login(site);
    const warned = await post(site, reader, "art", { body: TOXIC });
    expect(warned.status).toBe(422);
    expect(warned.body.error.code).toBe("needs_confirmation");
    expect((warned.body.error.details as Rejection).reasons).toEqual([{ code: "toxic", detail: expect.stringMatching(/^score 0\.\d\d$/) }]);

    const held = await post(site, reader, "art", { body: TOXIC, confirm: true });
    expect(held.status).toBe(201);
    expect(held.body.comment.status).toBe("pending");
    const queue = (await api(`/api/v1/sites/${site.id}/moderation/queue?queue=pending`, { headers: ADMIN })).body;
    expect(queue.items[0].comment.toxicity).toBeGreaterThanOrEqual(DEFAULT_TOXICITY_THRESHOLD);
    expect(queue.items[0].reasons).toEqual([expect.objectContaining({ source: "toxicity", code: "toxic" })]);
  });

  it("publishes ordinary comments, recording their low score", async () => {
    const site = await createSite();
    const reader = await login(site);
    for (const body of ["좋은 기사 감사합니다", "Thanks for the thorough reporting on this.", "x"]) {
      const res = await post(site, reader, "art", { body });
      expect(res.status).toBe(201);
      expect(res.body.comment.status).toBe("published");
    }
    const { results } = await env.DB.prepare("select toxicity from comments where site_id = ?").bind(site.id).all<{ toxicity: number }>();
    expect(results).toHaveLength(3);
    for (const { toxicity } of results) expect(toxicity).toBeLessThan(DEFAULT_TOXICITY_THRESHOLD);
  });

  it("follows the site's own threshold", async () => {
    const site = await createSite({ settings: { toxicityThreshold: 1 } });
    const res = await post(site, await login(site), "art", { body: TOXIC });
    expect(res.body.comment.status).toBe("published");
  });
});
