import { h } from "./dom";
import { describe } from "./errors";
import { ui } from "./app";

/**
 * Fills `list` with a first page and gives back its "더 보기" button, which appends the next
 * page (the first new entry takes the focus, as "댓글 더보기" does) until there is none.
 */
export function pagedList<Page>(
  list: HTMLElement,
  first: Page,
  page: {
    entries: (page: Page) => HTMLElement[];
    cursor: (page: Page) => string | null;
    next: (cursor: string) => Promise<Page>;
    focus: (entry: HTMLElement) => void;
  },
  label: string,
): HTMLButtonElement {
  const more = h("button", { type: "button", class: "m-btn" }, label);
  let cursor: string | null = null;
  const show = (shown: Page) => {
    list.append(...page.entries(shown));
    cursor = page.cursor(shown);
    more.hidden = !cursor;
  };
  show(first);
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const before = list.children.length;
      show(await page.next(cursor ?? ""));
      const entry = list.children[before] as HTMLElement | undefined;
      if (entry) page.focus(entry);
    } catch (error) {
      ui.say(describe(error), "", true);
    }
    more.disabled = false;
  });
  return more;
}
