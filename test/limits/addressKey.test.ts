import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKey } from "../../src/limits/addressKey";

const group = fc.integer({ min: 0, max: 0xffff });
const groups = fc.array(group, { minLength: 8, maxLength: 8 });

/**
 * Eight groups and one textual form of them: any case, optional leading zeros, and maybe one run
 * of groups zeroed and written as "::".
 */
const address = fc
  .record({
    values: groups,
    upper: fc.boolean(),
    padded: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    run: fc.option(fc.tuple(fc.nat(7), fc.integer({ min: 1, max: 8 }))),
  })
  .map(({ values, upper, padded, run }) => {
    const zeroed = [...values];
    const [start, end] = run ? [run[0], Math.min(8, run[0] + run[1])] : [0, 0];
    zeroed.fill(0, start, end);
    const text = zeroed.map((v, i) => v.toString(16).padStart(padded[i] ? 4 : 1, "0"));
    const written = run ? `${text.slice(0, start).join(":")}::${text.slice(end).join(":")}` : text.join(":");
    return { values: zeroed, written: upper ? written.toUpperCase() : written };
  });

describe("addressKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
  });

  it("keys an IPv6 address by its /64 prefix", () => {
    expect(addressKey("2001:DB8:0:12:aaaa::1")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:0db8:0000:0012:0000:0000:0000:0002")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("reads IPv4-mapped IPv6 as the IPv4 address", () => {
    for (const form of ["::ffff:203.0.113.7", "::FFFF:cb00:7107", "0:0:0:0:0:ffff:203.0.113.7", "0000::ffff:cb00:7107"]) {
      expect(addressKey(form)).toBe("203.0.113.7");
    }
  });

  it("keeps text that is not an address, lower-cased", () => {
    for (const text of ["1:2:3", "1::2::3", "1:2:3:4:5:6:7:8:9", "::g", "1.2.3.4::", "::1.2.3.256", "1:2:3:4:5:6:7::8"]) {
      expect(addressKey(text)).toBe(text.toLowerCase());
    }
  });

  it("gives every spelling of one /64 the same key, and other /64s another", () => {
    fc.assert(
      fc.property(address, address, ({ values, written }, other) => {
        const key = addressKey(written);
        const mapped = values.slice(0, 5).every((v) => v === 0) && values[5] === 0xffff;
        if (!mapped)
          expect(key).toBe(
            `${values
              .slice(0, 4)
              .map((v) => v.toString(16))
              .join(":")}::/64`,
          );
        const otherMapped = other.values.slice(0, 5).every((v) => v === 0) && other.values[5] === 0xffff;
        const samePrefix = values.slice(0, 4).every((v, i) => v === other.values[i]);
        if (!mapped && !otherMapped) expect(addressKey(other.written) === key).toBe(samePrefix);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives every address of a /64 the same key", () => {
    fc.assert(
      fc.property(groups, groups, (prefix, suffix) => {
        fc.pre(!prefix.slice(0, 4).every((v) => v === 0));
        const a = [...prefix.slice(0, 4), ...prefix.slice(4)].map((v) => v.toString(16)).join(":");
        const b = [...prefix.slice(0, 4), ...suffix.slice(4)]
          .map((v) => v.toString(16).padStart(4, "0"))
          .join(":")
          .toUpperCase();
        expect(addressKey(a)).toBe(addressKey(b));
      }),
    );
  });
});
