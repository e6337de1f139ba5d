import { call, commentsPath, type Target } from "./bench-scenarios";
import { loopUntil, timed, type Route, type Sample } from "./bench-viral-requests";
import type { PageView, Sightings } from "./bench-viral-sightings";
import { sleep } from "./bench-wrangler";

/** One reader in this many also follows page 1's nextCursor, as a reader clicking "more" does. */
const FOLLOW_EVERY = 8;
/** The watcher's pace: a post's first sighting is timed to within this. */
const WATCH_EVERY_MS = 250;
/**
 * The watcher reads the newest 100 (the API's largest page): 3 writers post ~6 comments a
 * second, which push a post off a 20-comment page 1 within ~3 s, sooner than the next version
 * of that page is made, so the readers' own pages alone could never see some posts.
 */
const WATCH_LIMIT = 100;
/** How far back the watcher pages looking for a post not yet seen. */
const WATCH_MAX_PAGES = 5;

/** Where the readers send their requests and put what they saw. */
export interface Readers {
  target: Target;
  samples: Sample[];
  sightings: Sightings;
}

const listUrl = (target: Target, query: string) => commentsPath(target.fixture, target.fixture.bigArticle, query);
const withCursor = (url: string, cursor: string) => `${url.replace(/&cursor=[^&]*/, "")}&cursor=${encodeURIComponent(cursor)}`;

/** Loads a list page anonymously, as the widget would, and notes what it shows. */
async function readList(r: Readers, route: Route, url: string): Promise<PageView | undefined> {
  const { sample, text } = await timed(r.samples, route, url, () => call(r.target, url));
  return sample.status === 200 ? r.sightings.see(url, sample.etag, text, sample.doneAt) : undefined;
}

/**
 * `count` anonymous readers of the hot article until `deadline`, each on its own keep-alive
 * connection, in a loop: page 1 (newest, newest, popular in turn, 20 comments) and the
 * article's count, as every view of the article asks for both; one reader in FOLLOW_EVERY also
 * follows page 1's nextCursor once.
 */
export async function runReaders(r: Readers, count: number, deadline: number): Promise<void> {
  const f = r.target.fixture;
  const countsUrl = `/api/v1/sites/${f.siteId}/counts?articles=${f.bigArticle}`;
  const turns: number[] = [];
  await loopUntil(deadline, count, async (i) => {
    const turn = turns[i] ?? 0;
    turns[i] = turn + 1;
    const sort = (turn + i) % 3 === 2 ? "popular" : "newest";
    const page = await readList(r, "list", listUrl(r.target, `?sort=${sort}&limit=20`));
    if (page?.nextCursor && i % FOLLOW_EVERY === FOLLOW_EVERY - 1) {
      const url = withCursor(listUrl(r.target, `?sort=${sort}&limit=20`), page.nextCursor);
      const next = await readList(r, "next", url);
      if (next) r.sightings.follow(page, next, url);
    }
    await timed(r.samples, "counts", countsUrl, () => call(r.target, countsUrl));
  });
}

/**
 * One look by the watcher, an anonymous reader like the others: the newest 100, then older
 * pages while a post not yet seen (`oldestUnseen`, its createdAt) may be further back.
 */
async function watchOnce(r: Readers, oldestUnseen: () => number | undefined): Promise<void> {
  let url = listUrl(r.target, `?sort=newest&limit=${WATCH_LIMIT}`);
  for (let pages = 1; pages <= WATCH_MAX_PAGES; pages++) {
    const page = await readList(r, "watch", url);
    const oldest = oldestUnseen();
    if (!page?.nextCursor || page.lastCreatedAt === null || oldest === undefined || page.lastCreatedAt < oldest) return;
    url = withCursor(url, page.nextCursor);
  }
}

/** The watcher, every WATCH_EVERY_MS until `deadline`, or sooner once `done()`. */
export async function runWatcher(r: Readers, deadline: number, oldestUnseen: () => number | undefined, done = () => false): Promise<void> {
  while (performance.now() < deadline && !done()) {
    const t0 = performance.now();
    await watchOnce(r, oldestUnseen);
    await sleep(Math.min(WATCH_EVERY_MS - (performance.now() - t0), deadline - performance.now()));
  }
}
