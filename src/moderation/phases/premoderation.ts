import type { Phase } from "../types";

/** Holds everything (`all`) or a user's first comments (`new-users`); an article may override the site. */
export const premoderation: Phase = (input) => {
  const mode = input.articlePremoderation ?? input.settings.premoderation;
  if (mode === "all") return [{ source: "premoderation", action: "hold", code: "premoderation", detail: "Every comment is reviewed first" }];
  if (mode === "new-users" && input.history.publishedCount < input.settings.newUserCommentCount) {
    return [{ source: "premoderation", action: "hold", code: "new_user", detail: `First ${input.settings.newUserCommentCount} comments are reviewed` }];
  }
  return [];
};
