/**
 * An export's records in a form that is the same for two exports of the same content whatever
 * their ids, site id, times of export and record order: the round trip (export a site, import it
 * into a new one, export again) compares `canonicalExport` of both files.
 *
 * Every id becomes a label chosen by the content of its record (authors by what they are,
 * comments by their article, author, parent, time and text, …), assigned in dependency order
 * (articles, authors, top-level comments, replies), so references compare by what they point
 * at. Ids that name no record (a deleted account's `anon_…`, `admin`) keep only their kind.
 */
type Rec = Record<string, unknown> & { type: string };

const TYPES = ["site", "article", "author", "identity", "comment", "report", "moderator", "ban", "moderationAction"];

export function canonicalExport(records: Rec[]): Record<string, unknown> {
  const of = (type: string) => records.filter((r) => r.type === type);
  const labels = new Map<string, string>();
  const ref = (id: unknown) => {
    if (typeof id !== "string") return id;
    return labels.get(id) ?? (id.startsWith("anon_") ? "anon" : id === "admin" ? "admin" : `missing:${id}`);
  };
  /** Sorts `list` by content (after `rewrite`, without `id`) and labels each id `<prefix><n>` in that order. */
  const label = (list: Rec[], prefix: string, rewrite: (r: Rec) => Rec) => {
    const keyed = list.map((r) => ({ id: r.id as string, key: stable(withoutId(rewrite(r))) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const [n, { id }] of keyed.entries()) labels.set(id, `${prefix}${n}`);
  };
  const comments = of("comment");
  const commentRefs = (c: Rec): Rec => ({
    ...c,
    articleId: ref(c.articleId),
    authorId: ref(c.authorId),
    parentId: ref(c.parentId),
    reviewedBy: ref(c.reviewedBy),
  });

  label(of("article"), "article:", (r) => r);
  label(of("author"), "author:", (r) => r);
  label(
    comments.filter((c) => c.parentId === null),
    "comment:",
    commentRefs,
  );
  label(
    comments.filter((c) => c.parentId !== null),
    "reply:",
    commentRefs,
  );

  const rewrite: Record<string, (r: Rec) => Rec> = {
    site: ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest as Rec,
    article: (r) => ({ ...r, id: ref(r.id) }),
    author: (r) => ({ ...r, id: ref(r.id) }),
    identity: (r) => ({ ...r, authorId: ref(r.authorId) }),
    comment: (r) => ({ ...commentRefs(r), id: ref(r.id) }),
    report: (r) => ({ ...withoutId(r), commentId: ref(r.commentId), userId: ref(r.userId) }),
    moderator: (r) => ({ ...r, userId: ref(r.userId) }),
    ban: (r) => ({ ...r, userId: ref(r.userId), createdBy: ref(r.createdBy) }),
    moderationAction: (r) => ({ ...withoutId(r), commentId: ref(r.commentId), userId: ref(r.userId), actorId: ref(r.actorId) }),
  };
  const header = records.find((r) => r.type === "marginalia-export");
  const trailer = records.find((r) => r.type === "marginalia-export-end");
  return {
    version: header?.version,
    counts: trailer?.counts,
    ...Object.fromEntries(TYPES.map((type) => [type, of(type).map(rewrite[type]!).map(stable).sort()])),
  };
}

function withoutId({ id: _id, ...rest }: Rec): Rec {
  return rest as Rec;
}

/** JSON with object keys sorted, so equal records print alike. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
