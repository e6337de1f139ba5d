import { eq } from "drizzle-orm";
import { runBatch, type Db } from "../db/client";
import { siteOrigins, sites, type Site } from "../db/schema";
import { resolveSettings, type SiteSettings } from "./settings";
import { forgetSite } from "./siteCache";

export type SiteRecord = Omit<Site, "settings"> & { settings: SiteSettings };

function toRecord(row: Site): SiteRecord {
  return { ...row, settings: resolveSettings(row.settings) };
}

export async function findSite(db: Db, siteId: string): Promise<SiteRecord | undefined> {
  const row = await db.select().from(sites).where(eq(sites.id, siteId)).get();
  return row ? toRecord(row) : undefined;
}

export async function listSites(db: Db): Promise<SiteRecord[]> {
  const rows = await db.select().from(sites).orderBy(sites.id).all();
  return rows.map(toRecord);
}

/** Whether any site lists `origin` among its own (CORS for routes that name no site). */
export async function isKnownOrigin(db: Db, origin: string): Promise<boolean> {
  const row = await db.select({ siteId: siteOrigins.siteId }).from(siteOrigins).where(eq(siteOrigins.origin, origin)).limit(1).get();
  return row !== undefined;
}

export async function insertSite(db: Db, site: Site): Promise<void> {
  await runBatch(db, [db.insert(sites).values(site), ...site.origins.map((origin) => db.insert(siteOrigins).values({ origin, siteId: site.id }))]);
}

/** Replaces a site's fields; origins are rewritten together with their lookup rows. */
export async function updateSite(db: Db, siteId: string, changes: Partial<Omit<Site, "id" | "createdAt">>) {
  forgetSite(siteId);
  const write = db
    .update(sites)
    .set({ ...changes, updatedAt: Date.now() })
    .where(eq(sites.id, siteId));
  if (!changes.origins) await write;
  else {
    await runBatch(db, [
      write,
      db.delete(siteOrigins).where(eq(siteOrigins.siteId, siteId)),
      ...changes.origins.map((origin) => db.insert(siteOrigins).values({ origin, siteId })),
    ]);
  }
  // Again after the write: a read racing it may have cached the old row meanwhile.
  forgetSite(siteId);
}
