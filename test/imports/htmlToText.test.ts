import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../src/imports/htmlToText";

describe("htmlToText", () => {
  it.each([
    ["<p>One</p><p>Two</p>", "One\n\nTwo"],
    ["a<br>b<br/>c<BR />d", "a\nb\nc\nd"],
    ['see <a href="https://x.test/a?b=1&amp;c=2" rel="nofollow">x.test/a…</a>!', "see https://x.test/a?b=1&c=2!"],
    ['<a href="javascript:alert(1)">click</a>', "click"],
    ["&lt;b&gt; is &quot;bold&quot; &#39;ok&#x27; &hellip; &nbsp;&unknown; AT&T", "<b> is \"bold\" 'ok' … &unknown; AT&T"],
    ["<b>bold</b> <i>it</i><script>alert(1)</script><style>p{}</style> end", "bold it end"],
    ["1 < 2 and 3 > 2", "1 < 2 and 3 > 2"],
    ["<p>  spaced \n  out  </p>", "spaced out"],
    ["<!-- note -->text", "text"],
    ["<p></p><p>\u202Eevil</p>", "evil"],
  ])("%j → %j", (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it("keeps WordPress line breaks", () => {
    expect(htmlToText("line one\nline two\n\n\n\npara &amp; more", true)).toBe("line one\nline two\n\npara & more");
  });

  it("never leaves a tag's angle brackets from markup, whatever the input", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("<p>", "</p>", "<br>", "<b>", "</b>", "text", " ", "&amp;", "<a href='https://a.test'>", "</a>")), (parts) => {
        const text = htmlToText(parts.join(""));
        expect(text).not.toMatch(/<\/?(p|b|br|a)\b/);
        expect(text).toBe(text.trim());
      }),
    );
  });
});
