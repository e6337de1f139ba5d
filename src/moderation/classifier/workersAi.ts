import type { ClassifierScore } from "./classify";
import type { ExternalScorer } from "./fallback";

const LLAMA_GUARD = "@cf/meta/llama-guard-3-8b";

/** Llama Guard 3's hazard categories that concern comments, as labels a moderator can read. */
const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  S1: "violent_crimes",
  S2: "non_violent_crimes",
  S3: "sex_crimes",
  S4: "child_exploitation",
  S5: "defamation",
  S6: "specialized_advice",
  S7: "privacy",
  S8: "intellectual_property",
  S9: "weapons",
  S10: "hate",
  S11: "self_harm",
  S12: "sexual_content",
  S13: "elections",
  S14: "code_abuse",
};

/** The one call made on the `AI` binding; tests pass a stand-in. */
export type LlamaGuardRun = (text: string, signal: AbortSignal) => Promise<Ai_Cf_Meta_Llama_Guard_3_8B_Output>;

/** Runs Llama Guard 3 on the comment as a user message through the Workers AI binding. */
export const runLlamaGuard =
  (ai: Ai): LlamaGuardRun =>
  (text, signal) =>
    ai.run(LLAMA_GUARD, { messages: [{ role: "user", content: text }] }, { signal });

/**
 * Workers AI's Llama Guard as a scorer. It only says safe or unsafe, over a taxonomy (crimes,
 * hate, self-harm, sexual content...) that leaves out ordinary insults, so "unsafe" scores 1
 * with its categories as labels, and "safe" is no opinion: the built-in score stands.
 *
 * @example withFallback(llamaGuard(runLlamaGuard(env.AI)), score)
 */
export function llamaGuard(run: LlamaGuardRun): ExternalScorer {
  return async (text, signal) => {
    const { response } = await run(text, signal);
    const verdict = typeof response === "string" ? parseVerdict(response) : response;
    if (verdict?.safe === undefined) throw new Error("Llama Guard answered without a verdict");
    if (verdict.safe) return null;
    const labels = ["toxic", ...(verdict.categories ?? []).map((c) => CATEGORY_LABELS[c] ?? c.toLowerCase())];
    const score: ClassifierScore = { toxic: 1, spam: 0, labels };
    return score;
  };
}

/** The model's plain-text form: "safe", or "unsafe" and a line of categories ("S1,S10"). */
function parseVerdict(text: string): { safe?: boolean; categories?: string[] } | undefined {
  const [first, second] = text.trim().split(/\s*\n\s*/);
  if (first === "safe") return { safe: true };
  if (first === "unsafe") return { safe: false, categories: second ? second.split(/\s*,\s*/) : [] };
  return undefined;
}
