/**
 * The widget's words: each key's Korean and English side by side, so neither can be forgotten.
 * `{x}` placeholders are filled by `t()`.
 */
const words = {
  count: ["댓글 {n}", "{n} comments"],
  sort: ["정렬", "Sort"],
  newest: ["최신순", "Newest"],
  oldest: ["오래된순", "Oldest"],
  popular: ["공감순", "Most liked"],
  chooseAccount: ["댓글을 쓰려면 계정을 선택하세요", "Select an account to comment"],
  siteLogin: ["{site} 계정으로 로그인", "Log in with {site}"],
  loggedInAs: ["{name}님으로 로그인됨", "Logged in as {name}"],
  logout: ["로그아웃", "Log out"],
  write: ["댓글 쓰기", "Write a comment"],
  writeReply: ["{name}님에게 답글 쓰기", "Reply to {name}"],
  placeholder: ["타인의 권리를 침해하거나 명예를 훼손하는 댓글은 운영원칙에 따라 제재를 받을 수 있습니다.", "Be civil. Comments that break the site's rules may be removed."],
  post: ["등록", "Post"],
  save: ["저장", "Save"],
  cancel: ["취소", "Cancel"],
  reply: ["답글", "Reply"],
  replies: ["답글 {n}", "Replies {n}"],
  edit: ["수정", "Edit"],
  editLabel: ["댓글 수정", "Edit your comment"],
  delete: ["삭제", "Delete"],
  report: ["신고", "Report"],
  ignore: ["이 사용자 숨기기", "Ignore this user"],
  unignore: ["숨김 해제", "Show again"],
  like: ["공감", "Like"],
  dislike: ["비공감", "Dislike"],
  more: ["댓글 더보기", "More comments"],
  moreReplies: ["답글 더보기", "More replies"],
  edited: ["수정됨", "edited"],
  pending: ["검토 중 · 승인되면 다른 독자에게도 보입니다", "Awaiting review · others will see it once approved"],
  deleted: ["삭제된 댓글입니다.", "This comment was deleted."],
  ignored: ["숨긴 사용자의 댓글입니다.", "Comment from a user you ignore."],
  reported: ["신고한 댓글입니다. 운영자가 검토합니다.", "You reported this comment. The moderators will review it."],
  empty: ["첫 댓글을 남겨 보세요.", "Be the first to comment."],
  loading: ["댓글을 불러오는 중…", "Loading comments…"],
  retry: ["다시 시도", "Try again"],
  closed: ["댓글이 닫힌 기사입니다.", "Comments are closed on this article."],
  needLogin: ["로그인이 필요합니다.", "Please log in first."],
  held: ["댓글이 등록되었습니다. 검토 후 다른 독자에게 보입니다.", "Posted. Others will see your comment once it is reviewed."],
  rejected: ["댓글이 등록되지 않았습니다: {reasons}", "Your comment was not posted: {reasons}"],
  confirmNeeded: ["운영원칙에 어긋날 수 있는 표현이 있습니다 ({reasons}). 고쳐 쓰시거나, 그대로 등록하면 검토 후 게시됩니다.", "This comment may break the site's rules ({reasons}). Revise it, or post it anyway to have it reviewed first."],
  revise: ["고쳐 쓰기", "Revise"],
  postAnyway: ["그대로 등록", "Post anyway"],
  tooOften: ["너무 자주 작성하고 있습니다. {wait} 후({at})에 다시 시도하세요.", "You are posting too often. Try again in {wait} ({at})."],
  banned: ["댓글 작성이 제한된 계정입니다.", "Your account may not comment."],
  bannedUntil: ["{until}까지 댓글 작성이 제한된 계정입니다.", "Your account may not comment until {until}."],
  windowPassed: ["수정할 수 있는 시간이 지났습니다.", "The time to edit this comment has passed."],
  expired: ["로그인이 만료되었습니다. 다시 로그인하세요.", "Your session has expired. Please log in again."],
  network: ["연결하지 못했습니다. 잠시 후 다시 시도하세요.", "Could not connect. Please try again shortly."],
  failed: ["요청을 처리하지 못했습니다. ({code})", "Something went wrong. ({code})"],
  deleteTitle: ["댓글 삭제", "Delete comment"],
  deleteConfirm: ["삭제한 댓글은 다시 복구할 수 없습니다. 그래도 삭제하시겠습니까?", "Deleted comments cannot be restored. Delete anyway?"],
  reportTitle: ["댓글 신고", "Report comment"],
  reportReason: ["신고 사유", "Reason"],
  reportNote: ["내용 (선택)", "Details (optional)"],
  reportDone: ["신고가 접수되었습니다.", "Thank you. Your report was sent."],
  sec: ["{n}초", "{n} s"],
  min: ["{n}분", "{n} min"],
  hour: ["{n}시간", "{n} h"],
  justNow: ["방금", "just now"],
  r_spam: ["스팸·홍보", "Spam or advertising"],
  r_abuse: ["욕설·비하", "Abuse or insults"],
  r_hate: ["혐오 표현", "Hate speech"],
  r_sexual: ["음란·선정성", "Sexual content"],
  r_privacy: ["개인정보 노출", "Personal information"],
  r_misinformation: ["허위 사실", "Misinformation"],
  r_other: ["기타", "Other"],
  m_banned_words: ["금지어 포함", "banned words"],
  m_duplicate: ["같은 댓글을 이미 작성함", "you already posted this"],
  m_suspect_words: ["주의가 필요한 표현", "words to reconsider"],
  m_toxic: ["공격적인 표현", "aggressive language"],
  m_other: ["운영원칙 위반", "against the site's rules"],
  myAccount: ["내 계정", "My account"],
  displayName: ["표시 이름", "Display name"],
  saved: ["저장했습니다.", "Saved."],
  linked: ["연결된 계정", "Linked accounts"],
  unlink: ["연결 해제", "Unlink"],
  linkWith: ["{site} 계정 연결", "Link {site}"],
  exportData: ["내 데이터 다운로드", "Download my data"],
  logoutAll: ["모든 기기에서 로그아웃", "Log out everywhere"],
  deleteAccount: ["계정 삭제", "Delete account"],
  deleteAccountConfirm: ["계정을 삭제하면 작성한 댓글이 모두 지워지며 다시 복구할 수 없습니다. 그래도 삭제하시겠습니까?", "Deleting your account erases all your comments for good. Delete anyway?"],
  accountDeleted: ["계정을 삭제했습니다.", "Your account was deleted."],
  // Social login failures by code (src/auth/social/loginError.ts, plus the frame's popup_*):
  // closing the popup is cancelling; a state unknown, used or too old is an expired login.
  l_login_cancelled: ["로그인을 취소했습니다.", "Login cancelled."],
  l_popup_closed: ["로그인을 취소했습니다.", "Login cancelled."],
  l_invalid_state: ["로그인이 만료되었습니다. 다시 로그인하세요.", "This login expired. Please try again."],
  l_popup_blocked: ["팝업이 차단되었습니다. 팝업을 허용해 주세요.", "Pop-up blocked. Please allow pop-ups."],
  l_identity_in_use: ["다른 사용자의 계정입니다.", "That account is someone else's."],
  l_provider_already_linked: ["이미 연결된 서비스입니다.", "That service is already linked."],
  l_provider_not_enabled: ["이 사이트에서 쓸 수 없는 로그인입니다.", "This login is not available here."],
  l_provider_not_found: ["이 사이트에서 쓸 수 없는 로그인입니다.", "This login is not available here."],
  l_other: ["로그인하지 못했습니다. ({code})", "Could not log in. ({code})"],
} satisfies Record<string, [ko: string, en: string]>;

export type Key = keyof typeof words;
export let lang: "ko" | "en" = "ko";

export function setLanguage(value: string): void {
  lang = value === "en" ? "en" : "ko";
}

/** A string with its `{name}` placeholders filled; values are plain text, never markup. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return words[key][lang === "en" ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** "1 comment" reads better than "1 comments". */
export const countLabel = (n: number) => (lang === "en" && n === 1 ? "1 comment" : t("count", { n }));

/** Why a social login or link did not finish, from its error code. */
export const loginLabel = (code: string) => (`l_${code}` in words ? t(`l_${code}` as Key) : t("l_other", { code }));

/** Words for a moderation reason code; unknown codes read as a generic rule break. */
export const reasonLabel = (code: string) => t((`m_${code}` in words ? `m_${code}` : "m_other") as Key);
