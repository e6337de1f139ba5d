import { env } from "cloudflare:workers";
import type { Env } from "../env";
import { score as classify, type ClassifierScore } from "./classifier";
import { withFallback, type ExternalScorer } from "./classifier/fallback";
import { perspective } from "./classifier/perspective";
import { llamaGuard, runLlamaGuard } from "./classifier/workersAi";

/**
 * The classifier seam: scores 0..1 for a comment (the pipeline holds on `toxic`), or null
 * when scoring is switched off. The built-in classifier answers unless an external scorer
 * is configured; tests may swap in their own.
 */
export interface ToxicityScorer {
  /** `normalized` is `normalizeForMatching(text)` when the caller has it, to spare normalising twice. */
  score(text: string, normalized?: string): Promise<ClassifierScore | null>;
}

/** The model bundled with the Worker: no network, no fee, tens of microseconds. */
export const builtInScorer: ToxicityScorer = { score: async (text, normalized) => classify(text, normalized) };

type ScorerBindings = Pick<Env, "AI" | "PERSPECTIVE_API_KEY">;

/**
 * The external scorer the bindings configure, if any: Perspective when its key is set, else
 * Llama Guard when the `AI` binding is present. Either falls back to the built-in classifier.
 */
export function configuredScorer(bindings: ScorerBindings): ToxicityScorer {
  const external: ExternalScorer | undefined = bindings.PERSPECTIVE_API_KEY
    ? perspective(bindings.PERSPECTIVE_API_KEY)
    : bindings.AI
      ? llamaGuard(runLlamaGuard(bindings.AI))
      : undefined;
  return external ? { score: withFallback(external, classify) } : builtInScorer;
}

let override: ToxicityScorer | undefined;
let configured: ToxicityScorer | undefined;

/** The scorer the pipeline uses: a test's override, else what the bindings configure. */
export function scorer(): ToxicityScorer {
  // Bindings do not change within an isolate, so the choice is made once.
  if (override) return override;
  configured ??= configuredScorer(env as ScorerBindings);
  return configured;
}

/** Replaces the scorer (tests); `setScorer()` with no argument restores the configured one. */
export function setScorer(next?: ToxicityScorer): void {
  override = next;
}
