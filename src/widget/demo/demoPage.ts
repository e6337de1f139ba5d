/** The demo site `npm run dev` seeds (scripts/lib/demoSeed.ts) and the article page it shows. */
export const DEMO_SITE = "demo";
export const DEMO_ARTICLE = "2021-05-17-lg-ai";

/** Demo readers the page can log in as (seeded identities `sso:demo`), and the site's demo moderator. */
export const DEMO_READERS: Record<"1" | "2" | "mod", { sub: string; name: string; role?: "moderator" }> = {
  "1": { sub: "demo-reader-1", name: "김독자" },
  "2": { sub: "demo-reader-2", name: "Reader Lee" },
  mod: { sub: "demo-moderator", name: "데모 운영자", role: "moderator" },
};

const paragraphs = [
  "LG그룹이 향후 3년간 1억 달러(약 1130억 원)를 투자해 '초거대 AI' 개발에 나선다고 17일 밝혔다. 초거대 AI는 대용량 데이터를 스스로 학습해 사람처럼 생각하고 판단하는 인공지능으로, 학습에 막대한 연산 자원이 필요하다.",
  'LG AI연구원은 이번 투자로 대규모 컴퓨팅 인프라를 확보하고, 말뭉치와 이미지를 함께 이해하는 멀티모달 모델을 연내 공개할 계획이다. 연구원 측은 "제조·화학·통신 등 계열사의 실제 문제를 푸는 데 초거대 AI를 쓰겠다"고 설명했다.',
  "업계에서는 국내 기업의 대규모 투자가 AI 인재 유출을 막는 계기가 될 수 있다는 기대와 함께, 해외 빅테크와의 격차를 좁히기에는 여전히 부족하다는 지적도 나온다.",
  "(이 기사는 Marginalia 댓글 위젯 시연을 위한 데모 기사입니다.)",
];

const others = [
  { id: DEMO_ARTICLE, title: "LG, 초거대 AI에 1억 달러 투자" },
  { id: "2021-05-16-semiconductor", title: "반도체 수출 11개월 연속 증가" },
  { id: "2021-05-15-housing", title: "수도권 아파트 전셋값 상승세 지속" },
];

/**
 * A Korean news article with the widget embedded exactly as a news site would: the snippet,
 * count.js in the "most read" box, and a site login that hands an SSO token to the widget.
 * Here the "site backend" is the dev-only /demo/token route.
 */
export function demoPage(serviceOrigin: string, lang: "ko" | "en"): string {
  const list = others
    .map(
      (a) => `<li><a href="#">${a.title}</a> <span class="count" data-marginalia-count="댓글 {n}" data-site="${DEMO_SITE}" data-article="${a.id}"></span></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>LG, 초거대 AI에 1억 달러 투자 | 마지널리아 데모 뉴스</title>
<link rel="canonical" href="${serviceOrigin}/demo">
<style>
body{margin:0;font:16px/1.7 "Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR","Noto Sans CJK KR",sans-serif;color:#222;background:#fafafa}
header.top{background:#10284a;color:#fff;padding:14px 24px;display:flex;align-items:center;gap:16px}
header.top strong{font-size:20px;flex:1}
.wrap{max-width:1040px;margin:0 auto;padding:24px;display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:32px}
article h1{font-size:30px;line-height:1.35;margin:0 0 8px}
.byline{color:#777;font-size:14px;border-bottom:1px solid #ddd;padding-bottom:12px;margin-bottom:20px}
aside section{background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:14px 16px;margin-bottom:16px}
aside h2{font-size:15px;margin:0 0 8px}
aside ol{padding-left:18px;margin:0;font-size:14px}
.count{color:#c0392b;font-size:12px;white-space:nowrap}
#login-box button,#moderator-box button{display:block;width:100%;margin:6px 0;padding:8px;border:1px solid #10284a;border-radius:6px;background:#fff;cursor:pointer;font:inherit}
#login-box button.primary{background:#10284a;color:#fff}
#login-state{font-size:13px;color:#555;margin:6px 0 0}
.comments{margin-top:40px}
@media (max-width:800px){.wrap{grid-template-columns:1fr}}
</style></head>
<body>
<header class="top"><strong>마지널리아 데모 뉴스</strong><span>경제 · IT</span></header>
<div class="wrap">
<main>
<article>
<h1>LG, 초거대 AI에 1억 달러 투자…"3년 안에 사람처럼 판단하는 AI"</h1>
<p class="byline">김기자 기자 · 입력 2021.05.17 10:30 · <span data-marginalia-count="댓글 {n}" data-site="${DEMO_SITE}" data-article="${DEMO_ARTICLE}"></span></p>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article>
<section class="comments" aria-label="댓글">
<div data-marginalia data-site="${DEMO_SITE}" data-article="${DEMO_ARTICLE}" data-lang="${lang}"></div>
</section>
</main>
<aside>
<section id="login-box"><h2>사이트 로그인 (데모)</h2>
<button type="button" class="primary" data-reader="1">데모 독자 김독자로 로그인</button>
<button type="button" data-reader="2">데모 독자 Reader Lee로 로그인</button>
<button type="button" id="logout">로그아웃</button>
<p id="login-state" role="status">로그인하지 않음</p>
<p style="font-size:12px;color:#888">위젯 언어: <a href="?lang=ko">한국어</a> · <a href="?lang=en">English</a></p>
</section>
<section id="moderator-box"><h2>운영자 (데모)</h2>
<p style="font-size:13px;margin:0 0 6px">대기·신고된 댓글을 검토하는 운영 도구를 데모 운영자로 엽니다.</p>
<button type="button" id="open-dashboard">운영 도구 열기</button>
</section>
<section><h2>많이 본 기사</h2><ol>${list}</ol></section>
</aside>
</div>
<script>
// The news site's own login: its backend signs an SSO token, the page hands it to the widget.
const state = document.getElementById("login-state");
async function loginAs(reader) {
  const res = await fetch("/demo/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reader }) });
  const { token, name } = await res.json();
  Marginalia.login(token);
  state.textContent = name + " 님으로 로그인됨";
}
window.Marginalia = Object.assign(window.Marginalia || {}, {
  onLoginRequest: () => loginAs("1"),
  onLogout: () => (state.textContent = "로그인하지 않음"),
});
document.querySelectorAll("[data-reader]").forEach((b) => b.addEventListener("click", () => loginAs(b.dataset.reader)));
document.getElementById("logout").addEventListener("click", () => { Marginalia.logout(); state.textContent = "로그인하지 않음"; });
// As a CMS would: sign a moderator token and hand it to the dashboard in the URL fragment,
// which never reaches a server. The tab is opened at once, while the click still allows it.
document.getElementById("open-dashboard").addEventListener("click", async () => {
  const tab = window.open("", "_blank");
  const res = await fetch("/demo/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reader: "mod" }) });
  const { token } = await res.json();
  const url = "/moderate?site=${DEMO_SITE}#site=${DEMO_SITE}&sso=" + encodeURIComponent(token);
  if (tab) tab.location.href = url;
  else location.href = url;
});
</script>
<script src="${serviceOrigin}/embed.js" async></script>
<script src="${serviceOrigin}/count.js" async></script>
</body></html>`;
}
