import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, randomToken, seal, sha256Hex, unseal } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";

describe("sealed secrets", () => {
  it("unseal what was sealed with the same key", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (secret) => {
        expect(await unseal(await seal(secret, "key-1"), "key-1")).toBe(secret);
      }),
      { numRuns: 30 },
    );
  });

  it("never contain the secret in clear, and differ each time", async () => {
    const a = await seal("very-secret-value", "k");
    const b = await seal("very-secret-value", "k");
    expect(a).not.toContain("very-secret-value");
    expect(a).not.toBe(b);
  });

  it("cannot be opened with another key", async () => {
    await expect(unseal(await seal("s", "key-1"), "key-2")).rejects.toThrow();
  });
});

describe("constantTimeEqual", () => {
  it("agrees with ===", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        expect(await constantTimeEqual(a, b)).toBe(a === b);
        expect(await constantTimeEqual(a, a)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("tokens and ids", () => {
  it("makes URL-safe tokens of 256 bits and hex SHA-256", async () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("makes ids that sort by creation time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, dt) => {
        expect(newId(t) < newId(t + dt)).toBe(true);
        expect(newId(t)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      }),
    );
  });
});
