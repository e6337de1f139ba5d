import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  admin,
  apiLogin,
  apiPost,
  ARTIFACTS,
  attrOf,
  card,
  countOf,
  freshContextPerTest,
  hostOrigin,
  anonymousBodies,
  listAnonymously,
  WITHIN_FRESHNESS,
  openArticle,
  postThroughWidget,
  reload,
  service,
  sites,
  textOf,
} from "./helpers";
import {
  callbackUrl,
  cancelAtProvider,
  hostMessages,
  logInAtNaver,
  logInAtOidc,
  popupFrom,
  providerButton,
  recordHostMessages,
  removeProvider,
  setProvider,
  social,
  tamperedProvider,
  untilClosed,
  watchLogins,
  withoutSiteLogin,
} from "./socialHelpers";

const context = freshContextPerTest({ locale: "ko-KR" });
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const live = (widget: import("playwright-core").FrameLocator) => widget.locator(".m-live");

describe("logging in with a social account from the widget's popup", () => {
  it("offers the site's providers, logs in through the provider's page, and the reader can post; the host never sees the session", async () => {
    await recordHostMessages(context());
    const logins = watchLogins(context());
    const { page, widget } = await openArticle(context(), { article: "s-kakao", user: "site-reader", name: "사이트독자" });
    await expect
      .poll(() => widget.locator(".m-choose button").allTextContents())
      .toEqual(["E2E 뉴스 계정으로 로그인", "카카오 계정으로 로그인", "네이버 계정으로 로그인"]);
    await page.screenshot({ path: `${ARTIFACTS}/34-social-chooser.png`, fullPage: true });

    const account = unique("kakao");
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    await popup.locator("input[name=login]").waitFor();
    expect(popup.url().startsWith(social.issuer)).toBe(true);
    await popup.screenshot({ path: `${ARTIFACTS}/35-social-provider-page.png` });
    await logInAtOidc(popup, account);
    await untilClosed(popup);

    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain(`닉네임 ${account}님으로 로그인됨`);
    expect(await widget.locator(".m-composer textarea").evaluate((el) => el === document.activeElement)).toBe(true);
    await postThroughWidget(widget, "카카오로 로그인해서 쓴 댓글");
    await card(widget, "카카오로 로그인해서 쓴 댓글").waitFor();
    await expect.poll(() => anonymousBodies("s-kakao"), WITHIN_FRESHNESS).toContain("카카오로 로그인해서 쓴 댓글");
    await page.screenshot({ path: `${ARTIFACTS}/36-social-logged-in.png`, fullPage: true });

    // The callback page posted the session to its opener, the widget's frame; the host page
    // received nothing that carries it, and holds nothing either.
    expect(logins.callbacks).toHaveLength(1);
    expect(logins.sessions).toHaveLength(1);
    const session = logins.sessions[0]!;
    const received = await hostMessages(page);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((m) => m.origin === service && !m.data.includes(session) && !m.data.includes("marginalia:login"))).toBe(true);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect((await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${session}` } })).status).toBe(200);
  });

  it("logs in with Naver (the stand-in's login page) and names the reader after the Naver profile", async () => {
    const { page, widget } = await openArticle(context(), { article: "s-naver" });
    const member = unique("nv");
    const popup = await popupFrom(page, providerButton(widget, "네이버"));
    await logInAtNaver(popup, member);
    await untilClosed(popup);
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain(`네이버 ${member}님으로 로그인됨`);
  });

  it("says so when the reader cancels at the provider; the popup's page says it too", async () => {
    const { page, widget } = await openArticle(context(), { article: "s-cancel" });
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    await cancelAtProvider(popup);
    await expect.poll(() => textOf(live(widget))).toBe("로그인을 취소했습니다.");
    expect(await attrOf(live(widget), "role")).toBe("alert");
    await expect.poll(() => textOf(popup.locator("h1"))).toBe("로그인하지 못했습니다 · Could not log in");
    expect(await textOf(popup.locator("small"))).toBe("login_cancelled");
    // The page that told the widget is the popup the frame opened: its opener is the frame, and
    // it posts to no origin but the service's own.
    expect(await popup.evaluate(() => window.opener.location.href)).toContain(`${service}/embed/frame?`);
    expect(await popup.content()).toContain(`var target = ${JSON.stringify(service)};`);
    await popup.close();
    await widget.locator(".m-choose").waitFor();
    expect(await countOf(widget.locator(".m-composer"))).toBe(0);
  });

  it("goes back to the chooser with a gentle note when the reader closes the popup", async () => {
    const { page, widget } = await openArticle(context(), { article: "s-closed" });
    const popup = await popupFrom(page, providerButton(widget, "네이버"));
    await popup.locator("input[name=user]").waitFor();
    await popup.close();
    await expect.poll(() => textOf(live(widget))).toBe("로그인을 취소했습니다.");
    expect(await attrOf(live(widget), "role")).toBe("status");
    // Nothing is stuck: the next try opens the popup again.
    const again = await popupFrom(page, providerButton(widget, "네이버"));
    await logInAtNaver(again, unique("nv"));
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("님으로 로그인됨");
  });

  it("tells the reader when the browser blocks the popup", async () => {
    const { widget, frame } = await openArticle(context(), { article: "s-blocked" });
    await frame.evaluate(() => {
      window.open = () => null;
    });
    await providerButton(widget, "카카오").click();
    await expect.poll(() => textOf(live(widget))).toBe("팝업이 차단되었습니다. 팝업을 허용해 주세요.");
    expect(await attrOf(live(widget), "role")).toBe("alert");
  });

  it("refuses a callback URL whose state was tampered with: an error page, a message, no session", async () => {
    const logins = watchLogins(context());
    const { page, widget } = await openArticle(context(), { article: "s-state" });
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    await popup.locator("input[name=login]").waitFor();
    // As if the reader, or someone who sent them the link, typed the callback into the popup.
    await popup.evaluate(
      (url) => {
        location.href = url;
      },
      callbackUrl("kakao", { code: "some-code", state: "tampered-state" }),
    );
    await expect.poll(() => textOf(live(widget))).toBe("로그인이 만료되었습니다. 다시 로그인하세요.");
    expect(await attrOf(live(widget), "role")).toBe("alert");
    await expect.poll(() => textOf(popup.locator("small"))).toBe("invalid_state");
    await popup.screenshot({ path: `${ARTIFACTS}/37-social-bad-state-page.png` });
    await page.screenshot({ path: `${ARTIFACTS}/38-social-bad-state-widget.png`, fullPage: true });
    expect(logins.sessions).toEqual([]);
    expect(await countOf(widget.locator(".m-choose"))).toBe(1);
  });

  it("refuses a replayed authorization code (the provider says no): the reader stays logged out", async () => {
    const logins = watchLogins(context());
    const { page, widget } = await openArticle(context(), { article: "s-replay" });
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    await logInAtOidc(popup, unique("replay"));
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("님으로 로그인됨");
    await widget.locator(".m-account button", { hasText: "로그아웃" }).click();
    await widget.locator(".m-choose").waitFor();

    // A second login (the provider, its cookies cleared, asks again), whose callback is given
    // the first login's code, already redeemed, with the second login's own valid state (and
    // the provider's issuer, as its answers carry).
    const first = logins.callbacks[0]!.searchParams;
    await context().clearCookies();
    const second = await popupFrom(page, providerButton(widget, "카카오"));
    await second.locator("input[name=login]").waitFor();
    await second.evaluate(
      (url) => {
        location.href = url;
      },
      callbackUrl("kakao", { code: first.get("code")!, state: logins.states.at(-1)!, iss: first.get("iss")! }),
    );
    await expect.poll(() => textOf(live(widget))).toBe("로그인하지 못했습니다. (provider_error)");
    expect(await textOf(second.locator("small"))).toBe("provider_error");
    expect(logins.sessions).toHaveLength(1);
    expect(await countOf(widget.locator(".m-choose"))).toBe(1);
  });

  it("refuses ID tokens for another audience or already expired, and providers the site removed or switched off", async () => {
    await setProvider("corp", tamperedProvider("tamper-aud", "Corp"));
    await setProvider("other", tamperedProvider("tamper-exp", "Other"));
    try {
      const { page, widget } = await openArticle(context(), { article: "s-tokens" });
      for (const label of ["Corp", "Other"]) {
        const popup = await popupFrom(page, providerButton(widget, label));
        // The provider remembers the reader after the first login and asks no more.
        if (label === "Corp") await logInAtOidc(popup, unique("aud"));
        // Both end in the same words: the popup's own page tells this login's end from the last.
        await expect.poll(() => textOf(popup.locator("small"))).toBe("invalid_id_token");
        await expect.poll(() => textOf(live(widget))).toBe("로그인하지 못했습니다. (invalid_id_token)");
        await popup.close();
      }
      // The widget still lists them; the site has since removed one and switched the other off.
      await removeProvider("corp");
      await setProvider("other", { ...tamperedProvider("tamper-exp", "Other"), enabled: false });
      for (const [label, code] of [
        ["Corp", "provider_not_found"],
        ["Other", "provider_not_enabled"],
      ] as const) {
        const popup = await popupFrom(page, providerButton(widget, label));
        await expect.poll(() => textOf(popup.locator("small"))).toBe(code);
        await expect.poll(() => textOf(live(widget))).toBe("이 사이트에서 쓸 수 없는 로그인입니다.");
        await popup.close();
      }
      expect(await countOf(widget.locator(".m-choose"))).toBe(1);
    } finally {
      await removeProvider("corp");
      await removeProvider("other");
    }
  });

  it("takes the login only from its own popup on its own origin, not from messages others forge", async () => {
    const { page, widget } = await openArticle(context(), { article: "s-forged" });
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    await popup.locator("input[name=login]").waitFor();
    const forged = {
      type: "marginalia:login",
      ok: true,
      kind: "login",
      session: "forged-session",
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: { id: "u_forged", name: "가짜", role: "commenter" },
    };
    // From the host page, into the frame; and from the provider's page in the popup (the right
    // window, the wrong origin), to its opener.
    await page.evaluate(([message, target]) => document.querySelector("iframe")!.contentWindow!.postMessage(message, target as string), [
      forged,
      service,
    ] as const);
    await popup.evaluate((message) => window.opener.postMessage(message, "*"), forged);
    await logInAtOidc(popup, "real-reader");
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("닉네임 real-reader님으로 로그인됨");
    expect(await textOf(widget.locator(".m-account"))).not.toContain("가짜");
  });

  it("gives the popup nothing to tell a host page that opens it itself", async () => {
    await recordHostMessages(context());
    const { page } = await openArticle(context(), { article: "s-hostile" });
    const start = `${service}/api/v1/auth/kakao/start?${new URLSearchParams({ site: sites.main.id, origin: hostOrigin })}`;
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate((url) => void window.open(url, "stolen", "popup"), start)]);
    await logInAtOidc(popup, unique("lure"));
    await untilClosed(popup);
    // The callback page posted to its opener (this host page) with the service's origin as
    // target, so the browser dropped it.
    expect((await hostMessages(page)).filter((m) => m.data.includes("marginalia:login"))).toEqual([]);
  });

  it("shows only the social logins when the host page has no login of its own, and speaks English", async () => {
    await withoutSiteLogin(context());
    const { widget } = await openArticle(context(), { article: "s-bare", lang: "en" });
    await expect.poll(() => widget.locator(".m-choose button").allTextContents()).toEqual(["Log in with Kakao", "Log in with Naver"]);
    expect(await textOf(widget.locator(".m-choose p"))).toBe("Select an account to comment");
  });
});

describe("the reader's account page", () => {
  it("renames, links a second login, downloads the data, logs out everywhere, unlinks, and deletes the account", async () => {
    const logins = watchLogins(context());
    const { page, widget } = await openArticle(context(), { article: "s-account" });
    const account = unique("acct");
    const first = await popupFrom(page, providerButton(widget, "카카오"));
    await logInAtOidc(first, account);
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain(`닉네임 ${account}님으로 로그인됨`);
    await expect.poll(() => logins.sessions.length).toBe(1);
    const kakaoSession = logins.sessions[0]!;
    await postThroughWidget(widget, "계정을 지우면 사라질 댓글");
    await card(widget, "계정을 지우면 사라질 댓글").waitFor();
    await postThroughWidget(widget, "답글이 달린 내 댓글");
    const replied = card(widget, "답글이 달린 내 댓글");
    await replied.waitFor();
    const parentId = (await replied.getAttribute("id"))!.replace("card-", "");
    await apiPost(await apiLogin("main", "s-replier", "답글러"), "s-account", "남의 답글은 남습니다", { parentId });

    // The account page: a dialog with the name, the linked logins and the actions.
    const toggle = widget.locator("#m-account-toggle");
    await toggle.click();
    const dialog = widget.locator("dialog.m-dialog");
    await expect.poll(() => dialog.locator("#m-name").inputValue()).toBe(`닉네임 ${account}`);
    await expect.poll(() => dialog.locator(".m-ids li").allTextContents()).toEqual(["카카오"]);
    expect(await countOf(dialog.locator(".m-ids button"))).toBe(0);

    // Rename: the dialog stays, the bar and the reader's comments show the new name.
    await dialog.locator("#m-name").fill("새 이름");
    await dialog.locator("button[type=submit]").click();
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("새 이름님으로 로그인됨");
    await expect.poll(() => textOf(replied.locator(".m-author"))).toBe("새 이름");

    // Link Naver through the same popup; the identity is attached only on confirmation.
    const member = unique("link");
    const linkPopup = await popupFrom(page, dialog.locator("button", { hasText: "네이버 계정 연결" }));
    await logInAtNaver(linkPopup, member);
    await expect.poll(() => dialog.locator(".m-ids li").allTextContents()).toEqual(["카카오연결 해제", "네이버연결 해제"]);
    // Linking hands the frame a proof, not a session: it still uses the one it had.
    expect(logins.sessions).toEqual([kakaoSession]);
    await page.screenshot({ path: `${ARTIFACTS}/39-social-account.png`, fullPage: true });

    // Download my data: a JSON file with the new name, both logins and the comments.
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.locator("button", { hasText: "내 데이터 다운로드" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^marginalia-e2e-.+\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(data.profile.name).toBe("새 이름");
    expect(data.identities.map((i: { provider: string }) => i.provider).sort()).toEqual(["kakao", "naver"]);
    expect(data.comments.map((c: { body: string }) => c.body).sort()).toEqual(["계정을 지우면 사라질 댓글", "답글이 달린 내 댓글"]);

    // Log out everywhere: this session is revoked too, and the chooser is back.
    await dialog.locator("button", { hasText: "모든 기기에서 로그아웃" }).click();
    await widget.locator(".m-choose").waitFor();
    expect(await countOf(dialog)).toBe(0);
    expect((await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${kakaoSession}` } })).status).toBe(401);

    // Naver now logs into the same account.
    const naver = await popupFrom(page, providerButton(widget, "네이버"));
    await logInAtNaver(naver, member);
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain("새 이름님으로 로그인됨");
    await expect.poll(() => logins.sessions.length).toBe(2);
    const naverSession = logins.sessions[1]!;

    // Unlink Kakao; the last login left cannot be unlinked.
    await toggle.click();
    await dialog.locator(".m-ids li", { hasText: "카카오" }).locator("button").click();
    await expect.poll(() => dialog.locator(".m-ids li").allTextContents()).toEqual(["네이버"]);
    await expect.poll(() => dialog.locator(".m-links button").first().textContent()).toBe("카카오 계정 연결");

    // Delete the account after a confirmation that says it cannot be undone.
    await dialog.locator("button", { hasText: "계정 삭제" }).click();
    const confirm = widget.locator("dialog.m-dialog").last();
    await expect
      .poll(() => textOf(confirm.locator(".m-dialog-text")))
      .toBe("계정을 삭제하면 작성한 댓글이 모두 지워지며 다시 복구할 수 없습니다. 그래도 삭제하시겠습니까?");
    await page.screenshot({ path: `${ARTIFACTS}/3a-social-delete-account.png`, fullPage: true });
    await confirm.locator("button[type=submit]").click();
    await expect.poll(() => textOf(live(widget))).toBe("계정을 삭제했습니다.");
    await widget.locator(".m-choose").waitFor();
    expect(await countOf(widget.locator("dialog"))).toBe(0);
    expect((await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${naverSession}` } })).status).toBe(401);

    // What an anonymous reader sees: the comment gone, the replied one a placeholder, the reply kept.
    await expect.poll(() => countOf(card(widget, "계정을 지우면 사라질 댓글"))).toBe(0);
    await expect.poll(() => textOf(widget.locator(`#card-${parentId}`))).toBe("삭제된 댓글입니다.");
    await card(widget, "남의 답글은 남습니다").waitFor();
    await expect
      .poll(async () => JSON.stringify((await listAnonymously("s-account")).body.comments), WITHIN_FRESHNESS)
      .not.toContain("계정을 지우면 사라질 댓글");
    const anonymous = (await listAnonymously("s-account")).body.comments;
    expect(JSON.stringify(anonymous)).not.toContain("계정을 지우면 사라질 댓글");
    expect(JSON.stringify(anonymous)).not.toContain("답글이 달린 내 댓글");
    expect(anonymous.find((c) => c.id === parentId)).toMatchObject({ body: null });
  });

  it("keeps the keyboard inside the account dialog and gives the focus back on Escape", async () => {
    const { page, widget, frame } = await openArticle(context(), { article: "s-keys" });
    const popup = await popupFrom(page, providerButton(widget, "네이버"));
    await logInAtNaver(popup, unique("keys"));
    const toggle = widget.locator("#m-account-toggle");
    await toggle.click();
    await widget.locator("dialog .m-ids li").first().waitFor();
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe("m-name");
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i < 6 ? "Tab" : "Shift+Tab");
      expect(await frame.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect.poll(() => countOf(widget.locator("dialog"))).toBe(0);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe("m-account-toggle");
  });
});

describe("a moderator by the admin's grant, logged in with a social account", () => {
  it("gets the widget's pin (고정) and feature buttons on the next page, without logging in again, and loses them with the grant", async () => {
    const article = unique("s-granted");
    const writer = await apiLogin("main", unique("s-granted-writer"), "작성자");
    await apiPost(writer, article, "고정할 만한 댓글");
    const logins = watchLogins(context());
    // On the service's own site the frame keeps its session across reloads (elsewhere a frame
    // whose storage is partitioned away revokes it when the page goes).
    const { page, widget } = await openArticle(context(), { article, sameSite: true });
    const popup = await popupFrom(page, providerButton(widget, "카카오"));
    const account = unique("kakao");
    await logInAtOidc(popup, account);
    await untilClosed(popup);
    await expect.poll(() => textOf(widget.locator(".m-account"))).toContain(`닉네임 ${account}님으로 로그인됨`);
    await card(widget, "고정할 만한 댓글").waitFor();
    expect(await countOf(widget.locator("[data-k=pin]"))).toBe(0);

    const me = await fetch(`${service}/api/v1/me`, { headers: { Authorization: `Bearer ${logins.sessions[0]}` } });
    const userId = ((await me.json()) as { user: { id: string } }).user.id;
    const grants = `/admin/sites/${sites.main.id}/moderators`;
    expect((await admin(grants, { method: "POST", json: { userId } })).status).toBe(201);
    const granted = await reload(page);
    const target = card(granted.widget, "고정할 만한 댓글");
    await target.locator("[data-k=pin]").click();
    await expect.poll(() => target.locator(".m-mark").allTextContents()).toEqual(["고정됨"]);

    expect((await admin(`${grants}/${userId}`, { method: "DELETE" })).status).toBe(204);
    const revoked = await reload(page);
    await card(revoked.widget, "고정할 만한 댓글").waitFor();
    await expect.poll(() => countOf(revoked.widget.locator("[data-k=pin]"))).toBe(0);
  });
});
