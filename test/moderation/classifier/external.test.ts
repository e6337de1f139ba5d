import { describe, expect, it, vi } from "vitest";
import { score as builtIn, type ClassifierScore } from "../../../src/moderation/classifier";
import { withFallback, type ExternalScorer } from "../../../src/moderation/classifier/fallback";
import { perspective } from "../../../src/moderation/classifier/perspective";
import { llamaGuard, type LlamaGuardRun } from "../../../src/moderation/classifier/workersAi";
import { builtInScorer, configuredScorer } from "../../../src/moderation/scorer";

// Perspective and Workers AI are paid services outside the Worker: these tests stand in for
// them (fetch, the AI binding) to check what the scorer does with their answers and failures.
const TEXT = "너 같은 쓰레기는 꺼져라";
const external =
  (answer: ClassifierScore | null): ExternalScorer =>
  async () =>
    answer;
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const quietly = () => vi.spyOn(console, "warn").mockImplementation(() => {});

describe("an external scorer with the built-in fallback", () => {
  it("uses the external answer when it comes in time", async () => {
    const answer = { toxic: 0.42, spam: 0, labels: [] };
    expect(await withFallback(external(answer), builtIn)(TEXT)).toEqual(answer);
  });

  it("falls back to the built-in score when the service fails", async () => {
    const warn = quietly();
    const failing: ExternalScorer = async () => {
      throw new Error("503");
    };
    expect(await withFallback(failing, builtIn)(TEXT)).toEqual(builtIn(TEXT));
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it("falls back after the time budget, aborting the call, even if the service ignores the signal", async () => {
    const warn = quietly();
    let signalled: AbortSignal | undefined;
    const hanging: ExternalScorer = (_, signal) => {
      signalled = signal;
      return new Promise(() => {});
    };
    const started = Date.now();
    expect(await withFallback(hanging, builtIn, 50)(TEXT)).toEqual(builtIn(TEXT));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(signalled?.aborted).toBe(true);
    warn.mockRestore();
  });

  it("falls back when the service has no opinion or answers nonsense", async () => {
    const warn = quietly();
    expect(await withFallback(external(null), builtIn)(TEXT)).toEqual(builtIn(TEXT));
    expect(await withFallback(external({ toxic: 7, spam: 0, labels: [] }), builtIn)(TEXT)).toEqual(builtIn(TEXT));
    warn.mockRestore();
  });
});

describe("Perspective", () => {
  it("asks for TOXICITY with the key in a header, not stored, and reads the summary score", async () => {
    const requests: Request[] = [];
    const fetcher: typeof fetch = async (input, init) => {
      requests.push(new Request(input, init));
      return json({ attributeScores: { TOXICITY: { summaryScore: { value: 0.91, type: "PROBABILITY" } } } });
    };
    const result = await perspective("k-123", fetcher)(TEXT, AbortSignal.timeout(1000));
    expect(result).toEqual({ toxic: 0.91, spam: 0, labels: ["toxic"] });
    const [request] = requests;
    expect(request?.url).toBe("https://commentanalyzer.googleapis.com/v1alpha1/comments:analyze");
    expect(request?.headers.get("x-goog-api-key")).toBe("k-123");
    expect(await request?.json()).toEqual({ comment: { text: TEXT }, requestedAttributes: { TOXICITY: {} }, doNotStore: true });
  });

  it("counts an error status or a missing score as a failure, so the built-in score is used", async () => {
    const warn = quietly();
    for (const answer of [json({ error: { message: "language not supported" } }, 400), json({ attributeScores: {} })]) {
      const scorer = withFallback(
        perspective("k", async () => answer),
        builtIn,
      );
      expect(await scorer(TEXT)).toEqual(builtIn(TEXT));
    }
    warn.mockRestore();
  });
});

describe("Workers AI (Llama Guard)", () => {
  const guard =
    (response: Ai_Cf_Meta_Llama_Guard_3_8B_Output["response"]): LlamaGuardRun =>
    async () => ({ response });

  it("scores an unsafe verdict 1, with its categories as labels", async () => {
    const result = await llamaGuard(guard({ safe: false, categories: ["S10", "S1"] }))(TEXT, AbortSignal.timeout(1000));
    expect(result).toEqual({ toxic: 1, spam: 0, labels: ["toxic", "hate", "violent_crimes"] });
  });

  it("reads the plain-text form of the verdict too", async () => {
    expect((await llamaGuard(guard("unsafe\nS10"))(TEXT, AbortSignal.timeout(1000)))?.labels).toEqual(["toxic", "hate"]);
  });

  it("leaves a 'safe' comment to the built-in classifier, whose taxonomy covers insults", async () => {
    const scorer = withFallback(llamaGuard(guard({ safe: true })), builtIn);
    expect(await scorer(TEXT)).toEqual(builtIn(TEXT));
  });
});

describe("choosing the scorer from the bindings", () => {
  it("uses the built-in classifier when nothing is configured", async () => {
    expect(configuredScorer({})).toBe(builtInScorer);
  });

  it("prefers Perspective when its key is set, falling back to the built-in score", async () => {
    const warn = quietly();
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(json({ attributeScores: { TOXICITY: { summaryScore: { value: 0.33 } } } }));
    const ai = { run: vi.fn() } as unknown as Ai;
    const scorer = configuredScorer({ PERSPECTIVE_API_KEY: "k", AI: ai });
    expect((await scorer.score(TEXT))?.toxic).toBe(0.33);
    expect(ai.run).not.toHaveBeenCalled();
    fetchSpy.mockRejectedValue(new Error("network down"));
    expect(await scorer.score(TEXT)).toEqual(builtIn(TEXT));
    fetchSpy.mockRestore();
    warn.mockRestore();
  });

  it("uses Llama Guard through the AI binding when that is all there is", async () => {
    const run = vi.fn(async () => ({ response: { safe: false, categories: ["S10"] } }));
    const scorer = configuredScorer({ AI: { run } as unknown as Ai });
    expect(await scorer.score("some text")).toEqual({ toxic: 1, spam: 0, labels: ["toxic", "hate"] });
    expect(run).toHaveBeenCalledWith(
      "@cf/meta/llama-guard-3-8b",
      { messages: [{ role: "user", content: "some text" }] },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });
});
