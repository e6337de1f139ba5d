import { describe, expect, it } from "vitest";
import { resolveSettings, siteSettingsSchema } from "../../src/sites/settings";

describe("resolveSettings", () => {
  it("fills defaults for missing fields", () => {
    expect(resolveSettings({})).toEqual(siteSettingsSchema.parse({}));
    expect(resolveSettings(null).dailyLimit).toBe(20);
  });

  it("keeps valid stored fields when another one is no longer valid", () => {
    const settings = resolveSettings({ minIntervalSeconds: 0, dailyLimit: 1_000_000, premoderation: "all" });
    expect(settings).toMatchObject({ minIntervalSeconds: 0, dailyLimit: 20, premoderation: "all" });
  });
});
