import { call, commentsPath, login, type Target } from "./bench-scenarios";
import { timed, type Sample } from "./bench-viral-requests";
import { markerOf } from "./bench-viral-sightings";
import { sleep } from "./bench-wrangler";

/**
 * Every this many posts, the writer's client sends the same request twice at once (one
 * Idempotency-Key), as a retry racing a slow first attempt does: one comment must come of it.
 */
const RETRY_EVERY = 5;

/** One post a writer made, and what became of it. */
export interface Post {
  writer: number;
  marker: string;
  /** The answer's status: a 201 from either attempt if any, else the first attempt's. */
  status: number;
  /** The error code of a refusal (422 needs_confirmation, 429 rate_limited...). */
  code?: string;
  commentId?: string;
  /** published, or pending when moderation held it. */
  commentStatus?: string;
  /** The comment's createdAt (epoch ms). */
  createdAt?: number;
  /** When the first 201 arrived (performance.now()): a post's visibility is timed from here. */
  acceptedAt?: number;
  /** The comment ids both attempts of a retried post were answered with: they must be one. */
  retryIds?: (string | undefined)[];
}

interface Created {
  comment?: { id: string; status: string; createdAt: string };
  error?: { code: string };
}

function parse(text: string): Created {
  try {
    return JSON.parse(text) as Created;
  } catch {
    return {}; // e.g. a proxy's HTML error page: its status is what gets reported
  }
}

/** Signs in `count` distinct writers (SSO, as the site's backend would) and returns their sessions. */
export function signInWriters(target: Target, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, w) => login(target, { sub: `bench-viral-writer-${w}`, name: `Viral Writer ${w}` })));
}

/** A benign, distinct comment: long enough to be ordinary, kind enough that moderation lets it through. */
const bodyOf = (marker: string) => `${marker} 기사 잘 읽었습니다. 차분하고 자세한 설명 덕분에 이해가 잘 되었어요. Thank you for the careful reporting.`;

async function postOnce(target: Target, samples: Sample[], session: string, marker: string, retried: boolean): Promise<Omit<Post, "writer">> {
  const url = commentsPath(target.fixture, target.fixture.bigArticle);
  const json = { body: bodyOf(marker) };
  const send = () => call(target, url, { method: "POST", session, json, headers: { "Idempotency-Key": `viral-${marker}` } });
  const attempts = await Promise.all(Array.from({ length: retried ? 2 : 1 }, () => timed(samples, "post", url, send)));
  const answers = attempts.map((a) => ({ ...a, body: parse(a.text) }));
  const created = answers.filter((a) => a.sample.status === 201).sort((a, b) => a.sample.doneAt - b.sample.doneAt);
  const answer = created[0] ?? answers[0]!;
  const comment = answer.body.comment;
  return {
    marker,
    status: answer.sample.status,
    code: answer.body.error?.code,
    commentId: comment?.id,
    commentStatus: comment?.status,
    createdAt: comment ? Date.parse(comment.createdAt) : undefined,
    acceptedAt: created[0]?.sample.doneAt,
    retryIds: retried ? answers.map((a) => a.body.comment?.id) : undefined,
  };
}

/** Who posts, and where their requests and posts are recorded (`posts` as they happen, for the watcher). */
export interface Writers {
  target: Target;
  sessions: string[];
  everyMs: number;
  runId: string;
  samples: Sample[];
  posts: Post[];
}

/**
 * Writers posting to the hot article until `deadline`, each one comment every `everyMs`
 * (started a fraction of the interval apart so their posts do not arrive together), each post
 * with an Idempotency-Key and a unique marker (`markerOf(runId, writer, n)`).
 */
export async function runWriters(w: Writers, deadline: number): Promise<void> {
  await Promise.all(
    w.sessions.map(async (session, writer) => {
      let next = performance.now() + (w.everyMs * writer) / w.sessions.length;
      for (let n = 0; ; n++) {
        await sleep(next - performance.now());
        if (performance.now() >= deadline) return;
        next += w.everyMs;
        const post = await postOnce(w.target, w.samples, session, markerOf(w.runId, writer, n), n % RETRY_EVERY === RETRY_EVERY - 1);
        w.posts.push({ writer, ...post });
      }
    }),
  );
}
