/**
 * Micro benchmark of per-site adaptation: what a site's learnt correction adds to scoring a
 * comment (the base score's features reused, folded and weighed: `siteScore`; and the cost
 * when they must be extracted again), next to the
 * built-in score itself, for a short comment and a 3000-character one; plus one learning step
 * and the explanation a queue item gets (moderation reads only).
 *
 * @example
 * npm run bench:adaptation
 */
import "./lib/binaryImports";
import { classifierText, extractFeatures } from "../src/moderation/classifier/features";
import { blankLearner, learn } from "../src/moderation/adaptation/learner";
import { blankSiteModel, logit, siteProbability } from "../src/moderation/adaptation/siteModel";
import { COMMENT_SENTENCES, measure, repeatSentences, SHORT_COMMENT } from "./lib/microbench";

// After binaryImports: the model's weights are a `.bin` import.
const { MODEL } = await import("../src/moderation/classifier/model");
const { score } = await import("../src/moderation/classifier");
const { siteScore } = await import("../src/moderation/adaptation/siteScore");
const { topContributions } = await import("../src/moderation/adaptation/explain");

// A site that has learnt something: 300 labels of the sample sentences.
const site = blankSiteModel();
const learner = blankLearner();
for (let i = 0; i < 300; i++) {
  const text = `${COMMENT_SENTENCES[i % COMMENT_SENTENCES.length]} ${i}`;
  learn(site, learner, { baseLogit: logit(0.3), features: extractFeatures(text, MODEL.features), abusive: i % 3 === 0 });
}

let i = 0;
const LONG = repeatSentences(COMMENT_SENTENCES, 3000);
const rows = [
  { comment: `short (${SHORT_COMMENT.length} chars)`, text: SHORT_COMMENT },
  { comment: `long (${LONG.length} chars)`, text: LONG },
].map(({ comment, text }) => {
  const normalized = classifierText(text);
  const base = score(text, normalized).toxic;
  const features = extractFeatures(text, MODEL.features, normalized);
  return {
    comment,
    "built-in score µs (normalised)": measure(() => score(text, normalized)).toFixed(1),
    // As in the Worker: right after the base score, whose features the correction reuses.
    "site correction µs": measure(() => siteScore(site, base, text, normalized)).toFixed(1),
    "same, features extracted again µs": measure(() => siteProbability(site, base, extractFeatures(text, MODEL.features, normalized))).toFixed(1),
    "learning step µs": measure(() => learn(site, learner, { baseLogit: 0, features, abusive: i++ % 2 === 0 }), 300).toFixed(1),
    "explanation µs": measure(() => topContributions(text, site), 300).toFixed(1),
  };
});
console.table(rows);
