/**
 * The words of the panels loaded on demand — notifications (알림) and comment history (댓글
 * 이력) — in their own module, so the first load does not carry them. Korean and English side
 * by side as in words.ts; the build keeps one side per language (scripts/build-widget.ts).
 */
export const panelWords = {
  close: ["닫기", "Close"],
  more: ["더 보기", "Show more"],
  markAll: ["모두 읽음", "Mark all read"],
  empty: ["알림이 없습니다.", "No notifications."],
  unread: ["읽지 않음", "Unread"],
  n_reply: ["{name}님이 답글을 남겼습니다", "{name} replied to you"],
  n_approved: ["댓글이 승인되어 게시되었습니다", "Your comment was approved"],
  n_rejected: ["댓글이 거절되었습니다", "Your comment was rejected"],
  n_rejectedWhy: ["댓글이 거절되었습니다: {reason}", "Your comment was rejected: {reason}"],
  n_reactions: ["댓글이 공감 {n}개를 받았습니다", "Your comment reached {n} likes"],
  elsewhere: ["다른 기사의 댓글입니다.", "That comment is on another article."],
  notShown: ["이 페이지에 보이지 않는 댓글입니다.", "That comment is not shown on this page."],
  email: ["이메일로도 알림 받기", "Also notify me by e-mail"],
  emailSaved: ["저장했습니다.", "Saved."],
  emailNotVerified: ["사이트가 확인한 이메일 주소가 없어 이메일 알림을 받을 수 없습니다.", "E-mail notifications need an address the site has verified."],
  emailNotEnabled: ["이 사이트는 이메일 알림을 제공하지 않습니다.", "This site does not send e-mail notifications."],
  historyOf: ["{name}님의 댓글 이력", "{name}'s comments"],
  stats: ["댓글 {comments} · 공감 {likes} · {joined} 가입", "Comments {comments} · Likes {likes} · Joined {joined}"],
  noComments: ["게시된 댓글이 없습니다.", "No published comments."],
  historyOff: ["이 사이트는 댓글 이력을 공개하지 않습니다.", "This site does not show comment histories."],
  untitled: ["제목 없는 기사", "Untitled article"],
} satisfies Record<string, [ko: string, en: string]>;
