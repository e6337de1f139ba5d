import type { Phase } from "../types";

// Schemes, www. hosts and bare domains with a common TLD — what readers paste as links.
const linkPattern =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|co|io|me|ly|info|biz|xyz|top|shop|site|link|gg|tv)\b(?:\/\S*)?/gi;

const countLinks = (text: string) => text.match(linkPattern)?.length ?? 0;

/** An account is new until it is a day old and has had its first comments published. */
const isNewAccount = (input: Parameters<Phase>[0]) =>
  input.now - input.author.createdAt < 24 * 3600 * 1000 || input.history.publishedCount < input.settings.newUserCommentCount;

/** Holds comments with more links than the site allows, and any link from a new account. */
export const links: Phase = (input) => {
  const count = countLinks(input.body);
  if (count > input.settings.maxLinks) {
    return [{ source: "links", action: "hold", code: "too_many_links", detail: `${count} links (at most ${input.settings.maxLinks})` }];
  }
  if (count > 0 && isNewAccount(input)) {
    return [{ source: "links", action: "hold", code: "link_from_new_account", detail: `${count} link(s) from a new account` }];
  }
  return [];
};
