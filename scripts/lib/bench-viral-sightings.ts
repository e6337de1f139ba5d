/**
 * Every viral post carries a marker unique to the run, writer and post, so a page shows which
 * posts it holds and a post listed twice (two rows, one text) shows as doubled.
 */
export const markerOf = (runId: string, writer: number, n: number) => `vb-${runId}-w${writer}-${n}`;
const MARKERS = /vb-[0-9a-f]{8}-w\d+-\d+/g;

interface ListBody {
  comments: { id: string; body: string | null; createdAt: string }[];
  nextCursor: string | null;
}

/** A version of a list page, as the checks need it. */
export interface PageView {
  ids: string[];
  markers: string[];
  nextCursor: string | null;
  /** Epoch ms of its last (for newest: oldest) comment; null when empty. */
  lastCreatedAt: number | null;
}

export function readPage(text: string): PageView {
  const body = JSON.parse(text) as ListBody;
  const last = body.comments.at(-1);
  return {
    ids: body.comments.map((c) => c.id),
    markers: body.comments.flatMap((c) => c.body?.match(MARKERS) ?? []),
    nextCursor: body.nextCursor,
    lastCreatedAt: last ? Date.parse(last.createdAt) : null,
  };
}

const repeated = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

/**
 * What anonymous readers saw: when each comment id first appeared on a list page, and any
 * page that listed one comment (id or marker) twice, or repeated on its next page what it
 * listed. Each version of a page (url + ETag: the same ETag is the same bytes) is read once,
 * so 30 readers of a cached page cost one parse.
 */
export class Sightings {
  readonly firstSeen = new Map<string, number>();
  readonly doubled = new Set<string>();
  private readonly versions = new Map<string, PageView>();

  /** The page an answer of `url` holds, noting when its comments were first seen (`at`). */
  see(url: string, etag: string, text: string, at: number): PageView {
    const version = `${url} ${etag}`;
    const known = etag ? this.versions.get(version) : undefined;
    if (known) return known;
    const page = readPage(text);
    if (etag) this.versions.set(version, page);
    for (const id of page.ids) if (!this.firstSeen.has(id)) this.firstSeen.set(id, at);
    for (const id of new Set(repeated(page.ids))) this.doubled.add(`comment ${id} twice on one page of ${url}`);
    for (const marker of new Set(repeated(page.markers))) this.doubled.add(`post ${marker} twice on one page of ${url}`);
    return page;
  }

  /** A keyset page must not repeat what the page whose nextCursor led to it listed. */
  follow(previous: PageView, next: PageView, url: string): void {
    const before = new Set(previous.ids);
    for (const id of next.ids) if (before.has(id)) this.doubled.add(`comment ${id} on page 1 and again on its next page (${url})`);
  }
}
