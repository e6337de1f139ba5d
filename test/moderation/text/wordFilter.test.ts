import { describe, expect, it } from "vitest";
import { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } from "../../../src/moderation/text/defaultWords";
import { prepareForMatching } from "../../../src/moderation/text/normalize";
import { compileWordList, findWords } from "../../../src/moderation/text/wordFilter";

// Banned words and intensifier profanity: the lists that reject, or follow the site's profanity policy.
const banned = compileWordList([...defaultBannedWords, ...defaultProfanityWords]);
const suspect = compileWordList(defaultSuspectWords);
const found = (text: string) => [...findWords(banned, text), ...findWords(suspect, text)];

describe("the default lists", () => {
  it("find English profanity however it is disguised", () => {
    const disguised = [
      "fuck",
      "FUCK",
      "Fucking hell",
      "f.u.c.k",
      "f u c k",
      "f-u-c-k-i-n-g",
      "fu.ck off",
      "fuuuuuck",
      "ＦＵＣＫ",
      "ⓕⓤⓒⓚ",
      "fúçk",
      "f\u200bu\u200bc\u200bk",
      "fu\u0441k",
      "motherfucker",
      "you c*u*n*t",
      "b1tch",
      "b!tch",
      "bitches",
      "wh0re",
      "n1gger",
      "s1ut",
    ];
    for (const text of disguised) expect(findWords(banned, text), text).not.toEqual([]);
    expect(findWords(suspect, "5h1t, what a $hit show, bullshit, @sshole")).toEqual(["shit", "bullshit", "asshole*"]);
  });

  it("find Korean profanity however it is disguised", () => {
    const disguised = [
      "시발",
      "씨발놈아",
      "시 발",
      "시.발",
      "시1발",
      "씨12발",
      "시@발",
      "ㅅㅂ",
      "ㅆㅂ",
      "시ㅂ",
      "ㅅ발",
      "ㅅㅣ발",
      "시이이발",
      "시\u200b발",
      "ㅋㅋㅅㅂㅋㅋ",
      "병신같은",
      "ㅂㅅ",
      "병ㅅ",
      "ㅄ",
      "개 새 끼",
      "ㄱㅅㄲ",
      "좆같네",
      "좆",
      "존나 웃기네",
      "ㅈㄴ",
      "tlqkf",
      "김치녀들",
      "지랄하네",
      "홍어족들이 또",
      "개독교 신자들",
      "저능아 같은 소리",
      "틀무새들",
    ];
    for (const text of disguised) expect(findWords(banned, text), text).not.toEqual([]);
    expect(findWords(suspect, "닥쳐 이새끼야 ㄷㅊ")).toEqual(["새끼야", "이새끼", "닥쳐"]);
    // Hate without profanity is held for a moderator: 홍어 is also food.
    expect(findWords(suspect, "홍어들은 다 저래")).toEqual(["홍어"]);
    expect(findWords(suspect, "저 정신병자 또 나왔네")).toEqual(["정신병자"]);
  });

  it("do not find English words inside longer innocent words", () => {
    const innocent = [
      "The assistant in my class",
      "Scunthorpe United",
      "a cocktail at the Essex bar",
      "her therapist",
      "a peacock in the cockpit",
      "Fukushima",
      "a niggardly budget",
      "he mishit the ball",
      "Dickens and Dick Cheney",
      "flame retardant",
      "the spicy Pakistani dish",
      "Arsenal",
      "arsenic",
      "an analysis by the analyst",
      "Pissarro",
      "a Chinook helicopter",
      "Pussy Riot protested",
    ];
    for (const text of innocent) expect(found(text), text).toEqual([]);
  });

  it("do not match everyday Korean news sentences", () => {
    const innocent = [
      "서울시 발표에 따르면",
      "오후 2시 발표 예정",
      "오전 10시발 부산행 KTX",
      "서울시·발전공사",
      "개혁의 시발점",
      "시발역을 출발한",
      "제1차 경제개발 5개년 계획",
      "정책에 영향을 미친 요인",
      "새끼 고양이가 태어났다",
      "새끼손가락 부상",
      "한남동 아파트",
      "허리띠를 졸라매야",
      "아이가 엄마를 졸라서",
      "등신대 전시회",
      "위기가 닥쳐오고 있다",
      "경찰이 들이닥쳐",
      "지속가능한 도시발전",
      "동시발생 사건",
      "감염병신고센터",
      "전염병 확산",
      "수개년에 걸쳐",
      "제2차경제개발5개년계획",
      "김 씨 발 빠른 대처",
      "2024년 올해 수박씨 발라내기",
      "존재감",
      "시바견 입양",
      "목포 홍어삼합 맛집",
      "홍어회 무침을 곁들인",
    ];
    for (const text of innocent) expect(found(text), text).toEqual([]);
  });

  it("do not mistake everyday chat initials for profanity", () => {
    expect(found("ㄱㅅ ㅇㅋ ㅅㅍ 주의 ㅋㅋㅋ ㅇㅈ ㄹㅇ ㅎㅇ ㄴㄴ ㅠㅠ")).toEqual([]);
  });

  it("match every entry's own spelling", () => {
    for (const [list, matcher] of [
      [defaultBannedWords, banned],
      [defaultProfanityWords, banned],
      [defaultSuspectWords, suspect],
    ] as const) {
      for (const entry of list.filter((e) => !e.startsWith("!"))) expect(findWords(matcher, entry.replaceAll("*", ""))).toContain(entry);
    }
  });

  it("stay modest, with Korean and English in both", () => {
    // The profanity list is short on purpose: only words as often emphasis as insult.
    expect(defaultProfanityWords.length).toBeGreaterThanOrEqual(15);
    for (const list of [defaultBannedWords, defaultProfanityWords, defaultSuspectWords]) {
      if (list !== defaultProfanityWords) expect(list.length).toBeGreaterThanOrEqual(30);
      expect(list.length).toBeLessThanOrEqual(100);
      expect(list.some((w) => /[가-힣]/.test(w)) && list.some((w) => /^[a-z]/.test(w))).toBe(true);
    }
  });
});

describe("compileWordList", () => {
  it("matches English entries as whole words, and past a `*` side", () => {
    expect(findWords(compileWordList(["ass"]), "assistant, class, ass")).toEqual(["ass"]);
    expect(findWords(compileWordList(["ass*"]), "assistant")).toEqual(["ass*"]);
    expect(findWords(compileWordList(["*shit"]), "bullshit, shithead")).toEqual(["*shit"]);
    expect(findWords(compileWordList(["rapist"]), "the therapist, the-rapist")).toEqual(["rapist"]);
  });

  it("lets a hyphen or other mark end a word, so compounds still match", () => {
    expect(findWords(compileWordList(["bitch", "ass"]), "bitch-ass")).toEqual(["bitch", "ass"]);
  });

  it("matches a Korean entry inside words, but a one-syllable one only alone", () => {
    const matcher = compileWordList(["병신", "년"]);
    expect(findWords(matcher, "병신같은 소리")).toEqual(["병신"]);
    expect(findWords(matcher, "2024년 새해, 올해 년말")).toEqual([]);
    expect(findWords(matcher, "미친 년.")).toEqual(["년"]);
  });

  it("ignores matches that lie inside an exception, and only those", () => {
    const matcher = compileWordList(["시발", "!시발점"]);
    expect(findWords(matcher, "개혁의 시발점이 되었다")).toEqual([]);
    expect(findWords(matcher, "시발 이게 개혁의 시발점?")).toEqual(["시발"]);
  });

  it("normalises entries like text: case, spacing, separators, several words", () => {
    const matcher = compileWordList(["F U C K", "시 발", "Son of a Bitch"]);
    expect(findWords(matcher, "fuck 시발 you son of a b1tch")).toEqual(["F U C K", "시 발", "Son of a Bitch"]);
  });

  it("needs at least as many repeated letters as the entry has", () => {
    const matcher = compileWordList(["ass"]);
    expect(findWords(matcher, "as")).toEqual([]);
    expect(findWords(matcher, "asssss")).toEqual(["ass"]);
  });

  it("reports each entry once, as listed, in list order, skipping blank and duplicate entries", () => {
    const matcher = compileWordList(["", "  ", "*", "!", "Bitch", "bitch", " 시발 "]);
    expect(matcher.size).toBe(2);
    expect(findWords(matcher, "시발 bitch BITCH 시발")).toEqual(["Bitch", "시발"]);
  });

  it("accepts a prepared text so several lists share one normalisation", () => {
    const prepared = prepareForMatching("f.u.c.k you, idiot");
    expect(findWords(banned, prepared)).toEqual(["*fuck*"]);
    expect(findWords(suspect, prepared)).toEqual(["idiot*"]);
  });
});
