import { percentile } from "./bench-load";
import { call, commentsPath, type Target } from "./bench-scenarios";
import { readPage, type Sightings } from "./bench-viral-sightings";
import type { Post } from "./bench-viral-writers";

/** The edge cache never serves a page older than this (STALE_S): every post must be seen within it. */
export const VISIBILITY_BOUND_S = 10;
/** Past the bound, so a post accepted in the load's last second is checked as strictly as the others. */
export const FINAL_POLL_S = 12;
/** A safety stop for the final listing: 100 a page, far more than a run posts. */
const LISTING_MAX_PAGES = 50;

/** How many times each comment id and each post's marker is in the final listing. */
export interface Listing {
  ids: Map<string, number>;
  markers: Map<string, number>;
}

const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * The hot article's comments made since `since` (epoch ms), newest first, past the edge cache
 * (`Cache-Control: no-cache`): what D1 holds once the load is over.
 */
export async function finalListing(target: Target, since: number): Promise<Listing> {
  const listing: Listing = { ids: new Map(), markers: new Map() };
  const first = commentsPath(target.fixture, target.fixture.bigArticle, "?sort=newest&limit=100");
  let url = first;
  for (let pages = 0; pages < LISTING_MAX_PAGES; pages++) {
    const res = await call(target, url, { fresh: true });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`The final listing's ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    const page = readPage(text);
    for (const id of page.ids) tally(listing.ids, id);
    for (const marker of page.markers) tally(listing.markers, marker);
    if (!page.nextCursor || page.lastCreatedAt === null || page.lastCreatedAt < since) return listing;
    url = `${first}&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
  throw new Error(`The final listing did not reach comments older than the scenario in ${LISTING_MAX_PAGES} pages`);
}

/** The correctness tail: what became of every post, as anonymous readers and the final listing saw it. */
export interface Correctness {
  /** Published (201, status published): the posts the checks are about. */
  accepted: number;
  /** 201 but pending: held by moderation, left out of the checks (they must not be shown). */
  held: number;
  /** Answered with an error (code → count); a retry's duplicate answer is not counted. */
  refused: Record<string, number>;
  /** Never answered (status 0): whether they were written is unknown. */
  unanswered: number;
  visible: number;
  /** Accepted posts never seen by an anonymous reader, or missing from the final listing. */
  lost: string[];
  doubled: string[];
  /** Held or refused posts that an anonymous reader saw or the listing holds. */
  shownWrongly: string[];
  /** Seconds from a post's 201 to its first sighting by an anonymous reader. */
  visibilityS: { p50: number; p99: number; max: number };
}

function doubledPosts(posts: Post[], sightings: Sightings, listing: Listing): string[] {
  const doubled = [...sightings.doubled];
  for (const [id, n] of listing.ids) if (n > 1) doubled.push(`comment ${id} ${n} times in the final listing`);
  for (const [marker, n] of listing.markers) if (n > 1) doubled.push(`post ${marker} ${n} times in the final listing`);
  for (const p of posts) {
    const ids = new Set(p.retryIds?.filter((id) => id !== undefined));
    if (ids.size > 1) doubled.push(`post ${p.marker}: one Idempotency-Key answered with ${[...ids].join(" and ")}`);
  }
  return doubled;
}

export function judge(posts: Post[], sightings: Sightings, listing: Listing): Correctness {
  const accepted = posts.filter((p) => p.status === 201 && p.commentStatus === "published");
  const held = posts.filter((p) => p.status === 201 && p.commentStatus !== "published");
  const refused = posts.filter((p) => p.status !== 201 && p.status !== 0);
  const shown = (p: Post) => (p.commentId !== undefined && sightings.firstSeen.has(p.commentId)) || listing.markers.has(p.marker);
  const lost: string[] = [];
  const delays: number[] = [];
  for (const p of accepted) {
    const seenAt = sightings.firstSeen.get(p.commentId!);
    if (seenAt === undefined) lost.push(`${p.marker} (${p.commentId}) never seen by an anonymous reader`);
    else delays.push(Math.max(0, seenAt - p.acceptedAt!) / 1000);
    if (!listing.ids.has(p.commentId!)) lost.push(`${p.marker} (${p.commentId}) missing from the final listing`);
  }
  delays.sort((a, b) => a - b);
  return {
    accepted: accepted.length,
    held: held.length,
    refused: refused.reduce<Record<string, number>>((codes, p) => {
      const key = `${p.status} ${p.code ?? "(no code)"}`;
      codes[key] = (codes[key] ?? 0) + 1;
      return codes;
    }, {}),
    unanswered: posts.filter((p) => p.status === 0).length,
    visible: delays.length,
    lost,
    doubled: doubledPosts(posts, sightings, listing),
    shownWrongly: [...held, ...refused].filter(shown).map((p) => `${p.marker} (${p.status} ${p.commentStatus ?? p.code ?? ""})`),
    visibilityS: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? 0 },
  };
}
