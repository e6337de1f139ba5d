import { describe, expect, it } from "vitest";
import { canonicalExport } from "./canonicalExport";
import { downloadExport, seedRichSite } from "./archiveHelpers";

type Rec = Record<string, unknown> & { type: string };

const ID_FIELDS = ["id", "siteId", "authorId", "parentId", "articleId", "commentId", "userId", "reviewedBy", "actorId", "createdBy"];

/** The same content under other ids and another site id, records in another order: what an import into a new site gives. */
function renamed(records: Rec[]): Rec[] {
  const fresh = new Map<string, string>();
  const rename = (value: unknown) => {
    if (typeof value !== "string" || value === "admin") return value;
    if (!fresh.has(value)) fresh.set(value, `new-${crypto.randomUUID()}`);
    return fresh.get(value);
  };
  const moved = records.map((r) => {
    const copy: Rec = { ...r };
    for (const field of ID_FIELDS) if (field in copy && !(r.type === "identity" && field === "id")) copy[field] = rename(copy[field]);
    if (r.type === "marginalia-export") copy.exportedAt = new Date().toISOString();
    return copy;
  });
  return moved.reverse();
}

describe("canonicalExport (the round trip's comparison)", () => {
  it("is the same for the same content under other ids, another site id and another order", async () => {
    const { site } = await seedRichSite();
    const { records } = await downloadExport(site.id);
    expect(canonicalExport(renamed(records))).toEqual(canonicalExport(records));
  });

  it("tells a changed text, a moved reply or a renamed author apart", async () => {
    const { site, ids } = await seedRichSite();
    const { records } = await downloadExport(site.id);
    const base = canonicalExport(records);
    const edit = (change: (r: Rec) => Rec) => canonicalExport(records.map((r) => change({ ...r })));
    expect(edit((r) => (r.id === ids.top.id ? { ...r, body: "다른 글" } : r))).not.toEqual(base);
    expect(edit((r) => (r.id === ids.reply.id ? { ...r, parentId: ids.rejected.id } : r))).not.toEqual(base);
    expect(edit((r) => (r.type === "author" && r.displayName === "김기자" ? { ...r, displayName: "박기자" } : r))).not.toEqual(base);
    expect(edit((r) => (r.type === "comment" && r.id === ids.reply.id ? { ...r, likes: 5 } : r))).not.toEqual(base);
  });
});
