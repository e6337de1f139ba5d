/**
 * count.js — fills comment counts into the page with one request per site (up to 100 articles
 * per request; article ids may contain commas). `data-marginalia-count` may hold a template
 * where `{n}` stands for the count.
 *
 * @example
 * <a href="/news/1#comments"><span data-marginalia-count="댓글 {n}" data-site="demo" data-article="a1"></span></a>
 * <script src="https://comments.example/count.js" async></script>
 */
const base = new URL((document.currentScript as HTMLScriptElement | null)?.src || "/", location.href).origin;

function fill(): void {
  const bySite: Record<string, HTMLElement[]> = {};
  document.querySelectorAll<HTMLElement>("[data-marginalia-count][data-site][data-article]").forEach((el) => {
    const site = el.dataset.site!;
    bySite[site] = [...(bySite[site] ?? []), el];
  });
  for (const site in bySite) {
    const els = bySite[site]!;
    const ids = [...new Set(els.map((el) => el.dataset.article!))];
    for (let i = 0; i < ids.length; i += 100) {
      // Repeated article= rather than a comma list: article ids may contain commas.
      const query = ids
        .slice(i, i + 100)
        .map((id) => `article=${encodeURIComponent(id)}`)
        .join("&");
      fetch(`${base}/api/v1/sites/${encodeURIComponent(site)}/counts?${query}`)
        .then((res) => res.json())
        .then((body: { counts?: Record<string, number> }) => {
          for (const el of els) {
            const n = body.counts?.[el.dataset.article!];
            if (n !== undefined) el.textContent = (el.dataset.marginaliaCount || "{n}").replace("{n}", String(n));
          }
        })
        .catch(() => {});
    }
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
else fill();
