/**
 * Built-in word lists every site starts with; a site's own `bannedWords` / `suspectWords`
 * are added to them. Syntax (whole words, `*`, `!` exceptions) is described in
 * `wordEntry.ts`. Kept deliberately short: each entry was checked against everyday news
 * vocabulary, since a false match rejects an innocent comment. Initial-consonant spellings
 * (ㅅㅂ, ㅂㅅ, 시ㅂ) and evasions (시1발, f.u.c.k, 5h1t) are matched without listing them.
 */

/** Rejected outright: strong profanity and slurs. */
export const defaultBannedWords: readonly string[] = [
  // Korean profanity. Hangul of two or more syllables matches inside words (씨발놈아).
  "시발", "씨발", "씨바", "씨팔", "시팔", "쓰발", "씨벌", "시벌", "tlqkf",
  "병신", "븅신", "ㅄ", "qudtls", "존나", "whssk", "좆*", "좃같", "ㅈ까",
  "개새끼", "개새기", "개색기", "개세끼", "씹새끼", "호로새끼", "후레자식",
  "미친놈", "미친년", "미친새끼", "씹년", "썅년", "썅놈", "개년", "걸레년",
  "니애미", "느금마", "니미럴", "엠창", "지랄", "염병할",
  // Korean slurs against groups.
  "한남충", "김치녀", "맘충", "틀딱", "짱깨", "쪽바리", "쪽발이", "깜둥이", "조센징", "전라디언",
  // Everyday words that contain a listed one: 시발점 "starting point", 시발역 "first station",
  // 도시발전 "urban development", 동시발생 "simultaneous", (감염)병신고 "(infection) report",
  // 수개년 "several years" (5개년 is left alone anyway: no Korean match starts after a digit).
  "!시발점", "!시발역", "!시발택시", "!시발자동차", "!도시발", "!동시발", "!임시발", "!일시발",
  "!병신고", "!수개년", "!몇개년", "!다개년",
  // English profanity. Whole words unless starred; no innocent English word contains "fuck".
  "*fuck*", "fck*", "fuk", "cunt", "cunts", "cocksucker*", "twat", "twats", "wanker*",
  "bitch*", "whore*", "slut*",
  // English slurs. Not "nigga*": it would match "niggardly".
  "nigger*", "nigga", "niggas", "faggot*", "kike", "kikes", "spic", "spics",
  "wetback*", "raghead*", "towelhead*", "gook", "gooks", "tranny", "trannies", "paki", "pakis",
];

/** Held for review, and the author is asked to reconsider first: insults and borderline words. */
export const defaultSuspectWords: readonly string[] = [
  // Korean insults. Not 새끼 alone (새끼 고양이 is a kitten), not 미친 (영향을 미친 "affected"),
  // not 졸라 (졸라서 "pestering").
  "새끼야", "이새끼", "저새끼", "ㅅㄲ", "닥쳐", "닥치라", "아가리", "주둥이", "뒈져", "뒤져라",
  "등신", "찐따", "또라이", "돌아이", "멍청이", "멍청한", "병맛", "꼰대", "개돼지", "개소리",
  "염병", "창녀", "된장녀", "급식충", "일베충",
  // Korean political name-calling, common under political news.
  "좌빨", "좌좀", "수꼴", "대깨문", "토착왜구", "빨갱이",
  // Everyday words that contain a listed one: 위기가 닥쳐오다 "a crisis approaches", 들이닥치다
  // "to burst in", 감염병/전염병 "infectious disease", 등신대 "life-size standee", 등신불 a
  // Buddhist statue, 새끼손가락 "little finger".
  "!닥쳐오", "!닥쳐온", "!닥쳐올", "!닥쳐왔", "!들이닥쳐", "!감염병", "!전염병", "!등신대", "!등신불",
  "!새끼손가락", "!새끼발가락",
  // English insults and milder profanity. Not "*shit": it would match "mishit".
  "shit", "shits", "shitty", "shithead*", "shitstorm", "bullshit", "horseshit", "dipshit", "apeshit",
  "asshole*", "ass", "arse", "arsehole*", "dumbass", "jackass", "bastard*", "crap", "crappy",
  "piss", "pissed", "dickhead*", "cock", "pussy", "idiot*", "moron", "morons", "moronic",
  "stupid", "imbecile*", "scum", "scumbag*", "retard", "retards", "retarded", "fag", "fags", "chink", "chinks",
  "shut up", "stfu", "gtfo", "wtf", "libtard*", "feminazi*",
  // Pussy Riot is a band in the news; "chink in the armour" is an idiom, hence chink only suspect.
  "!pussy riot",
];
