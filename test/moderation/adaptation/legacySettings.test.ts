import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../../src/sites/settings";

describe("toxicityThreshold as an optional override", () => {
  it("reads the old default that every PATCH used to store as unset", () => {
    expect(resolveSettings({ toxicityThreshold: 0.7, maxLinks: 4 })).toMatchObject({ toxicityThreshold: null, maxLinks: 4, targetPrecision: 0.9 });
  });

  it("keeps a threshold the site chose, and 0.7 once chosen after targetPrecision existed", () => {
    expect(resolveSettings({ toxicityThreshold: 0.55 }).toxicityThreshold).toBe(0.55);
    expect(resolveSettings({ toxicityThreshold: 0.7, targetPrecision: 0.9 }).toxicityThreshold).toBe(0.7);
    expect(resolveSettings({}).toxicityThreshold).toBeNull();
  });
});
