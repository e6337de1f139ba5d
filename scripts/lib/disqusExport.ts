/**
 * A generated Disqus export, as text chunks (pure: no file system, so the tests in workerd use it
 * too). `npm run bench:import` writes it to a file (disqusGenerator.ts); test/imports imports it.
 */

export interface GeneratedExport {
  threads: number;
  posts: number;
  /** Posts that should become comments (not deleted; spam included, as rejected). */
  comments: number;
  spam: number;
}

const WORDS = ["기사", "잘", "읽었습니다", "동의합니다", "the", "article", "makes", "a", "fair", "point", "however", "정부", "정책", "news", "reader"];

/** A small deterministic generator (mulberry32), so two runs write the same file. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Yields a Disqus export of `posts` posts over `posts / 100` threads, a record at a time: 20%
 * replies (some nested two deep), 3% spam, 2% deleted, 10% anonymous authors among 5,000, HTML
 * messages with paragraphs, breaks, links and entities. Returns what it generated.
 */
export function* disqusExport(posts: number): Generator<string, GeneratedExport> {
  const rand = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]!;
  const threads = Math.max(1, Math.floor(posts / 100));
  yield '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n';
  yield '  <category dsq:id="1"><forum>bench</forum><title>General</title><isDefault>true</isDefault></category>\n';
  for (let t = 1; t <= threads; t++) {
    yield `  <thread dsq:id="t${t}">\n    <id>article-${t}</id>\n    <forum>bench</forum>\n    <link>https://news.example/articles/${t}</link>\n    <title>Article ${t} &amp; more</title>\n    <createdAt>2015-01-01T00:00:00Z</createdAt>\n  </thread>\n`;
  }
  const recent: { id: number; thread: number }[] = [];
  let comments = 0;
  let spam = 0;
  const start = Date.UTC(2015, 0, 1);
  for (let p = 1; p <= posts; p++) {
    const reply = recent.length > 0 && rand() < 0.2 ? pick(recent) : undefined;
    const thread = reply ? reply.thread : 1 + Math.floor(rand() * threads);
    const isSpam = rand() < 0.03;
    const isDeleted = !isSpam && rand() < 0.02;
    const anonymous = rand() < 0.1;
    const user = Math.floor(rand() * 5000);
    const words = Array.from({ length: 5 + Math.floor(rand() * 30) }, () => pick(WORDS)).join(" ");
    const message = `<p>${words}</p><p>more &amp; more<br>see <a href="https://example.org/${p}">example.org/${p}</a></p>`;
    const author = anonymous
      ? `<author><name>Guest ${user % 50}</name><isAnonymous>true</isAnonymous></author>`
      : `<author><name>Reader ${user}</name><email>reader${user}@example.com</email><username>reader${user}</username><isAnonymous>false</isAnonymous></author>`;
    const at = new Date(start + p * 60_000).toISOString().replace(".000", "");
    yield `  <post dsq:id="p${p}">\n    <id/>\n    <message><![CDATA[${message}]]></message>\n    <createdAt>${at}</createdAt>\n    <isDeleted>${isDeleted}</isDeleted>\n    <isSpam>${isSpam}</isSpam>\n    ${author}\n    <thread dsq:id="t${thread}"/>\n${reply ? `    <parent dsq:id="p${reply.id}"/>\n` : ""}  </post>\n`;
    if (!isDeleted) comments++;
    if (isSpam) spam++;
    recent.push({ id: p, thread });
    if (recent.length > 200) recent.shift();
  }
  yield "</disqus>\n";
  return { threads, posts, comments, spam };
}
