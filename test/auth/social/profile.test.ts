import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profileFromClaims } from "../../../src/auth/social/profile";
import { hasVisibleText, plainName } from "../../../src/lib/plainText";

describe("profileFromClaims", () => {
  it("names Kakao and Naver members by nickname, OpenID users by name", () => {
    expect(profileFromClaims("kakao", "카카오", { nickname: "라이언", name: "Ryan" }, "1").displayName).toBe("라이언");
    expect(profileFromClaims("naver", "네이버", { nickname: "", name: "홍길동" }, "1").displayName).toBe("홍길동");
    expect(profileFromClaims("google", "Google", { name: "Ada", nickname: "ada" }, "1").displayName).toBe("Ada");
    expect(profileFromClaims("corp", "Corp", { preferred_username: "ada.l" }, "1").displayName).toBe("ada.l");
  });

  it("falls back to '<label> 사용자' when the provider shares no name", () => {
    expect(profileFromClaims("kakao", "카카오", {}, "1").displayName).toBe("카카오 사용자");
  });

  it("strips controls, bidi and invisible characters from the name, falling back when nothing is left", () => {
    expect(profileFromClaims("kakao", "카카오", { nickname: "\u202E라이언\u0000\u200B" }, "1").displayName).toBe("라이언");
    expect(profileFromClaims("kakao", "카카오", { nickname: "\u3164\u3164", name: "Ryan\u2066" }, "1").displayName).toBe("Ryan");
    expect(profileFromClaims("naver", "네이버", { nickname: "\u3164", name: "\u0007\u202E" }, "1").displayName).toBe("네이버 사용자");
  });

  it("drops an email the provider marks unverified, and avatars that are not http(s)", () => {
    const p = profileFromClaims("corp", "Corp", { email: "a@example.test", email_verified: false, picture: "javascript:alert(1)" }, "1");
    expect(p.email).toBeNull();
    expect(p.avatarUrl).toBeNull();
    expect(profileFromClaims("naver", "네이버", { email: "b@naver.test", profile_image: "https://phinf.example/b.png" }, "1")).toMatchObject({
      email: "b@naver.test",
      avatarUrl: "https://phinf.example/b.png",
    });
  });

  it("always gives a non-empty name of at most 100 characters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("kakao", "naver", "google", "corp"),
        fc.dictionary(fc.constantFrom("name", "nickname", "preferred_username"), fc.string({ unit: "grapheme", maxLength: 300 })),
        (provider, claims) => {
          const { displayName } = profileFromClaims(provider, "Label", claims, "sub");
          expect(hasVisibleText(displayName)).toBe(true);
          expect(plainName(displayName)).toBe(displayName);
          expect([...displayName].length).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
