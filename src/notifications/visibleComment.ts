/** The notified comment as a notification row carries it (left-joined: null when it is gone). */
interface NotifiedComment {
  commentDeleted: boolean | null;
  commentStatus: string | null;
  commentAuthorId: string | null;
}

/**
 * Whether a notification may quote its comment to the reader: the comment is still there and
 * public, or it is the reader's own. A reply hidden since shows no text, in the widget or by e-mail.
 */
export const mayQuote = (row: NotifiedComment, readerId: string) =>
  row.commentDeleted === false && (row.commentStatus === "published" || row.commentAuthorId === readerId);
