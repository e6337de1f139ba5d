import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiLogin, apiPost, countOf, launchBrowser, logInThroughWidget, openArticle, postThroughWidget, shot, textOf } from "./helpers";

/** Markup, script and URL tricks readers might post; each must show as the text it is. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `"><svg onload="window.__xss=1"></svg>`,
  `<a href="javascript:window.__xss=1">누르세요</a>`,
  `javascript:window.__xss=1`,
  `[링크](javascript:window.__xss=1)`,
  `<iframe src="javascript:window.__xss=1"></iframe>`,
  `&lt;b&gt;굵게&lt;/b&gt; {{constructor.constructor('window.__xss=1')()}}`,
];
/** Posted by the reader in the widget: a link from a new account is held, so only they see it. */
const LINK_PAYLOAD = `참고 https://example.com/a?b=1&c=2"><img src=x onerror=window.__xss=1> 그리고 javascript:alert(1)`;

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 900, height: 1400 } });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("comment text is only ever text", () => {
  it("renders XSS payloads as text, executes nothing, and links only http(s) URLs, safely", async () => {
    const attacker = await apiLogin("main", "xss-writer", `<img src=x onerror="window.__xss=1">`);
    for (const body of PAYLOADS) await apiPost(attacker, "x-payloads", body);

    const dialogs: string[] = [];
    const consoleProblems: string[] = [];
    context.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    context.on("console", (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && consoleProblems.push(m.text()));
    const { page, widget, frame } = await openArticle(context, { article: "x-payloads", user: "xss-reader", name: "보안독자" });
    await logInThroughWidget(widget);
    await postThroughWidget(widget, LINK_PAYLOAD);
    await widget.locator(".m-card", { hasText: "참고" }).waitFor();

    const bodies = await widget.locator(".m-body").evaluateAll((els) => els.map((el) => el.textContent));
    for (const body of [...PAYLOADS, LINK_PAYLOAD]) expect(bodies).toContain(body);
    // The author's name is text too.
    await expect.poll(() => textOf(widget.locator(".m-author", { hasText: "onerror" }))).toBe(`<img src=x onerror="window.__xss=1">`);

    const dom = await frame.evaluate(() => ({
      injected: document.querySelectorAll("#marginalia img, #marginalia script, #marginalia svg, #marginalia iframe, [onerror], [onload]").length,
      links: [...document.querySelectorAll<HTMLAnchorElement>(".m-body a")].map((a) => ({ href: a.getAttribute("href"), rel: a.rel, text: a.textContent })),
      flag: (window as unknown as { __xss?: unknown }).__xss,
    }));
    expect(dom.injected).toBe(0);
    expect(dom.flag).toBeUndefined();
    expect(dom.links).toEqual([{ href: "https://example.com/a?b=1&c=2", rel: "nofollow ugc noopener", text: "https://example.com/a?b=1&c=2" }]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(consoleProblems).toEqual([]);

    // Trusted Types are enforced in the frame: even a stray innerHTML with a string would throw.
    expect(
      await frame.evaluate(() => {
        try {
          document.createElement("div").innerHTML = "<b>x</b>";
          return "parsed";
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe("TypeError");
    expect(await countOf(widget.locator(".m-card"))).toBe(PAYLOADS.length + 1);
    await shot(page, "20-xss-as-text");
  });
});
